// The vitest entry: `setupFiles: ['kms-fake/vitest']`. Vitest can only be imported from ESM, so
// this adapter is ESM; the lifecycle it runs is the same as the jest entry's (testing/lifecycle).
import { KMSClient } from '@aws-sdk/client-kms';
import { afterAll, afterEach, beforeEach, expect } from 'vitest';
import core from '../testing/lifecycle.js';

const lifecycle = core.createTestLifecycle({ beforeEach, afterEach, afterAll, expect });
lifecycle.install(KMSClient);

export const kmsFake = lifecycle.kmsFake;
export const kmsFakeSettings = lifecycle.settings;
