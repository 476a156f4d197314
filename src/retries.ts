import { ConfiguredRetryStrategy } from '@smithy/core/retry';

/**
 * Client options that keep the SDK's real retry loop (classification, attempts, retry quota)
 * but wait 0 ms between attempts, so injected throttling and 5xx faults settle in
 * milliseconds instead of the SDK's real backoff (about 75 ms per 5xx send, 1–2 s per
 * throttled send).
 *
 * @param maxAttempts - attempts per send, the first included (the SDK's default is 3)
 * @example
 * ```ts
 * const client = new KMSClient({ region: 'us-east-1', ...fastRetries() });
 * kms.injectFault({ error: 'ThrottlingException', times: 2 });
 * await client.send(new ListKeysCommand({})); // succeeds on the 3rd attempt, at once
 * ```
 */
export function fastRetries(maxAttempts = 3): { retryStrategy: ConfiguredRetryStrategy } {
  return { retryStrategy: new ConfiguredRetryStrategy(maxAttempts, () => 0) };
}
