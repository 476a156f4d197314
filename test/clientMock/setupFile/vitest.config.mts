import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// kms-fake/client-mock-jest/vitest in a project whose vitest config also has the kms-fake/vitest
// setup file. kms-fake resolves through its own package.json "exports": run `npm run build` first.
// vite defines __dirname while it loads a config file.
export default defineConfig({
  test: {
    root: join(__dirname, '/'),
    include: ['*.vitest.mjs'],
    setupFiles: ['../../support/env.ts', 'kms-fake/vitest'],
  },
});
