import { defineConfig } from 'vitest/config';

// An adopter's vitest config: the one line kms-fake asks for is `setupFiles`.
// `kms-fake/vitest` resolves through kms-fake's package.json "exports" (run `npm run build`
// first: the entry points live in dist/).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['./env.ts', 'kms-fake/vitest'],
  },
});
