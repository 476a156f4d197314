import type { KmsFake } from '../kmsFake.js';
import type { KmsFakeTestSettings } from '../testing/lifecycle.js';
import type { CommandClass } from '../calls.js';

/** The fake of every `KMSClient` in this test file (see `kms-fake/jest`). */
export declare const kmsFake: KmsFake;
export declare const kmsFakeSettings: KmsFakeTestSettings;

declare module 'vitest' {
  // Members declared, not inherited (as in kms-fake/jest): beside aws-sdk-client-mock-jest's
  // matchers of the same names they become overloads instead of clashing bases.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface Assertion<T> {
    toHaveReceivedCommand(command: CommandClass): T;
    toHaveReceivedCommandTimes(command: CommandClass, times: number): T;
    toHaveReceivedCommandOnce(command: CommandClass): T;
    toHaveReceivedCommandWith<Input extends object>(command: CommandClass<Input>, input: Partial<Input> | Record<string, unknown>): T;
    toHaveReceivedNthCommandWith<Input extends object>(n: number, command: CommandClass<Input>, input: Partial<Input> | Record<string, unknown>): T;
    toHaveReceivedNthSpecificCommandWith<Input extends object>(n: number, command: CommandClass<Input>, input: Partial<Input> | Record<string, unknown>): T;
    toHaveReceivedAnyCommand(): T;
  }
}
