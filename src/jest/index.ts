import { KMSClient } from '@aws-sdk/client-kms';
import type { KmsFakeMatchers } from '../testing/matchers';
import { setUpKmsFake, type TestFramework } from '../testing/lifecycle';

/** jest's globals, read without depending on jest's types (the package does not ship them). */
const jestGlobals = globalThis as unknown as Partial<TestFramework> & { expect?: TestFramework['expect'] };

/**
 * The jest entry: `setupFilesAfterEnv: ['kms-fake/jest']` fakes every `KMSClient` of each test
 * file (including clients application modules create at import time), resets the fake before
 * every test and registers the matchers.
 *
 * @example
 * ```ts
 * import { kmsFake } from 'kms-fake/jest';
 * expect(kmsFake).toHaveReceivedCommandWith(DecryptCommand, { KeyId: 'alias/app' });
 * ```
 */
const { kmsFake, settings: kmsFakeSettings } = setUpKmsFake(
  {
    beforeEach: jestGlobals.beforeEach!,
    afterAll: jestGlobals.afterAll!,
    ...(typeof jestGlobals.expect === 'function' && { expect: jestGlobals.expect }),
  },
  KMSClient,
);

export { kmsFake, kmsFakeSettings };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface Matchers<R> extends KmsFakeMatchers<R> {}
  }
}
