import type { KmsFake } from '../kmsFake';
import { COVERAGE_DIR_ENV, type RunningTest } from './record';
import type { CoverageRecording } from './recorder';

/** The running test as the global `expect` of jest (or of vitest with `globals: true`) knows it. */
function runningTestOfGlobalExpect(): RunningTest {
  const expect = (globalThis as { expect?: { getState?: () => { testPath?: string; currentTestName?: string } } }).expect;
  const state = expect?.getState?.();
  return { file: state?.testPath, name: state?.currentTestName?.split(' > ').join(' ') };
}

/**
 * Records the fake's calls for the coverage report when a reporter named a run directory; loads
 * the recorder only then, so a run without the reporter pays nothing for it. The caller that has
 * test hooks tells the recording where tests start and end; without, every call is written at once.
 * @internal
 */
export function recordCoverageIfReporting(fake: KmsFake, runningTest: () => RunningTest = runningTestOfGlobalExpect): CoverageRecording | undefined {
  if (!process.env[COVERAGE_DIR_ENV]) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./recorder') as typeof import('./recorder')).startCoverageRecording(fake, runningTest);
}
