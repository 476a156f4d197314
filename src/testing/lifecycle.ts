import { usageError } from '../errors/core';
import type { KmsFake, KmsFakeOptions, KmsFakeSnapshot } from '../kmsFake';
import type { ClientClass } from '../plugin/install';
import { lazyFake } from './lazyFake';
import { createKmsMatchers, type ObjectContaining } from './matchers';
import { dispatchByReceiver, rememberedStubMatchers } from './matcherDispatch';
import { recordCoverageIfReporting } from '../coverage/hook';
import type { RunningTest } from '../coverage/record';
import type { CoverageRecording } from '../coverage/recorder';

/** The parts of a test framework the lifecycle uses; jest, vitest, node:test and mocha all provide them. */
export interface TestFramework {
  beforeEach: (fn: () => void) => void;
  afterEach: (fn: () => void) => void;
  afterAll: (fn: () => void) => void;
  expect?: { extend(matchers: object): void; objectContaining: ObjectContaining };
  /** The running test's file and full name, for the coverage report (jest's and vitest's `expect.getState()`). */
  runningTest?: () => RunningTest;
}

/** Settings of the test-runner entries; change them at the top of a test file. */
export interface KmsFakeTestSettings {
  /**
   * Start every test from the state the file's `beforeAll` hooks left (keys, aliases, grants
   * made there exist; what an earlier test made does not), with empty call history, overrides
   * and faults. Default `true`; `false` keeps whatever the previous test left.
   */
  resetBeforeEach: boolean;
}

/** One fake for a test file, and what the entries do with it. */
export interface TestLifecycle {
  /** The file's fake; created on first use, so a file that never touches KMS never loads it. */
  readonly kmsFake: KmsFake;
  readonly settings: KmsFakeTestSettings;
  /** Fakes every instance of `clientClass` with the file's fake until the file ends. */
  install(clientClass: ClientClass): void;
}

/** kms-fake itself, loaded when a test file first touches KMS: a file that never does pays nothing for it. */
function loadKmsFake(): typeof import('../kmsFake') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../kmsFake') as typeof import('../kmsFake');
}

/**
 * The per-file lifecycle every test-runner entry shares. Before each test: back to the state the
 * file's `beforeAll` hooks left (a snapshot taken by the first `beforeEach`, which runs after
 * every `beforeAll` that applies to the test), history, overrides and faults emptied. After each
 * test: back to that snapshot again, so a nested `describe`'s `beforeAll` builds on it rather
 * than on what the last test made. After the file: every install undone.
 */
export function createTestLifecycle(framework: TestFramework, options: KmsFakeOptions = {}): TestLifecycle {
  if (!['beforeEach', 'afterEach', 'afterAll'].every((hook) => typeof framework?.[hook as keyof TestFramework] === 'function')) {
    throw usageError('the kms-fake test entry must run inside a test framework (jest setupFilesAfterEnv, vitest setupFiles, node:test, mocha)');
  }
  const settings: KmsFakeTestSettings = { resetBeforeEach: true };
  let fake: KmsFake | undefined;
  let inTest = false;
  let baseline: KmsFakeSnapshot | undefined;
  let recording: CoverageRecording | undefined;
  const real = (): KmsFake => {
    if (fake) return fake;
    fake = new (loadKmsFake().KmsFake)(options);
    recording = recordCoverageIfReporting(fake, framework.runningTest);
    if (inTest) recording?.testStarts();
    // First touched inside a test: that test began from the empty fake, and so does the next.
    if (inTest && settings.resetBeforeEach) baseline = fake.snapshot();
    return fake;
  };
  const expect = framework.expect;
  // vitest's objectContaining must be called on its expect, not detached from it.
  // With kms-fake/client-mock-jest registered before, its stub matchers keep answering for stubs.
  if (expect) expect.extend(dispatchByReceiver(createKmsMatchers((partial) => expect.objectContaining(partial)), rememberedStubMatchers()));
  framework.beforeEach(() => {
    inTest = true;
    recording?.testStarts();
    baseline = undefined;
    if (!fake || !settings.resetBeforeEach) return;
    baseline = fake.snapshot();
    fake.reset(); // history, overrides and faults...
    fake.rollback(baseline); // ...while the keys the beforeAll hooks made stay
  });
  framework.afterEach(() => {
    inTest = false;
    recording?.testEnds();
    if (fake && baseline) fake.rollback(baseline);
    baseline = undefined;
  });
  framework.afterAll(() => {
    recording?.testEnds(); // a test whose afterEach never ran (a runner that skips it on failure)
    fake?.restore();
    fake?.reset();
  });
  return { kmsFake: lazyFake(real), settings, install: (clientClass) => void real().installOn(clientClass) };
}

/**
 * One fake for a whole test file, for a test runner without an entry of its own: fakes every
 * instance of `clientClass`, starts each test from the state the file's `beforeAll` hooks left,
 * registers the matchers when the framework has an `expect`, and restores the class after the file.
 *
 * @example
 * ```ts
 * // node:test
 * import { after, afterEach, beforeEach } from 'node:test';
 * const { kmsFake } = setUpKmsFake({ beforeEach, afterEach, afterAll: after }, KMSClient);
 * ```
 */
export function setUpKmsFake(framework: TestFramework, clientClass: ClientClass, options?: KmsFakeOptions) {
  // Checked before any hook is registered, so a refused call leaves the framework untouched.
  if (typeof clientClass?.prototype?.send !== 'function') throw usageError('setUpKmsFake needs a client class such as KMSClient');
  const lifecycle = createTestLifecycle(framework, options);
  lifecycle.install(clientClass);
  return { kmsFake: lifecycle.kmsFake, settings: lifecycle.settings };
}
