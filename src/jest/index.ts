import type * as Sdk from '@aws-sdk/client-kms';
import type {} from 'expect';
import type { CommandClass } from '../calls';
import { createTestLifecycle, type TestFramework } from '../testing/lifecycle';
import { dispatchByReceiver, registeredJestMatchers } from '../testing/matcherDispatch';

/** The part of jest's `jest` object this entry uses. */
interface JestObject {
  mock(moduleName: string, factory: () => unknown): unknown;
  requireActual<T>(moduleName: string): T;
}

// The `jest` jest hands every module it loads; `undefined` under `injectGlobals: false`.
declare const jest: JestObject | undefined;

/** jest's hooks and `expect`: the globals, or from `@jest/globals` when `injectGlobals` is `false`. */
function jestFramework(): TestFramework & { jest: JestObject } {
  const globals = globalThis as unknown as Partial<TestFramework>;
  if (typeof jest !== 'undefined' && jest && typeof globals.beforeEach === 'function') {
    const { beforeEach, afterEach, afterAll, expect } = globals as TestFramework;
    return { beforeEach, afterEach, afterAll, ...(typeof expect === 'function' && { expect }), jest };
  }
  // jest answers this require itself, with the functions of the file being run.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@jest/globals') as TestFramework & { jest: JestObject };
}

const { jest: jestObject, expect: jestExpect, ...hooks } = jestFramework();
// aws-sdk-client-mock-jest's matchers, if registered before, keep answering for its stubs.
const expect: TestFramework['expect'] = jestExpect && {
  extend: (matchers) => jestExpect.extend(dispatchByReceiver(matchers as Record<string, () => unknown>, registeredJestMatchers())),
  objectContaining: (partial) => jestExpect.objectContaining(partial),
};
/** The running test as jest's `expect` knows it (its full name joins describe blocks and title with spaces). */
const runningTest = jestExpect && (() => {
  const state = (jestExpect as unknown as { getState(): { testPath?: string; currentTestName?: string } }).getState();
  return { file: state.testPath, name: state.currentTestName };
});
const lifecycle = createTestLifecycle({ ...hooks, ...(expect && { expect }), ...(runningTest && { runningTest }) });

// The SDK and the fake load only when the test file (or a module it loads) requires the SDK:
// its KMSClient is faked before any application code can make a client of it. A file that never
// touches KMS pays for neither.
jestObject.mock('@aws-sdk/client-kms', () => {
  const sdk = jestObject.requireActual<typeof Sdk>('@aws-sdk/client-kms');
  lifecycle.install(sdk.KMSClient);
  return sdk;
});

/**
 * The jest entry: `setupFilesAfterEnv: ['kms-fake/jest']` fakes every `KMSClient` of each test
 * file (including clients application modules create at import time), starts every test from
 * the state the file's `beforeAll` hooks left, and registers the matchers.
 *
 * @example
 * ```ts
 * import { kmsFake } from 'kms-fake/jest';
 * expect(kmsFake).toHaveReceivedCommandWith(DecryptCommand, { KeyId: 'alias/app' });
 * ```
 */
export const kmsFake = lifecycle.kmsFake;
/** Settings of this file's fake (see {@link KmsFakeTestSettings}); set them at the top of a test file. */
export const kmsFakeSettings = lifecycle.settings;

// The matchers on @types/jest's global `expect`...
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // Type parameters as @types/jest declares them: merged declarations must match. The members
    // are declared here (the same as KmsFakeMatchers), not inherited: aws-sdk-client-mock-jest
    // extends this interface with matchers of the same names, and two bases with the same
    // members clash, while members declared in merged interfaces become overloads.
    // eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-empty-object-type
    interface Matchers<R, T = {}> {
      toHaveReceivedCommand(command: CommandClass): R;
      toHaveReceivedCommandTimes(command: CommandClass, times: number): R;
      toHaveReceivedCommandOnce(command: CommandClass): R;
      toHaveReceivedCommandWith<Input extends object>(command: CommandClass<Input>, input: Partial<Input> | Record<string, unknown>): R;
      toHaveReceivedNthCommandWith<Input extends object>(n: number, command: CommandClass<Input>, input: Partial<Input> | Record<string, unknown>): R;
      toHaveReceivedNthSpecificCommandWith<Input extends object>(n: number, command: CommandClass<Input>, input: Partial<Input> | Record<string, unknown>): R;
      toHaveReceivedAnyCommand(): R;
    }
  }
}

// ...and on the `expect` of @jest/globals (injectGlobals: false), whose matchers are the `expect` package's.
declare module 'expect' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface Matchers<R extends void | Promise<void>, T = unknown> {
    toHaveReceivedCommand(command: CommandClass): R;
    toHaveReceivedCommandTimes(command: CommandClass, times: number): R;
    toHaveReceivedCommandOnce(command: CommandClass): R;
    toHaveReceivedCommandWith<Input extends object>(command: CommandClass<Input>, input: Partial<Input> | Record<string, unknown>): R;
    toHaveReceivedNthCommandWith<Input extends object>(n: number, command: CommandClass<Input>, input: Partial<Input> | Record<string, unknown>): R;
    toHaveReceivedNthSpecificCommandWith<Input extends object>(n: number, command: CommandClass<Input>, input: Partial<Input> | Record<string, unknown>): R;
    toHaveReceivedAnyCommand(): R;
  }
}
