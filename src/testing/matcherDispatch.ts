import { isKmsFake } from '../brand';

type Matcher = (this: unknown, received: unknown, ...args: unknown[]) => unknown;

/**
 * kms-fake's matchers share aws-sdk-client-mock-jest's names, so whichever registers last would
 * answer for both kinds of receiver. Registered through this, each of ours answers for a KmsFake
 * and hands any other receiver (an aws-sdk-client-mock stub) to the matcher it replaces, so a
 * project that uses both keeps both working whatever the order of its setup files.
 */
export function dispatchOverPrevious<M extends Record<string, Matcher>>(own: M, previous: Readonly<Record<string, unknown>> | undefined): M {
  const dispatched: Record<string, Matcher> = {};
  for (const [name, matcher] of Object.entries(own)) {
    const replaced = previous?.[name];
    dispatched[name] =
      typeof replaced === 'function'
        ? function dispatch(this: unknown, received: unknown, ...args: unknown[]) {
            return (isKmsFake(received) ? matcher : (replaced as Matcher)).call(this, received, ...args);
          }
        : matcher;
  }
  return dispatched as M;
}

/**
 * The matchers jest's `expect.extend` has registered so far, as the functions it was given (the
 * `expect` package keeps them on a global; vitest keeps wrapped ones, so this is for jest only).
 */
export function registeredJestMatchers(): Readonly<Record<string, unknown>> | undefined {
  const store = (globalThis as Record<symbol, { matchers?: Record<string, unknown> } | undefined>)[Symbol.for('$$jest-matchers-object')];
  return store?.matchers;
}
