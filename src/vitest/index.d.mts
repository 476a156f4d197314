import type { KmsFake } from '../kmsFake.js';
import type { KmsFakeTestSettings } from '../testing/lifecycle.js';
import type { KmsFakeMatchers } from '../testing/matchers.js';

/** The fake of every `KMSClient` in this test file (see `kms-fake/jest`). */
export declare const kmsFake: KmsFake;
export declare const kmsFakeSettings: KmsFakeTestSettings;

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Assertion<T> extends KmsFakeMatchers<T> {}
}
