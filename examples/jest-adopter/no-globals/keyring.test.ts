// Runs with `injectGlobals: false`: jest defines no globals, so kms-fake/jest takes its hooks and
// `expect` from @jest/globals, as this file does.
import { CreateKeyCommand, DecryptCommand, EncryptCommand, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { kmsFake } from 'kms-fake/jest';
import { ensureKey, unwrapSecret, wrapSecret } from '../src/keyring';

describe('kms-fake/jest under injectGlobals: false', () => {
  it('has no jest globals to lean on', () => {
    expect((globalThis as { describe?: unknown }).describe).toBeUndefined();
  });

  it('fakes the client the application made at import time, and registers the matchers on this expect', async () => {
    await ensureKey();
    const blob = await wrapSecret('hunter2');
    expect(await unwrapSecret(blob)).toBe('hunter2');
    expect(kmsFake).toHaveReceivedCommandWith(EncryptCommand, { KeyId: 'alias/app' });
    expect(kmsFake).toHaveReceivedCommandOnce(DecryptCommand);
    expect(() => expect(kmsFake).not.toHaveReceivedCommand(...([EncryptCommand, {}] as unknown as [typeof EncryptCommand]))).toThrow(
      /takes 1 argument, not 2/,
    );
  });
});

describe('per-test state', () => {
  let fileKey: string;
  beforeAll(async () => {
    fileKey = await ensureKey();
  });

  it('test 1 sees the beforeAll key and makes one more', async () => {
    const client = new KMSClient({ region: 'eu-west-1' });
    await client.send(new CreateKeyCommand({}));
    expect((await client.send(new ListKeysCommand({}))).Keys).toHaveLength(2);
  });

  it('test 2 sees only the beforeAll key, with an empty history', async () => {
    expect(kmsFake.calls()).toEqual([]);
    const { Keys } = await new KMSClient({ region: 'eu-west-1' }).send(new ListKeysCommand({}));
    expect(Keys!.map((k) => k.KeyId)).toEqual([fileKey]);
  });
});
