// kms-fake/client-mock in a project whose jest config also has the kms-fake/jest setup file.
const path = require('node:path');
const root = require('../../../jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...root,
  rootDir: path.join(__dirname, '../../..'),
  roots: ['<rootDir>/test/clientMock/setupFile'],
  testMatch: ['**/*.setup.ts'],
  setupFilesAfterEnv: [...root.setupFilesAfterEnv, '<rootDir>/src/jest/index.ts'],
  moduleNameMapper: { ...root.moduleNameMapper, '^kms-fake/jest$': '<rootDir>/src/jest/index.ts' },
};
