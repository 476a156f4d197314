// The vitest entry: `setupFiles: ['kms-fake/vitest']`. Vitest can only be imported from ESM, so
// this adapter is ESM; the lifecycle it runs is the same as the jest entry's (testing/lifecycle).
import { KMSClient } from '@aws-sdk/client-kms';
import { afterAll, beforeEach, expect } from 'vitest';
import core from '../testing/lifecycle.js';

const { kmsFake, settings: kmsFakeSettings } = core.setUpKmsFake({ beforeEach, afterAll, expect }, KMSClient);

export { kmsFake, kmsFakeSettings };
