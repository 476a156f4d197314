// Type-checks test/typesResolution/ as an adopter's project would, once per moduleResolution
// (node10, node16, nodenext, bundler), under strict: kms-fake, kms-fake/jest (@types/jest's global
// jest.Matchers and @jest/globals' expect) and kms-fake/vitest. skipLibCheck is false once, for the
// jest program under nodenext, so our declarations are checked too (checking the SDK's and vitest's
// costs 15 s and more a program). kms-fake is linked into a
// scratch node_modules as the built package (run `npm run build` first).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const fixtures = join(root, 'test', 'typesResolution');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const modes = [
  { moduleResolution: 'node10', module: 'commonjs' },
  { moduleResolution: 'node16', module: 'node16' },
  { moduleResolution: 'nodenext', module: 'nodenext', libCheck: true },
  { moduleResolution: 'bundler', module: 'esnext' },
];
// Each program sees one test framework's globals, as an adopter's project does.
const programs = [
  { files: ['jestGlobal.ts', 'jestGlobals.ts'], types: ['node', 'jest'], libCheck: true },
  { files: ['vitest.mts'], types: ['node'] },
  // aws-sdk-client-mock's own declarations need esModuleInterop.
  { files: ['jestWithClientMockJest.ts'], types: ['node', 'jest'], libCheck: true, options: { esModuleInterop: true } },
];

const dir = mkdtempSync(join(tmpdir(), 'kms-fake-types-'));
let failed = false;
try {
  mkdirSync(join(dir, 'node_modules'));
  for (const name of readdirSync(join(root, 'node_modules'))) symlinkSync(join(root, 'node_modules', name), join(dir, 'node_modules', name));
  symlinkSync(root, join(dir, 'node_modules', 'kms-fake'));
  for (const file of readdirSync(fixtures)) copyFileSync(join(fixtures, file), join(dir, file));
  // One scratch project per run (two at a time: tsc is single-threaded), each with its own tsconfig.
  const runs = modes.flatMap((mode) => programs.map((program) => ({ mode, program })));
  const check = async ({ mode, program }, i) => {
    const project = join(dir, `tsconfig.${i}.json`);
    const { libCheck, ...rest } = mode;
    const skipLibCheck = !(libCheck && program.libCheck);
    const compilerOptions = { ...rest, ...program.options, skipLibCheck, target: 'ES2022', lib: ['ES2022', 'DOM'], strict: true, noEmit: true, types: program.types };
    writeFileSync(project, JSON.stringify({ compilerOptions, files: program.files }));
    const label = `${mode.moduleResolution.padEnd(8)} ${program.files.join(' ')}`;
    try {
      await promisify(execFile)(process.execPath, [tsc, '-p', project], { cwd: dir });
      console.log(`ok   ${label}`);
    } catch (error) {
      failed = true;
      console.log(`FAIL ${label}\n${error.stdout}`);
    }
  };
  const queue = runs.map((run, i) => () => check(run, i));
  await Promise.all([0, 1].map(async () => {
    while (queue.length) await queue.shift()();
  }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
