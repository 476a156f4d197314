import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { KmsCoverageReport } from 'kms-fake';
import { renderCoverageHtml } from '../../src/coverage/html';
import { renderCoverageTable } from '../../src/coverage/table';

// Runs examples/coverage-app under both runners, as its developers would, with the built package
// (`npm test` builds first): two workers each, the reporter configured, thresholds met and not.
jest.setTimeout(90_000);

const root = path.resolve(__dirname, '../..');
const app = path.join(root, 'examples/coverage-app');

interface Run {
  code: number | null;
  output: string;
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'kms-fake-example-report-'));
/** The environment of a developer's shell, without this run's own (AWS credentials, a coverage run of this very suite). */
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(AWS_|KMS_FAKE_COVERAGE|JEST_WORKER_ID)/.test(name)));

function run(name: string, args: string[], strict: boolean): Promise<Run> {
  const env = { ...cleanEnv, COVERAGE_APP_OUT: path.join(tmp, name), ...(strict && { COVERAGE_APP_THRESHOLDS: 'strict' }) };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: app, env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/**
 * The met-thresholds run uses two workers and a fresh cache (with cached timings of fast tests,
 * jest would run them in band); the other runs in band, as `jest --runInBand` users do, so both
 * ways of reaching the recorder are covered.
 */
const jestRun = (name: string, strict = false) =>
  run(name, [path.join(root, 'node_modules/jest/bin/jest.js'), '-c', 'jest.config.js', ...(strict ? ['--runInBand'] : ['--maxWorkers=2', '--cacheDirectory', path.join(tmp, 'cache')])], strict);
const vitestRun = (name: string, strict = false) => run(name, [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run'], strict);

const runs: Record<string, Run> = {};
const readReport = (name: string) => JSON.parse(readFileSync(path.join(tmp, name, 'coverage.json'), 'utf8')) as KmsCoverageReport;
const expected = (runner: string) => JSON.parse(readFileSync(path.join(__dirname, 'expected', `${runner}-coverage.json`), 'utf8')) as KmsCoverageReport;

beforeAll(async () => {
  if (!existsSync(path.join(root, 'dist/cjs/coverage/jestReporter.js'))) throw new Error('run `npm run build` first: the example loads kms-fake by name');
  const [jestMet, jestMissed, vitestMet, vitestMissed] = await Promise.all([jestRun('jest'), jestRun('jest-strict', true), vitestRun('vitest'), vitestRun('vitest-strict', true)]);
  Object.assign(runs, { jest: jestMet, 'jest-strict': jestMissed, vitest: vitestMet, 'vitest-strict': vitestMissed });
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.each(['jest', 'vitest'])('the %s reporter on examples/coverage-app', (runner) => {
  it('passes when the thresholds are met', () => {
    expect(runs[runner]!.output).toContain('Threshold met: Decrypt (DisabledException, KMSInvalidStateException)');
    expect(runs[runner]!.code).toBe(0);
  });

  it('writes exactly the expected coverage.json, merged from every worker', () => {
    expect(readReport(runner)).toEqual(expected(runner));
  });

  it('prints the table of tested and never-tested outcomes', () => {
    expect(runs[runner]!.output).toContain(renderCoverageTable(expected(runner)));
    expect(runs[runner]!.output).toContain('Decrypt     4/19  tested: Success, DisabledException@Disabled, DisabledException,');
    expect(runs[runner]!.output).toContain('Called by test code only: CreateKey, DisableKey, ScheduleKeyDeletion');
  });

  it('writes the HTML page of that report', () => {
    expect(readFileSync(path.join(tmp, runner, 'index.html'), 'utf8')).toBe(renderCoverageHtml(expected(runner)));
  });

  it('fails the run, naming what is missing, when thresholds are not met', () => {
    const missed = runs[`${runner}-strict`]!;
    expect(missed.output).toContain('[kms-fake] KMS outcome coverage thresholds not met:');
    expect(missed.output).toContain('Decrypt: never tested against KMSInvalidStateException@PendingDeletion');
    expect(missed.output).toContain('GenerateDataKey: never tested against Success');
    expect(missed.code).not.toBe(0);
    // The same calls recorded (jest's in band this time), only the thresholds differ.
    const { thresholds, ...report } = readReport(`${runner}-strict`);
    expect(thresholds.map((t) => [t.operation, t.met])).toEqual([['Decrypt', false], ['GenerateDataKey', false]]);
    expect(report).toEqual({ ...expected(runner), thresholds: undefined });
  });
});
