// The vitest entry: `setupFiles: ['kms-fake/vitest']`. Vitest can only be imported from ESM, so
// this adapter is ESM; the lifecycle it runs is the same as the jest entry's (testing/lifecycle).
import { KMSClient } from '@aws-sdk/client-kms';
import { afterAll, afterEach, beforeEach, expect } from 'vitest';
import core from '../testing/lifecycle.js';

// vitest joins describe blocks and title with ' > '; the coverage report joins them with spaces, as jest does.
const runningTest = () => {
  const state = expect.getState();
  return { file: state.testPath, name: state.currentTestName?.split(' > ').join(' ') };
};
const lifecycle = core.createTestLifecycle({ beforeEach, afterEach, afterAll, expect, runningTest });
lifecycle.install(KMSClient);

export const kmsFake = lifecycle.kmsFake;
export const kmsFakeSettings = lifecycle.settings;
