// npm run bench, suite level: what kms-fake costs a jest suite, against aws-sdk-client-mock, and
// what its setup file costs files that never touch KMS. Also the cold `require('kms-fake')`.
// Measures the built package (dist/), installed into a scratch project as an adopter would have it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ENV_JS, jestConfig, testFile, type SuiteName } from './suiteFiles';

const FILES = 20;
const ROUNDS = Number(process.env.BENCH_SUITE_ROUNDS ?? 5);
const IMPORT_RUNS = 15;
const repo = resolve(__dirname, '..');

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const range = (xs: readonly number[], digits: number) => `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;

/** The child processes' environment: the host's AWS settings never reach a measured run. */
const childEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')));

/**
 * A scratch project whose node_modules holds this repo's dependencies (symlinked) and kms-fake
 * itself (a symlink to this repo, so its package.json "exports" and dist/ are what users get).
 */
function scratchProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kms-fake-suite-bench-'));
  const modules = join(dir, 'node_modules');
  mkdirSync(modules);
  for (const name of readdirSync(join(repo, 'node_modules'))) {
    if (!name.startsWith('.')) symlinkSync(join(repo, 'node_modules', name), join(modules, name));
  }
  symlinkSync(repo, join(modules, 'kms-fake'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'suite-bench', private: true }));
  writeFileSync(join(dir, 'env.js'), ENV_JS);
  for (const suite of SUITES) {
    writeFileSync(join(dir, `jest.${suite}.config.js`), jestConfig(suite));
    mkdirSync(join(dir, suite));
    for (let n = 1; n <= FILES; n++) writeFileSync(join(dir, suite, `file${String(n).padStart(2, '0')}.test.js`), testFile(suite, n));
  }
  return dir;
}

const SUITES: readonly SuiteName[] = ['kmsFake', 'clientMock', 'plainWithSetup', 'plainWithoutSetup'];

/** One whole jest run, in band (the same on any core count), wall time in ms. Fails loudly if a test fails. */
function jestRun(dir: string, suite: SuiteName): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, [join(repo, 'node_modules/jest/bin/jest.js'), '-c', `jest.${suite}.config.js`, '--runInBand'], { cwd: dir, env: childEnv, encoding: 'utf8' });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`jest run of ${suite} failed:\n${result.stdout}\n${result.stderr}`);
  return ms;
}

/** Cold `require()` of an entry in a fresh node process, hrtime around the require only, in ms. */
function coldRequire(dir: string, specifier: string): number {
  const script = `const t = process.hrtime.bigint(); require(${JSON.stringify(specifier)}); process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));`;
  const result = spawnSync(process.execPath, ['-e', script], { cwd: dir, env: childEnv, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`require(${specifier}) failed:\n${result.stderr}`);
  return Number(result.stdout);
}

/** Which of the lazily loaded modules a bare `require('kms-fake')` loaded anyway (should be none). */
function eagerHeavyModules(dir: string): string[] {
  const script = `require('kms-fake'); process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((f) => /@noble|[\\\\/]crypto[\\\\/](rsa|ecc|ed25519|mlDsa|mlKem)\\.js$|[\\\\/]yaml[\\\\/]/.test(f))));`;
  const result = spawnSync(process.execPath, ['-e', script], { cwd: dir, env: childEnv, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`require('kms-fake') failed:\n${result.stderr}`);
  return JSON.parse(result.stdout) as string[];
}

function table(header: string[], lines: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(fmt(l));
}

function main(): void {
  if (!existsSync(join(repo, 'dist/cjs/index.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const started = performance.now();
  const dir = scratchProject();
  try {
    console.log(`\nkms-fake suite-level bench: node ${process.version}, jest --runInBand, ${FILES} test files per suite, scratch project ${dir}`);
    console.log(`method: one warm-up run per suite (fills jest's transform cache), then ${ROUNDS} interleaved rounds of whole jest runs (order rotates per round); wall time per run, medians`);

    const imports: Record<string, number[]> = { 'kms-fake': [] };
    for (let i = 0; i < IMPORT_RUNS; i++) imports['kms-fake']!.push(coldRequire(dir, 'kms-fake'));
    const eager = eagerHeavyModules(dir);

    for (const suite of SUITES) jestRun(dir, suite);
    const wall: Record<SuiteName, number[]> = { kmsFake: [], clientMock: [], plainWithSetup: [], plainWithoutSetup: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < SUITES.length; i++) {
        const suite = SUITES[(i + round) % SUITES.length]!;
        wall[suite].push(jestRun(dir, suite));
      }
      process.stdout.write(`  round ${round + 1}/${ROUNDS} done (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
    }

    const ratio = wall.kmsFake.map((ms, i) => ms / wall.clientMock[i]!);
    const setupPerFile = wall.plainWithSetup.map((ms, i) => (ms - wall.plainWithoutSetup[i]!) / FILES);
    const kmsPerFile = wall.kmsFake.map((ms, i) => (ms - wall.clientMock[i]!) / FILES);
    const r = median(ratio);
    const setupMs = median(setupPerFile);
    console.log('');
    table(
      ['jest suite (20 files)', 'wall ms', 'range ms'],
      SUITES.map((suite) => [LABELS[suite], median(wall[suite]).toFixed(0), range(wall[suite], 0)]),
    );
    console.log('');
    table(
      ['measure', 'value', 'range', 'goal', 'result'],
      [
        ['kms-fake suite / aws-sdk-client-mock suite', `${r.toFixed(2)}×`, range(ratio, 2), '≤ 1.00×', r <= 1 ? 'PASS' : 'OVER'],
        ['  difference per KMS test file', `${median(kmsPerFile).toFixed(1)} ms`, range(kmsPerFile, 1), '-', '-'],
        ['setup file cost per non-KMS test file', `${setupMs.toFixed(1)} ms`, range(setupPerFile, 1), '< 10 ms', setupMs < 10 ? 'PASS' : 'OVER'],
        ["cold require('kms-fake'), fresh node process", `${median(imports['kms-fake']!).toFixed(1)} ms`, range(imports['kms-fake']!, 1), 'report only', '-'],
      ],
    );
    console.log(`ratio and per-file figures: medians of per-round paired values; require: median of ${IMPORT_RUNS} fresh processes.`);
    console.log(`lazily loaded modules present after require('kms-fake'): ${eager.length ? eager.join(', ') : 'none'}`);
    console.log(`total time ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const LABELS: Record<SuiteName, string> = {
  kmsFake: 'KMS round trip + matcher, kms-fake/jest',
  clientMock: 'KMS round trip + matcher, aws-sdk-client-mock',
  plainWithSetup: 'no KMS, with kms-fake/jest setup file',
  plainWithoutSetup: 'no KMS, no setup file',
};

try {
  main();
} catch (error: unknown) {
  console.error('suite bench failed:', error);
}
process.exitCode = 0; // the bench reports; it does not gate
