/**
 * `kms-fake/client-mock-jest`: aws-sdk-client-mock-jest's matchers (`toHaveReceivedCommand`,
 * `toHaveReceivedCommandWith`, ... and their `toReceive...` aliases), registered on jest's
 * `expect` and typed, for stubs made by `kms-fake/client-mock`. A test file migrates by changing
 * `'aws-sdk-client-mock-jest'` to `'kms-fake/client-mock-jest'`. Given a KmsFake instead of a
 * stub (`kmsFake` of kms-fake/jest, `stub.kmsFake`), each matcher is kms-fake's own of that name.
 *
 * @example
 * ```ts
 * import 'kms-fake/client-mock-jest';
 * expect(kmsMock).toHaveReceivedCommandWith(EncryptCommand, { KeyId: 'alias/app' });
 * expect(kmsFake).toHaveReceivedCommand(CreateKeyCommand);
 * ```
 */
/// <reference types="aws-sdk-client-mock-jest" preserve="true" />
import { dirname, join } from 'node:path';
import { requirePeer } from '../clientMock/peer';
import { createKmsMatchers } from '../testing/matchers';
import { dispatchByReceiver, registeredJestMatchers, rememberStubMatchers } from '../testing/matcherDispatch';
import { createStubMatchers, type CreateBaseMatchers } from './stubMatchers';

/** The part of jest's `expect` used here. */
interface JestExpect {
  extend(matchers: object): void;
  objectContaining(sample: object): unknown;
}

/** jest's `expect`: the global, or from `@jest/globals` when `injectGlobals` is `false`. */
function jestExpect(): JestExpect | undefined {
  const global = (globalThis as { expect?: Partial<JestExpect> }).expect;
  if (typeof global?.extend === 'function') return global as JestExpect;
  try {
    // jest answers this require itself, with the functions of the file being run.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('@jest/globals') as { expect: JestExpect }).expect;
  } catch {
    return undefined; // not under jest: nothing to register on, as aws-sdk-client-mock-jest does
  }
}

// Through `require` (jest's own, in a test file), so the package and its matcher factory are the
// copies jest gives the test file.
const entry = requirePeer<string>('kms-fake/client-mock-jest', 'aws-sdk-client-mock-jest', (peer) => require.resolve(peer));
// Its package entry registers its own matchers; the factory sits beside it (4.1 and later).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createBaseMatchers } = require(join(dirname(entry), 'jestMatchers.js')) as { createBaseMatchers?: CreateBaseMatchers };
const expect = jestExpect();
if (typeof createBaseMatchers !== 'function') {
  // 3.x and 4.0 have no factory: their entry registers matchers that take stubs only; kms-fake's
  // are put back beside them, for a KmsFake.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(entry);
  if (expect) expect.extend(dispatchByReceiver(createKmsMatchers((sample) => expect.objectContaining(sample)), registeredJestMatchers()));
} else if (expect) {
  const objectContaining = (sample: object) => expect.objectContaining(sample);
  const stubMatchers = createStubMatchers(createBaseMatchers, objectContaining);
  rememberStubMatchers(stubMatchers);
  expect.extend(dispatchByReceiver(createKmsMatchers(objectContaining), stubMatchers));
}

export {};
