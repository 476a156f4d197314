/**
 * aws-sdk-client-mock-jest's matchers, built with that package's own `createBaseMatchers` (what
 * passes and fails is its code), with failure messages written here, for jest and vitest alike;
 * and nothing else: the dispatch by receiver is testing/matcherDispatch.ts.
 *
 * Why not that package's registering entries: kms-fake/client-mock-jest must register matchers
 * that also take a KmsFake (a test file under the kms-fake/jest setup file asserts on both), and
 * its `aws-sdk-client-mock-jest/vitest` is ESM that only vite can compile, so vitest loads it through
 * vite only when a test file imports it directly. Imported from kms-fake (which vitest hands to
 * node as it is), it would fail to load, or bring a second copy of aws-sdk-client-mock whose
 * `AwsStub` the stubs are not instances of.
 * @internal
 */

/** What a failure message gets, as aws-sdk-client-mock-jest's `createBaseMatchers` passes it. */
interface MessageInput {
  readonly cmd: string;
  readonly client: string;
  readonly notPrefix: string;
  readonly calls: readonly SpyCall[];
  readonly commandCalls: readonly SpyCall[];
  readonly data: { readonly matchCount?: number; readonly received?: { readonly constructor: { name: string }; readonly input: unknown } } | undefined;
  readonly ctxUtils: PrintUtils;
}

interface SpyCall {
  readonly args: readonly [{ readonly constructor: { name: string }; readonly input: unknown }];
}

/** The part of vitest's `this.utils` the messages use. */
interface PrintUtils {
  printExpected(value: unknown): string;
  printReceived(value: unknown): string;
  printDiffOrStringify(expected: unknown, received: unknown, expectedLabel: string, receivedLabel: string, expand: boolean): string;
}

type Message = (input: MessageInput) => string;

/** The message table `createBaseMatchers` takes, one entry per base matcher. */
export interface MatcherMessages {
  toHaveReceivedCommand: Message;
  toHaveReceivedCommandTimes: (times: number) => Message;
  toHaveReceivedCommandWith: (input: Record<string, unknown>) => Message;
  toHaveReceivedNthCommandWith: (call: number, input: Record<string, unknown>) => Message;
  toHaveReceivedNthSpecificCommandWith: (call: number, input: Record<string, unknown>) => Message;
  toHaveReceivedAnyCommand: Message;
}

export type MatcherFunction = (this: unknown, received: unknown, ...args: unknown[]) => unknown;
type BaseMatchers = Record<keyof MatcherMessages, MatcherFunction>;

/** aws-sdk-client-mock-jest's `createBaseMatchers`, as the vitest entry loads it. */
export type CreateBaseMatchers = (messages: MatcherMessages, objectContaining: (sample: Record<string, unknown>) => unknown) => BaseMatchers;

/** `1st`, `2nd`, `3rd`, `11th`, ... */
function ordinalOf(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** Every call the stub received, one per line, so a failure shows what did happen. */
function withCalls({ calls, ctxUtils }: MessageInput, ...lines: string[]): string {
  if (calls.length === 0) return [...lines, '', 'It received no calls.'].join('\n');
  const listed = calls.map((call, i) => `  ${i + 1}. ${call.args[0].constructor.name} ${ctxUtils.printReceived(call.args[0].input)}`);
  return [...lines, '', 'Calls received:', ...listed].join('\n');
}

function nthMessage(call: number, input: Record<string, unknown>, calls: (m: MessageInput) => readonly SpyCall[]): Message {
  return (m) => {
    const head = `Expected ${m.client} ${m.notPrefix}to receive ${m.cmd} with ${m.ctxUtils.printExpected(input)} as its ${ordinalOf(call)} call`;
    const received = m.data?.received;
    if (!received) return withCalls(m, head, `It received only ${calls(m).length}.`);
    const diff = m.ctxUtils.printDiffOrStringify(input, received.input, 'Expected', 'Received', false);
    return withCalls(m, head, `That call was ${received.constructor.name}:`, diff);
  };
}

const messages: MatcherMessages = {
  toHaveReceivedCommand: (m) =>
    withCalls(m, `Expected ${m.client} ${m.notPrefix}to receive ${m.cmd}; it received it ${m.ctxUtils.printReceived(m.commandCalls.length)} times.`),
  toHaveReceivedCommandTimes: (times) => (m) =>
    withCalls(m, `Expected ${m.client} ${m.notPrefix}to receive ${m.cmd} ${m.ctxUtils.printExpected(times)} times; it received it ${m.ctxUtils.printReceived(m.commandCalls.length)} times.`),
  toHaveReceivedCommandWith: (input) => (m) =>
    withCalls(
      m,
      `Expected ${m.client} ${m.notPrefix}to receive ${m.cmd} with ${m.ctxUtils.printExpected(input)}; ` +
        `${m.ctxUtils.printReceived(m.data?.matchCount ?? 0)} of its ${m.commandCalls.length} ${m.cmd} calls matched.`,
    ),
  toHaveReceivedNthCommandWith: (call, input) => nthMessage(call, input, (m) => m.calls),
  toHaveReceivedNthSpecificCommandWith: (call, input) => nthMessage(call, input, (m) => m.commandCalls),
  toHaveReceivedAnyCommand: (m) => withCalls(m, `Expected ${m.client} ${m.notPrefix}to receive any command.`),
};

/**
 * Every matcher of aws-sdk-client-mock-jest under its name, the `toReceive...` aliases included,
 * ready for jest's or vitest's `expect.extend`.
 */
export function createStubMatchers(
  createBaseMatchers: CreateBaseMatchers,
  objectContaining: (sample: Record<string, unknown>) => unknown,
): Record<string, MatcherFunction> {
  const base = createBaseMatchers(messages, objectContaining);
  return {
    ...base,
    toReceiveCommand: base.toHaveReceivedCommand,
    toReceiveCommandTimes: base.toHaveReceivedCommandTimes,
    toReceiveCommandWith: base.toHaveReceivedCommandWith,
    toReceiveNthCommandWith: base.toHaveReceivedNthCommandWith,
    toReceiveNthSpecificCommandWith: base.toHaveReceivedNthSpecificCommandWith,
    toReceiveAnyCommand: base.toHaveReceivedAnyCommand,
  };
}

