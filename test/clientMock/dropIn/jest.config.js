// The drop-in run: the test files of this folder, exactly as written for aws-sdk-client-mock,
// with their two specifiers resolved to kms-fake's entries. (The root jest config runs the same
// files against the original packages.)
const path = require('node:path');
const root = require('../../../jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...root,
  rootDir: path.join(__dirname, '../../..'),
  roots: ['<rootDir>/test/clientMock/dropIn'],
  testMatch: ['**/*.test.ts', '**/swapApplied.dropin.ts'],
  // Relies on an unstubbed command resolving undefined, which kms-fake answers from the fake.
  testPathIgnorePatterns: [...root.testPathIgnorePatterns, '/unstubbedUndefined\\.test\\.ts$'],
  resolver: '<rootDir>/test/clientMock/dropIn/swapSpecifiers.js',
};
