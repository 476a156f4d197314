import { openSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import { threadId } from 'node:worker_threads';
import type { ObservedCall } from '../fakeTransport';
import { partsOf, type KmsFake } from '../kmsFake';
import { callMakerOf, decidingPath } from './callSite';
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

/** Written once the kept lines pass this many characters, so a test with many sends holds little memory. */
const FLUSH_AT = 32 * 1024;

/** A recording's hooks into the test lifecycle. @internal */
export interface CoverageRecording {
  /** A test starts: its calls are kept in memory from now on, one write for the whole test. */
  testStarts(): void;
  /** The test ended: writes what it kept; calls from now on (an `afterAll`'s) are written at once again. */
  testEnds(): void;
}

/**
 * Records every send of `kms` into this worker's file of the run directory the coverage reporter
 * named; does nothing (answers `undefined`) when no reporter is configured. Outside a test each
 * record is one synchronous append, so calls made in a test file's own `afterAll` are kept
 * whatever the order of hooks; inside one, the test's records go in one append when it ends (or
 * every ~32 KiB), as a write per send was most of what recording cost. A worker that ends
 * normally loses nothing; one that crashes loses at most the running test's calls.
 * @internal
 */
export function startCoverageRecording(kms: KmsFake, runningTest: () => RunningTest, env: NodeJS.ProcessEnv = process.env): CoverageRecording | undefined {
  const dir = env[COVERAGE_DIR_ENV];
  if (!dir) return undefined;
  const testCode = testCodeOf(env[TEST_CODE_ENV]);
  const fd = workerFile(dir);
  let kept = '';
  let inTest = false;
  const flush = () => {
    if (kept === '') return;
    writeSync(fd, kept);
    kept = '';
  };
  const transport = partsOf(kms).transport;
  transport.callSiteDecides = (file) => decidingPath(file) !== undefined;
  transport.observer = (call) => {
    kept += `${JSON.stringify(recordOf(call, runningTest(), testCode))}\n`;
    if (!inTest || kept.length >= FLUSH_AT) flush();
  };
  return {
    testStarts: () => void (inTest = true),
    testEnds: () => {
      inTest = false;
      flush();
    },
  };
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
    by: callMakerOf(call.callerFile, test.file, testCode),
  };
}

const nameOf = (error: unknown): string => (error instanceof Error ? error.name : 'Error');
