// Builds the package: CommonJS with declarations from tsc, plus thin ESM entry points that
// re-export the CommonJS build, so `import` and `require` share one instance of the fake.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });

const require = createRequire(import.meta.url);
const exportsOf = (path) =>
  Object.keys(require(new URL(path, import.meta.url).pathname)).filter((n) => n !== 'default' && n !== '__esModule');
// The jest entry installs the fake when loaded, so its export names are listed, not discovered.
const entries = {
  index: { cjs: 'index.js', names: exportsOf('../dist/cjs/index.js') },
  jest: { cjs: 'jest/index.js', names: ['kmsFake', 'kmsFakeSettings'] },
};
mkdirSync('dist/esm', { recursive: true });
for (const [name, { cjs, names }] of Object.entries(entries)) {
  const body = [
    `import cjs from '../cjs/${cjs}';`,
    ...names.map((n) => `export const ${n} = cjs.${n};`),
    '',
  ].join('\n');
  writeFileSync(`dist/esm/${name}.mjs`, body);
  // Its own declarations, so `import` resolves ESM types (not CommonJS ones masquerading as ESM).
  writeFileSync(`dist/esm/${name}.d.mts`, `export * from '../cjs/${cjs}';\n`);
}

// The jest reporter's module is the class itself (`module.exports`), as jest loads a reporter.
writeFileSync('dist/esm/reporter.mjs', "import KmsCoverageReporter from '../cjs/coverage/jestReporter.js';\nexport default KmsCoverageReporter;\n");
writeFileSync('dist/esm/reporter.d.mts', "import KmsCoverageReporter from '../cjs/coverage/jestReporter.js';\nexport default KmsCoverageReporter;\n");

// The vitest adapter is ESM source (vitest cannot be required). Its imports are written relative
// to src/; from dist/esm/ they point into the CommonJS build.
// The client-mock entries' ESM forms are ESM source too: they import aws-sdk-client-mock(-jest)
// themselves, as the test files they replace did, and the vitest one imports vitest.
const esmSources = [
  ['src/vitest/index.mjs', 'dist/esm/vitest.mjs'],
  ['src/vitest/index.d.mts', 'dist/esm/vitest.d.mts'],
  ['src/clientMock/index.mjs', 'dist/esm/client-mock.mjs'],
  ['src/clientMock/index.d.mts', 'dist/esm/client-mock.d.mts'],
  ['src/clientMockJest/index.mjs', 'dist/esm/client-mock-jest.mjs'],
  ['src/clientMockJest/index.d.mts', 'dist/esm/client-mock-jest.d.mts'],
  ['src/clientMockJest/vitest.mjs', 'dist/esm/client-mock-jest-vitest.mjs'],
  ['src/clientMockJest/vitest.d.mts', 'dist/esm/client-mock-jest-vitest.d.mts'],
  ['src/coverage/vitestReporter.mjs', 'dist/esm/vitest-reporter.mjs'],
  ['src/coverage/vitestReporter.d.mts', 'dist/esm/vitest-reporter.d.mts'],
];
for (const [from, to] of esmSources) {
  writeFileSync(to, readFileSync(from, 'utf8').replaceAll("from '../", "from '../cjs/"));
}

// Last: one CommonJS bundle behind per-file stubs (why: scripts/bundle.mjs).
const { bundleCommonJs } = await import('./bundle.mjs');
await bundleCommonJs();

// The `kms-fake` bin (kms-fake serve): a CommonJS launcher beside the builds, run by node from the package.
writeFileSync('dist/cli.js', "#!/usr/bin/env node\n'use strict';\nrequire('./cjs/server/cli.js').main(process.argv.slice(2));\n", { mode: 0o755 });
