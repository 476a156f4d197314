// npm run bench, suite level: what kms-fake costs a jest suite, against aws-sdk-client-mock, and
// what its setup file costs files that never touch KMS. Also the cold `require('kms-fake')`.
// Measures the built package (dist/), installed into a scratch project as an adopter would have it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CPU_JS, ENV_JS, jestConfig, testFile, type SuiteName } from './suiteFiles';
import { median, range } from './stats';

const FILES = 20;
const ROUNDS = Number(process.env.BENCH_SUITE_ROUNDS ?? 5);
const IMPORT_RUNS = 15;
const repo = resolve(__dirname, '..');


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
  writeFileSync(join(dir, 'cpu.js'), CPU_JS);
  for (const suite of SUITES) {
    writeFileSync(join(dir, `jest.${suite}.config.js`), jestConfig(suite));
    mkdirSync(join(dir, suite));
    for (let n = 1; n <= FILES; n++) writeFileSync(join(dir, suite, `file${String(n).padStart(2, '0')}.test.js`), testFile(suite, n));
  }
  return dir;
}

const SUITES: readonly SuiteName[] = ['kmsFake', 'clientMock', 'plainWithSetup', 'plainWithoutSetup'];

/**
 * One whole jest run, in band (the same on any core count): wall time, and the CPU time (user +
 * system) of the jest process, which a busy machine disturbs less. Fails loudly if a test fails.
 */
function jestRun(dir: string, suite: SuiteName): { wallMs: number; cpuMs: number } {
  const cpuFile = join(dir, 'cpu.json');
  const start = performance.now();
  const args = ['-r', join(dir, 'cpu.js'), join(repo, 'node_modules/jest/bin/jest.js'), '-c', `jest.${suite}.config.js`, '--runInBand'];
  const result = spawnSync(process.execPath, args, { cwd: dir, env: { ...childEnv, SUITE_BENCH_CPU_FILE: cpuFile }, encoding: 'utf8' });
  const wallMs = performance.now() - start;
  if (result.status !== 0) throw new Error(`jest run of ${suite} failed:\n${result.stdout}\n${result.stderr}`);
  const { user, system } = JSON.parse(readFileSync(cpuFile, 'utf8')) as NodeJS.CpuUsage;
  return { wallMs, cpuMs: (user + system) / 1000 };
}

/**
 * Cold `require()` of an entry in a fresh node process, around that require only: wall and CPU ms.
 * With `after`, that package is loaded first (so the figure is what the entry adds to it).
 */
function coldRequire(dir: string, specifier: string, after?: string): { wallMs: number; cpuMs: number } {
  const script = `${after ? `require(${JSON.stringify(after)});` : ''} const c = process.cpuUsage(); const t = process.hrtime.bigint(); require(${JSON.stringify(specifier)});
    const wallMs = Number(process.hrtime.bigint() - t) / 1e6; const u = process.cpuUsage(c);
    process.stdout.write(JSON.stringify({ wallMs, cpuMs: (u.user + u.system) / 1000 }));`;
  const result = spawnSync(process.execPath, ['-e', script], { cwd: dir, env: childEnv, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`require(${specifier}) failed:\n${result.stderr}`);
  return JSON.parse(result.stdout) as { wallMs: number; cpuMs: number };
}

/** Which of the lazily loaded modules a bare `require('kms-fake')` loaded anyway (should be none). */
function eagerHeavyModules(dir: string): string[] {
  const script = `require('kms-fake'); process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((f) => /@noble|[\\\\/]crypto[\\\\/](rsa|ecc|ed25519|hmac|sm2|mlDsa|mlKem)\\.js$|[\\\\/]yaml[\\\\/]/.test(f))));`;
  const result = spawnSync(process.execPath, ['-e', script], { cwd: dir, env: childEnv, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`require('kms-fake') failed:\n${result.stderr}`);
  const names = (JSON.parse(result.stdout) as string[]).map((f) => /(@noble[\\/][^\\/]+|yaml|crypto[\\/]\w+\.js)/.exec(f)![1]!.replace('\\', '/'));
  return [...new Set(names)];
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
    console.log(`method: one warm-up run per suite (fills jest's transform cache), then ${ROUNDS} interleaved rounds of whole jest runs (order rotates per round); wall and CPU time (jest process, user + system) per run, medians`);

    const imports = Array.from({ length: IMPORT_RUNS }, () => coldRequire(dir, 'kms-fake'));
    const importsAfterSdk = Array.from({ length: IMPORT_RUNS }, () => coldRequire(dir, 'kms-fake', '@aws-sdk/client-kms'));
    const eager = eagerHeavyModules(dir);

    for (const suite of SUITES) jestRun(dir, suite);
    const runs: Record<SuiteName, { wallMs: number; cpuMs: number }[]> = { kmsFake: [], clientMock: [], plainWithSetup: [], plainWithoutSetup: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < SUITES.length; i++) {
        const suite = SUITES[(i + round) % SUITES.length]!;
        runs[suite].push(jestRun(dir, suite));
      }
      process.stdout.write(`  round ${round + 1}/${ROUNDS} done (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
    }

    console.log('');
    table(
      ['jest suite (20 files)', 'wall ms', 'wall range', 'CPU ms', 'CPU range'],
      SUITES.map((suite) => {
        const wall = runs[suite].map((r) => r.wallMs);
        const cpu = runs[suite].map((r) => r.cpuMs);
        return [LABELS[suite], median(wall).toFixed(0), range(wall, 0), median(cpu).toFixed(0), range(cpu, 0)];
      }),
    );
    console.log('');
    const lines: string[][] = [];
    for (const clock of ['wallMs', 'cpuMs'] as const) {
      const of = (suite: SuiteName) => runs[suite].map((r) => r[clock]);
      const name = clock === 'wallMs' ? 'wall' : 'CPU';
      const ratio = of('kmsFake').map((ms, i) => ms / of('clientMock')[i]!);
      const kmsPerFile = of('kmsFake').map((ms, i) => (ms - of('clientMock')[i]!) / FILES);
      const setupPerFile = of('plainWithSetup').map((ms, i) => (ms - of('plainWithoutSetup')[i]!) / FILES);
      const r = median(ratio);
      const setupMs = median(setupPerFile);
      lines.push(
        [`kms-fake suite / aws-sdk-client-mock suite (${name})`, `${r.toFixed(2)}×`, range(ratio, 2), '≤ 1.00×', r <= 1 ? 'PASS' : 'OVER'],
        [`  difference per KMS test file (${name})`, `${median(kmsPerFile).toFixed(1)} ms`, range(kmsPerFile, 1), '-', '-'],
        [`setup file cost per non-KMS test file (${name})`, `${setupMs.toFixed(1)} ms`, range(setupPerFile, 1), '< 10 ms', setupMs < 10 ? 'PASS' : 'OVER'],
      );
    }
    for (const [label, samples] of [["cold require('kms-fake')", imports], ["  the same, @aws-sdk/client-kms loaded before", importsAfterSdk]] as const) {
      for (const clock of ['wallMs', 'cpuMs'] as const) {
        const ms = samples.map((r) => r[clock]);
        lines.push([`${label} (${clock === 'wallMs' ? 'wall' : 'CPU'})`, `${median(ms).toFixed(1)} ms`, range(ms, 1), 'report only', '-']);
      }
    }
    table(['measure', 'value', 'range', 'goal', 'result'], lines);
    console.log(`ratio and per-file figures: medians of per-round paired values; require: median of ${IMPORT_RUNS} fresh node processes each.`);
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
