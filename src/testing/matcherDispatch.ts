import { isKmsFake } from '../brand';

/** A matcher as frameworks call it; each side checks its own `this` and arguments. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Matcher = (this: any, received: unknown, ...args: any[]) => unknown;

/** aws-sdk-client-mock-jest's aliases (`toReceiveCommand`, ...) name the same checks as `toHaveReceived...`. */
const canonical = (name: string) => name.replace(/^toReceive/, 'toHaveReceived');

/**
 * kms-fake's matchers share aws-sdk-client-mock-jest's names, so whichever registers last would
 * answer for both kinds of receiver. This gives each shared name one matcher that answers a
 * KmsFake with kms-fake's own and hands any other receiver (an aws-sdk-client-mock stub) to the
 * other's, so a project that uses both keeps both working whatever order they register in.
 * `others` may hold unrelated matchers (jest's whole registry): only the shared names are taken.
 */
export function dispatchByReceiver(own: Record<string, Matcher>, others: Readonly<Record<string, unknown>> | undefined): Record<string, Matcher> {
  const dispatched: Record<string, Matcher> = { ...own };
  for (const [name, other] of Object.entries(others ?? {})) {
    const mine = own[canonical(name)];
    if (!mine || typeof other !== 'function' || other === own[name]) continue;
    dispatched[name] = function dispatch(this: unknown, received: unknown, ...args: unknown[]) {
      return (isKmsFake(received) ? mine : (other as Matcher)).call(this, received, ...args);
    };
  }
  return dispatched;
}

/**
 * The matchers jest's `expect.extend` has registered so far, as the functions it was given (the
 * `expect` package keeps them on a global; vitest keeps wrapped ones, so this is for jest only).
 */
export function registeredJestMatchers(): Readonly<Record<string, unknown>> | undefined {
  const store = (globalThis as Record<symbol, { matchers?: Record<string, unknown> } | undefined>)[Symbol.for('$$jest-matchers-object')];
  return store?.matchers;
}

const STUB_MATCHERS = Symbol.for('kms-fake.stubMatchers');

/**
 * The stub matchers kms-fake/client-mock-jest built, kept where the setup files find them: under
 * vitest, whose registry holds only wrapped matchers, a setup file that registers after
 * client-mock-jest must still hand stubs to them.
 */
export function rememberStubMatchers(matchers: Record<string, Matcher>): void {
  (globalThis as Record<symbol, unknown>)[STUB_MATCHERS] = matchers;
}

export function rememberedStubMatchers(): Readonly<Record<string, unknown>> | undefined {
  return (globalThis as Record<symbol, Record<string, unknown> | undefined>)[STUB_MATCHERS];
}
