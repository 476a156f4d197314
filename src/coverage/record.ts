/**
 * What a test worker records per `send` while the coverage reporter runs, one JSON line each, and
 * how the reporter tells its workers where to write. @internal
 */

/** Names the run directory: set by the reporter before any worker starts, inherited by every worker. */
export const COVERAGE_DIR_ENV = 'KMS_FAKE_COVERAGE_DIR';
/** A JSON array of absolute paths (files, or directories ending in `/`) whose code counts as test code besides the running test file. */
export const TEST_CODE_ENV = 'KMS_FAKE_COVERAGE_TEST_CODE';

/** Who made a call: the test itself (setup, assertions) or the application code under test. */
export type CallMaker = 'application' | 'test';

/** One recorded `send`. */
export interface KmsCoverageRecord {
  /** The running test file, absolute (the reporter makes it relative to the project root). */
  readonly file: string;
  /** The running test's full name; empty outside a test (in `beforeAll`, for example). */
  readonly test: string;
  readonly operation: string;
  /** The exception name the caller got; absent for success. */
  readonly exception?: string;
  readonly keyState?: string;
  readonly keySpec?: string;
  readonly keyUsage?: string;
  readonly by: CallMaker;
}

/**
 * The test a call happens in, as the test framework knows it (`TestFramework.runningTest`).
 *
 * @example
 * ```ts
 * const runningTest = (): RunningTest => ({ file: expect.getState().testPath, name: expect.getState().currentTestName });
 * ```
 */
export interface RunningTest {
  readonly file?: string | undefined;
  readonly name?: string | undefined;
}
