// A project that registers aws-sdk-client-mock-jest's matchers before the kms-fake/jest setup file
// (a suite part-way through its migration): both kinds of matcher must keep judging their own receivers.
const path = require('node:path');
const root = require('../../../jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...root,
  rootDir: path.join(__dirname, '../../..'),
  roots: ['<rootDir>/test/clientMock/matchersFirst'],
  testMatch: ['**/*.setup.ts'],
  setupFilesAfterEnv: [...root.setupFilesAfterEnv, 'aws-sdk-client-mock-jest', '<rootDir>/src/jest/index.ts'],
  moduleNameMapper: { ...root.moduleNameMapper, '^kms-fake/jest$': '<rootDir>/src/jest/index.ts' },
};
