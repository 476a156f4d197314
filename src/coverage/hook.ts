import type { KmsFake } from '../kmsFake';
import { COVERAGE_DIR_ENV, type RunningTest } from './record';

/** The running test as the global `expect` of jest (or of vitest with `globals: true`) knows it. */
function runningTestOfGlobalExpect(): RunningTest {
  const expect = (globalThis as { expect?: { getState?: () => { testPath?: string; currentTestName?: string } } }).expect;
  const state = expect?.getState?.();
  return { file: state?.testPath, name: state?.currentTestName?.split(' > ').join(' ') };
}

/**
 * Records the fake's calls for the coverage report when a reporter named a run directory; loads
 * the recorder only then, so a run without the reporter pays nothing for it. @internal
 */
export function recordCoverageIfReporting(fake: KmsFake, runningTest: () => RunningTest = runningTestOfGlobalExpect): void {
  if (!process.env[COVERAGE_DIR_ENV]) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('./recorder') as typeof import('./recorder')).startCoverageRecording(fake, runningTest);
}
