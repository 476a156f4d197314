import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// kms-fake/client-mock-jest/vitest listed in setupFiles BEFORE kms-fake/vitest (as a suite that
// had aws-sdk-client-mock-jest's vitest entry there gets when it adds kms-fake/vitest after it):
// the later setup file must not take the stub matchers away. Run `npm run build` first.
export default defineConfig({
  test: {
    root: join(__dirname, '/'),
    include: ['*.stubMatchersFirst.mjs'],
    setupFiles: ['../../support/env.ts', 'kms-fake/client-mock-jest/vitest', 'kms-fake/vitest'],
  },
});
