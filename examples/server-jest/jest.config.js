/**
 * One fake KMS for the whole test run, shared by every jest worker and by the processes the
 * tests start: `globalSetup` serves it over HTTP and publishes its endpoint in
 * `process.env.KMS_ENDPOINT` (workers inherit the parent's environment); `globalTeardown`
 * closes it. Run `npm run build` first: `kms-fake` resolves to the built package.
 *
 * @type {import('jest').Config}
 */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  setupFiles: ['<rootDir>/env.js'],
  globalSetup: '<rootDir>/globalSetup.ts',
  globalTeardown: '<rootDir>/globalTeardown.ts',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
};
