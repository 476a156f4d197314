/**
 * An adopter's jest config. The one line kms-fake asks for is `setupFilesAfterEnv`.
 *
 * `kms-fake/jest` resolves through kms-fake's package.json "exports": jest 29 resolves a
 * package's own name from inside that package (as node does), so this example needs no
 * moduleNameMapper — and an adopter, who installs kms-fake into node_modules, needs none
 * either. Run `npm run build` first: the entry points live in dist/.
 *
 * Two projects: the usual one with jest's globals, and one with `injectGlobals: false`, whose
 * tests import `describe`, `expect`, ... from `@jest/globals` (and so does kms-fake/jest).
 *
 * @type {import('jest').Config}
 */
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  setupFiles: ['<rootDir>/env.js'],
  setupFilesAfterEnv: ['kms-fake/jest'],
};

module.exports = {
  projects: [
    { ...common, displayName: 'globals', testMatch: ['<rootDir>/test/**/*.test.ts'] },
    { ...common, displayName: 'no-globals', injectGlobals: false, testMatch: ['<rootDir>/no-globals/**/*.test.ts'] },
  ],
};
