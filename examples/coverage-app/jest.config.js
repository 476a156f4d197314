/**
 * The example's jest config: `kms-fake/jest` fakes every KMSClient, and `kms-fake/reporter`
 * reports which KMS outcomes the application code was tested against. `kms-fake` resolves by
 * name through its package.json "exports" (run `npm run build` first).
 *
 * @type {import('jest').Config}
 */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/jest/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  setupFiles: ['<rootDir>/env.js'],
  setupFilesAfterEnv: ['kms-fake/jest'],
  reporters: [
    'default',
    [
      'kms-fake/reporter',
      {
        // The example's own test reads the report from elsewhere; a project keeps the default.
        outputDirectory: process.env.COVERAGE_APP_OUT ?? 'kms-fake-coverage/jest',
        thresholds: require('./thresholds.js'),
      },
    ],
  ],
};
