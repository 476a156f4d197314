import { createRequire } from 'node:module';
import { usageError } from './errors';

/**
 * A retry strategy made by the SDK the user has: a token-based one (`ConfiguredRetryStrategy`), or
 * in the SDKs still built on `@aws-sdk/*` packages (3.303 era) the older `retry`-based one. Declared structurally, loose enough to be
 * accepted as `retryStrategy` by every era's client config; it is for passing to a client only.
 */
export type SdkRetryStrategy = RetryingStrategy | TokenRetryStrategy;

/** The `retry`-based strategy of the 3.303-era SDKs. */
export interface RetryingStrategy {
  readonly mode?: string;
  retry(next: unknown, args: unknown): Promise<never>;
}

/** The token-based strategy (`RetryStrategyV2`). */
export interface TokenRetryStrategy {
  readonly mode?: string;
  acquireInitialRetryToken(retryTokenScope: string): Promise<never>;
  refreshRetryTokenForRetry(token: unknown, errorInfo: unknown): Promise<never>;
  recordSuccess(token: unknown): void;
}

type Load = (id: string) => Record<string, unknown>;

/**
 * Where each era keeps a retry strategy whose delay can be set: `@smithy/core/retry` (about
 * 3.72x on), `@smithy/util-retry` (3.451 to 3.716 checked), and before that only the v1 strategy of
 * `@aws-sdk/middleware-retry`, whose `delayDecider` sets the delay.
 */
const MAKERS: readonly { readonly from: string; readonly make: (exports: Record<string, unknown>, maxAttempts: number) => object | undefined }[] = [
  { from: '@smithy/core/retry', make: configured },
  { from: '@smithy/util-retry', make: configured },
  {
    from: '@aws-sdk/middleware-retry',
    make: ({ StandardRetryStrategy }, maxAttempts) =>
      typeof StandardRetryStrategy === 'function'
        ? new (StandardRetryStrategy as new (max: () => Promise<number>, options: object) => object)(() => Promise.resolve(maxAttempts), { delayDecider: () => 0 })
        : undefined,
  },
];

function configured({ ConfiguredRetryStrategy }: Record<string, unknown>, maxAttempts: number): object | undefined {
  if (typeof ConfiguredRetryStrategy !== 'function') return undefined;
  return new (ConfiguredRetryStrategy as new (max: number, backoff: () => number) => object)(maxAttempts, () => 0);
}

/**
 * Loads from where `@aws-sdk/client-kms` itself resolves its dependencies, so the user's own SDK
 * version answers, in npm's hoisted layout and in pnpm's strict one alike.
 */
function loaderFromSdk(): Load | undefined {
  const own = createRequire(__filename);
  let sdkEntry: string;
  try {
    sdkEntry = own.resolve('@aws-sdk/client-kms');
  } catch {
    return undefined;
  }
  const fromSdk = createRequire(sdkEntry);
  return (id) => fromSdk(id) as Record<string, unknown>;
}

/**
 * Client options that keep the SDK's real retry loop (classification, attempts, retry quota)
 * but wait 0 ms between attempts, so injected throttling and 5xx faults settle in
 * milliseconds instead of the SDK's real backoff (about 75 ms per 5xx send, 1–2 s per
 * throttled send). The strategy comes from the installed SDK, loaded on the first call.
 *
 * @param maxAttempts - attempts per send, the first included (the SDK's default is 3)
 * @example
 * ```ts
 * const client = new KMSClient({ region: 'us-east-1', ...fastRetries() });
 * kms.injectFault({ error: 'ThrottlingException', times: 2 });
 * await client.send(new ListKeysCommand({})); // succeeds on the 3rd attempt, at once
 * ```
 */
export function fastRetries(maxAttempts = 3): { retryStrategy: SdkRetryStrategy } {
  return { retryStrategy: retryStrategyWithoutDelay(maxAttempts, loaderFromSdk()) };
}

/** @internal Exported for tests: `load` stands in for the SDK's own `require`. */
export function retryStrategyWithoutDelay(maxAttempts: number, load: Load | undefined): SdkRetryStrategy {
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw usageError(`fastRetries needs a whole number of attempts of at least 1, not ${String(maxAttempts)}`);
  if (load) {
    for (const { from, make } of MAKERS) {
      let exports: Record<string, unknown>;
      try {
        exports = load(from);
      } catch {
        continue;
      }
      const strategy = make(exports, maxAttempts);
      if (strategy) return strategy as SdkRetryStrategy;
    }
  }
  throw usageError(
    `fastRetries found no retry strategy in the installed @aws-sdk/client-kms (looked in ${MAKERS.map((m) => m.from).join(', ')}); pass your own retryStrategy instead`,
  );
}
