import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { usageError } from '../errors';
import { renderCoverageHtml } from './html';
import { COVERAGE_DIR_ENV, TEST_CODE_ENV, type KmsCoverageRecord } from './record';
import { buildReport } from './report';
import type { KmsCoverageReport } from './schema';
import { renderCoverageTable } from './table';
import { checkThresholds, type KmsCoverageThresholds } from './thresholds';

/**
 * Options of `kms-fake/reporter` (jest) and `kms-fake/vitest-reporter`.
 *
 * @example
 * ```js
 * reporters: ['default', ['kms-fake/reporter', { thresholds: { Decrypt: ['DisabledException'] }, testCode: ['test/support/'] }]]
 * ```
 */
export interface KmsCoverageReporterOptions {
  /** Where `coverage.json` and `index.html` go, relative to the project root. Default `kms-fake-coverage`. */
  readonly outputDirectory?: string;
  /** Outcomes application code must have been tested against, per operation; the run fails otherwise. */
  readonly thresholds?: KmsCoverageThresholds;
  /** No table in the terminal (the files are still written). */
  readonly silent?: boolean;
  /** Files, or directories (ending in `/`), relative to the project root, whose calls count as test code, like the test file's own: setup files, test helpers. */
  readonly testCode?: readonly string[];
}

/** One test run being recorded: opened when the reporter is made, finished when the run ends. @internal */
export interface CoverageRun {
  /** Merges what the workers recorded, writes the report, prints the table; answers the thresholds' failure, if any. */
  finish(print: (text: string) => void): { report: KmsCoverageReport; failure?: string };
}

const KNOWN_OPTIONS = ['outputDirectory', 'thresholds', 'silent', 'testCode'];

function checkOptions(options: unknown): KmsCoverageReporterOptions {
  const given = (options ?? {}) as Record<string, unknown>;
  const unknown = Object.keys(given).filter((k) => !KNOWN_OPTIONS.includes(k));
  if (unknown.length > 0) throw usageError(`coverage reporter: unknown option ${unknown.join(', ')} (options: ${KNOWN_OPTIONS.join(', ')})`);
  if (given.testCode !== undefined && !(Array.isArray(given.testCode) && given.testCode.every((p) => typeof p === 'string'))) {
    throw usageError('coverage reporter: testCode must be an array of paths');
  }
  checkThresholds(given.thresholds);
  return given;
}

/**
 * Opens a run: checks the options (a bad threshold fails before any test runs), makes the run
 * directory and names it in the environment, which every test worker inherits as it starts.
 */
export function openCoverageRun(rootDir: string, rawOptions: unknown, env: NodeJS.ProcessEnv = process.env): CoverageRun {
  const options = checkOptions(rawOptions);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kms-fake-coverage-'));
  const previous = { dir: env[COVERAGE_DIR_ENV], testCode: env[TEST_CODE_ENV] };
  env[COVERAGE_DIR_ENV] = dir;
  env[TEST_CODE_ENV] = JSON.stringify((options.testCode ?? []).map((p) => path.resolve(rootDir, p) + (/[\\/]$/.test(p) ? path.sep : '')));
  return {
    finish(print) {
      const records = readRecords(dir);
      rmSync(dir, { recursive: true, force: true });
      restore(env, COVERAGE_DIR_ENV, previous.dir);
      restore(env, TEST_CODE_ENV, previous.testCode);
      const report = buildReport(records, rootDir, options.thresholds);
      const out = path.resolve(rootDir, options.outputDirectory ?? 'kms-fake-coverage');
      mkdirSync(out, { recursive: true });
      writeFileSync(path.join(out, 'coverage.json'), `${JSON.stringify(report, null, 2)}\n`);
      writeFileSync(path.join(out, 'index.html'), renderCoverageHtml(report));
      if (!options.silent) print(renderCoverageTable(report));
      const failure = thresholdFailure(report);
      return { report, ...(failure !== undefined && { failure }) };
    },
  };
}

function restore(env: NodeJS.ProcessEnv, name: string, value: string | undefined): void {
  if (value === undefined) delete env[name];
  else env[name] = value;
}

/** Every worker's records, in a fixed order (the report sorts what it shows anyway). */
function readRecords(dir: string): KmsCoverageRecord[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ndjson'))
    .sort()
    .flatMap((f) => readFileSync(path.join(dir, f), 'utf8').split('\n'))
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as KmsCoverageRecord);
}

function thresholdFailure(report: KmsCoverageReport): string | undefined {
  const missed = report.thresholds.filter((t) => !t.met);
  if (missed.length === 0) return undefined;
  const lines = missed.map((t) => `  ${t.operation}: never tested against ${t.missing.join(', ')}`);
  return `[kms-fake] KMS outcome coverage thresholds not met:\n${lines.join('\n')}`;
}
