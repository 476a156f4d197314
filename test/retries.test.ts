import { KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { fastRetries, KmsFake } from 'kms-fake';
import { KmsFakeUsageError } from '../src/errors';
import { retryStrategyWithoutDelay } from '../src/retries';

/** Stands in for the SDK's own `require`, holding only the given modules. */
const sdkWith = (modules: Record<string, Record<string, unknown>>) => (id: string) => {
  const found = modules[id];
  if (!found) throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
  return found;
};

class Configured {
  constructor(
    readonly maxAttempts: number,
    readonly backoff: () => number,
  ) {}
}

class LegacyStandard {
  constructor(
    readonly maxAttempts: () => Promise<number>,
    readonly options: { delayDecider: () => number },
  ) {}
}

describe('fastRetries', () => {
  it("through a real client: the SDK's retry loop, no backoff, the attempts it was given", async () => {
    const kms = new KmsFake();
    const client = new KMSClient({ region: 'eu-west-1', ...fastRetries(4) });
    kms.attach(client);
    kms.injectFault({ error: 'ThrottlingException', times: 3 });
    const { $metadata } = await client.send(new ListKeysCommand({}));
    expect($metadata.attempts).toBe(4);
    expect($metadata.totalRetryDelay).toBe(0);
  });

  it('takes ConfiguredRetryStrategy from @smithy/core/retry first, then @smithy/util-retry, with a zero backoff', () => {
    const fromCore = retryStrategyWithoutDelay(5, sdkWith({ '@smithy/core/retry': { ConfiguredRetryStrategy: Configured }, '@smithy/util-retry': {} }));
    expect(fromCore).toBeInstanceOf(Configured);
    expect((fromCore as unknown as Configured).maxAttempts).toBe(5);
    expect((fromCore as unknown as Configured).backoff()).toBe(0);
    const fromUtil = retryStrategyWithoutDelay(2, sdkWith({ '@smithy/util-retry': { ConfiguredRetryStrategy: Configured } }));
    expect((fromUtil as unknown as Configured).maxAttempts).toBe(2);
  });

  it("falls back to @aws-sdk/middleware-retry's StandardRetryStrategy with a zero delayDecider (the 3.303-era SDKs)", async () => {
    const legacy = retryStrategyWithoutDelay(3, sdkWith({ '@aws-sdk/middleware-retry': { StandardRetryStrategy: LegacyStandard } })) as unknown as LegacyStandard;
    expect(legacy).toBeInstanceOf(LegacyStandard);
    await expect(legacy.maxAttempts()).resolves.toBe(3);
    expect(legacy.options.delayDecider()).toBe(0);
  });

  it('says so with a usage error when the SDK has no such strategy, or when the attempts make no sense', () => {
    expect(() => retryStrategyWithoutDelay(3, sdkWith({}))).toThrow(KmsFakeUsageError);
    expect(() => retryStrategyWithoutDelay(3, undefined)).toThrow(/found no retry strategy/);
    expect(() => fastRetries(0)).toThrow(KmsFakeUsageError);
    expect(() => fastRetries(1.5)).toThrow(/whole number of attempts/);
  });
});
