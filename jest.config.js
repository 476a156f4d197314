/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test', '<rootDir>/examples'],
  testMatch: ['**/*.test.ts'],
  // The adopter projects (and examples/coverage-app, which test/coverage/exampleReport.test.ts runs)
  // run under their own configs (see package.json "test"): they load the
  // built package by name, as an application does, instead of mapping kms-fake to src/.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/examples/jest-adopter/', '<rootDir>/examples/vitest-adopter/', '<rootDir>/examples/server-jest/', '<rootDir>/examples/coverage-app/'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  setupFiles: ['<rootDir>/test/support/env.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/support/cleanup.ts'],
  moduleNameMapper: {
    '^kms-fake$': '<rootDir>/src/index.ts',
    '^kms-fake/client-mock$': '<rootDir>/src/clientMock/index.ts',
    '^kms-fake/client-mock-jest$': '<rootDir>/src/clientMockJest/index.ts',
  },
};
