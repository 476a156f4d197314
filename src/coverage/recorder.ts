import { openSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import { threadId } from 'node:worker_threads';
import type { ObservedCall } from '../fakeTransport';
import { partsOf, type KmsFake } from '../kmsFake';
import { callMakerOf } from './callSite';
import { COVERAGE_DIR_ENV, TEST_CODE_ENV, type KmsCoverageRecord, type RunningTest } from './record';

/**
 * This worker's open file per run directory. Process-wide on purpose: jest loads modules afresh for
 * every test file, and one descriptor per file would leak; the process closes it when it ends.
 */
const OPEN_FILES = Symbol.for('kms-fake.coverage.openFiles');

function workerFile(dir: string): number {
  const holder = process as unknown as { [OPEN_FILES]?: Map<string, number> };
  const files = (holder[OPEN_FILES] ??= new Map<string, number>());
  let fd = files.get(dir);
  if (fd === undefined) {
    fd = openSync(path.join(dir, `${process.pid}-${threadId}.ndjson`), 'a');
    files.set(dir, fd);
  }
  return fd;
}

/**
 * Records every send of `kms` into this worker's file of the run directory the coverage reporter
 * named; does nothing (answers `false`) when no reporter is configured. Each record is one small
 * synchronous append, so calls made in a test file's own `afterAll` are kept whatever the order of
 * hooks, and so is what a crashing worker recorded (bench/coverage.ts measures the cost).
 * @internal
 */
export function startCoverageRecording(kms: KmsFake, runningTest: () => RunningTest, env: NodeJS.ProcessEnv = process.env): boolean {
  const dir = env[COVERAGE_DIR_ENV];
  if (!dir) return false;
  const testCode = testCodeOf(env[TEST_CODE_ENV]);
  const fd = workerFile(dir);
  partsOf(kms).transport.observer = (call) => {
    writeSync(fd, `${JSON.stringify(recordOf(call, runningTest(), testCode))}\n`);
  };
  return true;
}

function testCodeOf(value: string | undefined): string[] {
  const parsed: unknown = value ? JSON.parse(value) : [];
  return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string') : [];
}

function recordOf(call: ObservedCall, test: RunningTest, testCode: readonly string[]): KmsCoverageRecord {
  const exception = call.error === undefined ? undefined : nameOf(call.error);
  return {
    file: test.file ?? '',
    test: test.name ?? '',
    operation: call.operation,
    ...(exception !== undefined && { exception }),
    ...(call.key && { keyState: call.key.state, keySpec: call.key.spec, keyUsage: call.key.usage }),
    by: callMakerOf(call.callSite, test.file, testCode),
  };
}

const nameOf = (error: unknown): string => (error instanceof Error ? error.name : 'Error');
