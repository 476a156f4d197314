import type { CommandClass, KmsCall } from '../calls';
import type { KmsFake } from '../kmsFake';
import { usageError } from '../errors/core';
import { isKmsFake } from '../brand';

/** What a test framework's matcher context offers (jest and vitest both do). */
export interface MatcherContext {
  readonly isNot?: boolean;
  equals(a: unknown, b: unknown): boolean;
}

export interface MatcherResult {
  pass: boolean;
  message(): string;
}

/** The one asymmetric matcher the helpers need, from the framework's own `expect`. */
export type ObjectContaining = (partial: object) => unknown;

/** A matcher as frameworks register it; each one below checks its own arguments' types. */
export type KmsMatcher = (this: MatcherContext, received: unknown, ...args: unknown[]) => MatcherResult;

/** Inputs as one-line JSON; blobs by size, classes by name (Buffers turn to JSON before a replacer sees them, so read the raw value). */
function show(value: unknown): string {
  return (
    JSON.stringify(value, function replace(this: Record<string, unknown>, key, v: unknown) {
      const raw = key === '' ? v : this[key];
      if (typeof raw === 'function') return raw.name || 'a function';
      return raw instanceof Uint8Array ? `<${raw.length} bytes>` : v;
    }) ?? String(value)
  );
}

function received(kms: KmsFake): string {
  const calls = kms.calls();
  if (calls.length === 0) return 'Received no calls.';
  return [`Received ${calls.length} call${calls.length === 1 ? '' : 's'}:`, ...calls.map((c, i) => `  ${i + 1}. ${c.commandName} ${show(c.input)}`)].join('\n');
}

function fakeOf(value: unknown): KmsFake {
  if (!isKmsFake(value)) {
    throw usageError(
      'expect(...) needs the KmsFake, e.g. expect(kmsFake).toHaveReceivedCommand(EncryptCommand); for a mockClient() stub, import kms-fake/client-mock-jest',
    );
  }
  return value as KmsFake;
}

type Parameter = 'command' | 'times' | 'n' | 'input';

/** What each matcher takes after the fake; anything more, less or else fails the assertion. */
const PARAMETERS = {
  toHaveReceivedCommand: ['command'],
  toHaveReceivedCommandTimes: ['command', 'times'],
  toHaveReceivedCommandOnce: ['command'],
  toHaveReceivedCommandWith: ['command', 'input'],
  toHaveReceivedNthCommandWith: ['n', 'command', 'input'],
  toHaveReceivedNthSpecificCommandWith: ['n', 'command', 'input'],
  toHaveReceivedAnyCommand: [],
} as const satisfies Record<keyof KmsFakeMatchers<unknown>, readonly Parameter[]>;

const ACCEPTS: Record<Parameter, [string, (value: unknown) => boolean]> = {
  command: ['a command class such as EncryptCommand', (v) => typeof v === 'function' && typeof v.name === 'string'],
  times: ['a count (an integer >= 0)', (v) => Number.isInteger(v) && (v as number) >= 0],
  n: ['a call number (an integer >= 1)', (v) => Number.isInteger(v) && (v as number) >= 1],
  input: ['an input object', (v) => typeof v === 'object' && v !== null],
};

/**
 * Refuses arguments a matcher does not take: an assertion that ignored them could not fail
 * (`.not.toHaveReceivedCommand(EncryptCommand, { KeyId: 'x' })` would pass whatever was sent).
 * A matcher that throws fails the assertion, with or without `.not`.
 */
function checkArguments(matcher: keyof typeof PARAMETERS, args: unknown[]): void {
  const parameters: readonly Parameter[] = PARAMETERS[matcher];
  const signature = `${matcher}(${parameters.join(', ')})`;
  if (args.length !== parameters.length) {
    throw usageError(`${signature} takes ${parameters.length} argument${parameters.length === 1 ? '' : 's'}, not ${args.length}: ${show(args)}`);
  }
  parameters.forEach((parameter, i) => {
    const [wanted, accepts] = ACCEPTS[parameter];
    if (!accepts(args[i])) throw usageError(`${signature}: ${parameter} must be ${wanted}, not ${show(args[i])}`);
  });
}

