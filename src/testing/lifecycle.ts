import { usageError } from '../errors';
import { installKmsFake, type KmsFake, type KmsFakeOptions } from '../kmsFake';
import type { ClientClass } from '../plugin/install';
import { createKmsMatchers, type ObjectContaining } from './matchers';

/** The parts of a test framework the lifecycle uses; jest and vitest both provide them. */
export interface TestFramework {
  beforeEach(fn: () => void): void;
  afterAll(fn: () => void): void;
  expect?: { extend(matchers: object): void; objectContaining: ObjectContaining };
}

/** Settings of the jest and vitest entries; change them at the top of a test file. */
export interface KmsFakeTestSettings {
  /** Reset the fake (keys, history, overrides, faults) before every test. Default `true`. */
  resetBeforeEach: boolean;
}

/**
 * One fake for a whole test file: fakes every instance of `clientClass`, resets before each
 * test (unless turned off), registers the matchers, and restores the class after the file.
 */
export function setUpKmsFake(framework: TestFramework, clientClass: ClientClass, options?: KmsFakeOptions) {
  if (typeof framework.beforeEach !== 'function' || typeof framework.afterAll !== 'function') {
    throw usageError('the kms-fake test entry must run inside a test framework (jest setupFilesAfterEnv, vitest setupFiles)');
  }
  const settings: KmsFakeTestSettings = { resetBeforeEach: true };
  const kmsFake: KmsFake = installKmsFake(clientClass, options);
  const expect = framework.expect;
  // vitest's objectContaining must be called on its expect, not detached from it.
  if (expect) expect.extend(createKmsMatchers((partial) => expect.objectContaining(partial)));
  framework.beforeEach(() => {
    if (settings.resetBeforeEach) kmsFake.reset();
  });
  framework.afterAll(() => {
    kmsFake.restore();
    kmsFake.reset();
  });
  return { kmsFake, settings };
}
