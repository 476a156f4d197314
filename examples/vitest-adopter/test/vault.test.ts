import {
  CreateKeyCommand,
  DecryptCommand,
  GenerateDataKeyCommand,
  IncorrectKeyException,
  InvalidCiphertextException,
  KMSClient,
  ListKeysCommand,
} from '@aws-sdk/client-kms';
import { beforeEach, describe, expect, it } from 'vitest';
import { kmsFake } from 'kms-fake/vitest';
import { newDataKey, openDataKey } from '../src/vault';

// The test's own client: like every KMSClient in this file, the setup file fakes it.
const admin = new KMSClient({ region: 'ap-southeast-2' });
let keyId: string;

beforeEach(async () => {
  // Runs after the setup file's beforeEach, so every test starts from an empty fake plus this key.
  const { KeyMetadata } = await admin.send(new CreateKeyCommand({ Description: 'vault key' }));
  keyId = KeyMetadata!.KeyId!;
});

describe('the client vault.ts created at import time', () => {
  it('is answered by the fake, with real crypto bound to the tenant', async () => {
    const key = await newDataKey(keyId, 'acme');
    expect(key.plaintext).toHaveLength(32);
    expect(await openDataKey(key.wrapped, 'acme')).toEqual(key.plaintext);
    await expect(openDataKey(key.wrapped, 'globex')).rejects.toBeInstanceOf(InvalidCiphertextException);
    expect(kmsFake.calls().map((c) => c.region)).toEqual(Array(4).fill('ap-southeast-2'));
  });
});

describe('matchers', () => {
  it('pass on the calls the application made', async () => {
    await newDataKey(keyId, 'acme');
    expect(kmsFake).toHaveReceivedCommand(GenerateDataKeyCommand);
    expect(kmsFake).toHaveReceivedCommandOnce(GenerateDataKeyCommand);
    expect(kmsFake).toHaveReceivedCommandWith(GenerateDataKeyCommand, {
      KeyId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      EncryptionContext: { tenant: 'acme' },
    });
    expect(kmsFake).toHaveReceivedNthSpecificCommandWith(1, GenerateDataKeyCommand, { KeySpec: 'AES_256' });
    expect(kmsFake).not.toHaveReceivedCommand(DecryptCommand);
  });

  it('fail with a message that names the command and lists the calls', () => {
    expect(() => expect(kmsFake).toHaveReceivedCommand(DecryptCommand)).toThrow(
      /^Expected kms-fake to have received DecryptCommand\.\nReceived 1 call:\n {2}1\. CreateKeyCommand \{"Description":"vault key"\}$/,
    );
  });
});

describe('fresh state in every test', () => {
  it('a test creates a second key', async () => {
    await admin.send(new CreateKeyCommand({}));
    expect((await admin.send(new ListKeysCommand({}))).Keys).toHaveLength(2);
  });

  it('the next test sees only the key its beforeEach made', async () => {
    expect(kmsFake.calls()).toHaveLength(1);
    expect((await admin.send(new ListKeysCommand({}))).Keys).toEqual([expect.objectContaining({ KeyId: keyId })]);
  });
});

describe('overrides', () => {
  it('make one tenant Decrypt fail while the other keeps the real answer', async () => {
    const acme = await newDataKey(keyId, 'acme');
    const globex = await newDataKey(keyId, 'globex');
    kmsFake.on(DecryptCommand, { EncryptionContext: { tenant: 'acme' } }).rejects('IncorrectKeyException');

    await expect(openDataKey(acme.wrapped, 'acme')).rejects.toBeInstanceOf(IncorrectKeyException);
    expect(await openDataKey(globex.wrapped, 'globex')).toEqual(globex.plaintext);
  });

  it('can answer with a canned output, once', async () => {
    const acme = await newDataKey(keyId, 'acme');
    kmsFake.on(DecryptCommand).resolvesOnce({ Plaintext: new Uint8Array(32) });
    expect(await openDataKey(acme.wrapped, 'acme')).toEqual(new Uint8Array(32));
    expect(await openDataKey(acme.wrapped, 'acme')).toEqual(acme.plaintext);
  });
});