/**
 * The aws-sdk-client-mock-jest matchers, with their names and meaning, on a KmsFake's call
 * history. Framework-neutral: jest and vitest register the same functions.
 */
export function createKmsMatchers(objectContaining: ObjectContaining): Record<keyof KmsFakeMatchers<unknown>, KmsMatcher> {
  function result(ctx: MatcherContext, pass: boolean, kms: KmsFake, expectation: string): MatcherResult {
    return { pass, message: () => `Expected kms-fake ${ctx.isNot ? 'not ' : ''}to have received ${expectation}.\n${received(kms)}` };
  }
  const inputMatches = (ctx: MatcherContext, call: KmsCall | undefined, input: object) =>
    call !== undefined && ctx.equals(call.input, objectContaining(input));
  const of = (kms: KmsFake, command: CommandClass) => kms.calls().filter((c) => c.commandName === command.name);

  const matchers = {
    toHaveReceivedCommand(this: MatcherContext, fake: unknown, command: CommandClass) {
      const kms = fakeOf(fake);
      return result(this, of(kms, command).length > 0, kms, command.name);
    },
    toHaveReceivedCommandTimes(this: MatcherContext, fake: unknown, command: CommandClass, times: number) {
      const kms = fakeOf(fake);
      return result(this, of(kms, command).length === times, kms, `${command.name} ${times} times`);
    },
    toHaveReceivedCommandOnce(this: MatcherContext, fake: unknown, command: CommandClass) {
      const kms = fakeOf(fake);
      return result(this, of(kms, command).length === 1, kms, `${command.name} once`);
    },
    toHaveReceivedCommandWith(this: MatcherContext, fake: unknown, command: CommandClass, input: object) {
      const kms = fakeOf(fake);
      const pass = of(kms, command).some((c) => inputMatches(this, c, input));
      return result(this, pass, kms, `${command.name} with ${show(input)}`);
    },
    toHaveReceivedNthCommandWith(this: MatcherContext, fake: unknown, n: number, command: CommandClass, input: object) {
      const kms = fakeOf(fake);
      const call = kms.calls()[n - 1];
      const pass = call?.commandName === command.name && inputMatches(this, call, input);
      return result(this, pass, kms, `${command.name} with ${show(input)} as call ${n}`);
    },
    toHaveReceivedNthSpecificCommandWith(this: MatcherContext, fake: unknown, n: number, command: CommandClass, input: object) {
      const kms = fakeOf(fake);
      const pass = inputMatches(this, of(kms, command)[n - 1], input);
      return result(this, pass, kms, `${command.name} with ${show(input)} as its call ${n}`);
    },
    toHaveReceivedAnyCommand(this: MatcherContext, fake: unknown) {
      const kms = fakeOf(fake);
      return result(this, kms.calls().length > 0, kms, 'any command');
    },
  };
  const checked = Object.entries(matchers).map(([name, matcher]) => [
    name,
    function (this: MatcherContext, fake: unknown, ...args: unknown[]) {
      checkArguments(name as keyof typeof PARAMETERS, args);
      return (matcher as KmsMatcher).call(this, fake, ...args);
    },
  ]);
  return Object.fromEntries(checked) as Record<keyof KmsFakeMatchers<unknown>, KmsMatcher>;
}

/** The matchers' signatures, for the jest and vitest type augmentations. */
export interface KmsFakeMatchers<R> {
  toHaveReceivedCommand(command: CommandClass): R;
  toHaveReceivedCommandTimes(command: CommandClass, times: number): R;
  toHaveReceivedCommandOnce(command: CommandClass): R;
  toHaveReceivedCommandWith<Input extends object>(command: CommandClass<Input>, input: Partial<Input> | Record<string, unknown>): R;
  toHaveReceivedNthCommandWith<Input extends object>(n: number, command: CommandClass<Input>, input: Partial<Input> | Record<string, unknown>): R;
  toHaveReceivedNthSpecificCommandWith<Input extends object>(n: number, command: CommandClass<Input>, input: Partial<Input> | Record<string, unknown>): R;
  toHaveReceivedAnyCommand(): R;
}
