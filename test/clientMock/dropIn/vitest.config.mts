import { join } from 'node:path';
import { defineConfig, type Plugin } from 'vitest/config';

// The drop-in run under vitest: the test files of this folder, as written for
// aws-sdk-client-mock, with 'aws-sdk-client-mock' read as 'kms-fake/client-mock' and the matchers
// as 'kms-fake/client-mock-jest/vitest' (vitest's form, as 'aws-sdk-client-mock-jest/vitest' is
// the original's). kms-fake resolves through its own package.json "exports": run `npm run build` first.
// vite defines __dirname while it loads a config file.
const here = join(__dirname, '/');
const swaps: Record<string, string> = {
  'aws-sdk-client-mock': 'kms-fake/client-mock',
  'aws-sdk-client-mock-jest': 'kms-fake/client-mock-jest/vitest',
};

/** The part of vite's plugin context used here. */
interface Resolver {
  resolve(source: string, importer: string, options: { isEntry: boolean; skipSelf: boolean }): Promise<{ id: string } | null>;
}

const swapSpecifiers: Plugin = {
  name: 'swap-aws-sdk-client-mock-specifiers',
  enforce: 'pre',
  resolveId(this: Resolver, source: string, importer: string | undefined, options: { isEntry: boolean }) {
    const swapped = swaps[source];
    if (!swapped || !importer?.startsWith(here)) return null;
    return this.resolve(swapped, importer, { ...options, skipSelf: true });
  },
};

export default defineConfig({
  plugins: [swapSpecifiers],
  test: {
    root: here,
    globals: true,
    include: ['stubbing.test.ts', 'instances.test.ts', 'swapApplied.dropin.ts'],
    setupFiles: ['../../support/env.ts'],
  },
});
