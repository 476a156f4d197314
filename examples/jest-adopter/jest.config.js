/**
 * An adopter's jest config. The one line kms-fake asks for is `setupFilesAfterEnv`.
 *
 * `kms-fake/jest` resolves through kms-fake's package.json "exports": jest 29 resolves a
 * package's own name from inside that package (as node does), so this example needs no
 * moduleNameMapper — and an adopter, who installs kms-fake into node_modules, needs none
 * either. Run `npm run build` first: the entry points live in dist/.
 *
 * @type {import('jest').Config}
 */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  setupFiles: ['<rootDir>/env.js'],
  setupFilesAfterEnv: ['kms-fake/jest'],
};
