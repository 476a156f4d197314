// The whole-run half of bench/coverage.ts: examples/coverage-app's jest suite, in band, with the
// coverage reporter and without it. A test run is what the reporter's cost matters to: a suite
// spends most of its time outside sends (starting jest, compiling, the tests' own work).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { median, range } from './stats';

const root = path.resolve(__dirname, '..');
const app = path.join(root, 'examples/coverage-app');
const jestBin = path.join(root, 'node_modules/jest/bin/jest.js');

/** A developer's shell: none of this process's AWS settings, no coverage run of an outer suite. */
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(AWS_|KMS_FAKE_COVERAGE|JEST_WORKER_ID)/.test(name)));

/** Wall-clock ms of one run; `--reporters=default` replaces the config's reporters, the coverage one included. */
function runMs(reporter: boolean, tmp: string): number {
  const args = [jestBin, '-c', 'jest.config.js', '--runInBand', '--silent', '--cacheDirectory', path.join(tmp, 'cache'), ...(reporter ? [] : ['--reporters=default'])];
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { cwd: app, env: { ...cleanEnv, COVERAGE_APP_OUT: path.join(tmp, 'report') }, encoding: 'utf8' });
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(`examples/coverage-app failed (reporter ${reporter ? 'on' : 'off'}):\n${run.stdout}${run.stderr}`);
  if (reporter !== run.stdout.includes('KMS outcome coverage')) throw new Error(`the coverage table ${reporter ? 'is missing' : 'was printed'}: was the reporter ${reporter ? 'on' : 'off'}?`);
  return ms;
}

/** Prints the medians of `rounds` interleaved runs with and without the reporter, and their ratio. */
export function measureSuiteRun(rounds: number, tmp: string): void {
  if (!existsSync(path.join(root, 'dist/cjs/coverage/jestReporter.js'))) throw new Error('run `npm run build` first: the example loads kms-fake by name');
  // Warm-up: ts-jest compiles the example into the cache both sides then share.
  runMs(true, tmp);
  runMs(false, tmp);
  const off: number[] = [];
  const on: number[] = [];
  for (let round = 0; round < rounds; round++) {
    // Alternate which side goes first, so drift within a round favours neither.
    for (const reporter of round % 2 === 0 ? [false, true] : [true, false]) (reporter ? on : off).push(runMs(reporter, tmp));
  }
  const ratio = median(on) / median(off);
  console.log(`coverage recording: examples/coverage-app's jest suite in band, ms per run, median of ${rounds} interleaved rounds (range)`);
  console.log(`  reporter off ${median(off).toFixed(0)} (${range(off, 0)})  on ${median(on).toFixed(0)} (${range(on, 0)})  ×${ratio.toFixed(3)} (${((ratio - 1) * 100).toFixed(1)} %)`);
}
