// Builds the package: CommonJS with declarations from tsc, plus thin ESM entry points that
// re-export the CommonJS build, so `import` and `require` share one instance of the fake.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });

const require = createRequire(import.meta.url);
const entries = { index: new URL('../dist/cjs/index.js', import.meta.url).pathname };
mkdirSync('dist/esm', { recursive: true });
for (const [name, cjs] of Object.entries(entries)) {
  const names = Object.keys(require(cjs)).filter((n) => n !== 'default' && n !== '__esModule');
  const body = [
    `import cjs from '../cjs/${name}.js';`,
    ...names.map((n) => `export const ${n} = cjs.${n};`),
    '',
  ].join('\n');
  writeFileSync(`dist/esm/${name}.mjs`, body);
}
