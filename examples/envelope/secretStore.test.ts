import { createDecipheriv } from 'node:crypto';
import {
  CreateKeyCommand,
  DecryptCommand,
  DisabledException,
  DisableKeyCommand,
  InvalidCiphertextException,
  KMSClient,
  NotFoundException,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { KmsFake } from 'kms-fake';
import { contextFor, createSecretStore, type SealedRecord, type SecretStore } from './secretStore';

const DAY_MS = 24 * 60 * 60 * 1000;

let kms: KmsFake;
let client: KMSClient;
let keyArn: string;
let store: SecretStore;

beforeEach(async () => {
  kms = new KmsFake();
  client = new KMSClient({ region: 'eu-central-1' });
  client.middlewareStack.use(kms.plugin());
  const { KeyMetadata } = await client.send(new CreateKeyCommand({ Description: 'secret-store test key' }));
  keyArn = KeyMetadata!.Arn!;
  store = createSecretStore({ kms: client, keyId: keyArn });
});

/** Flips one bit of a base64 field. */
function flipLastByte(base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[bytes.length - 1]! ^= 0x01;
  return bytes.toString('base64');
}

describe('secret store', () => {
  it('opens what it sealed', async () => {
    const sealed = await store.seal('rec-1', 'the launch code is 0000');

    expect(sealed.recordId).toBe('rec-1');
    expect(Buffer.from(sealed.ciphertext, 'base64').toString('utf8')).not.toContain('launch');
    await expect(store.open(sealed)).resolves.toBe('the launch code is 0000');
  });

  it('seals every record under a fresh data key and IV', async () => {
    const a = await store.seal('rec-1', 'same secret');
    const b = await store.seal('rec-1', 'same secret');

    expect(a.encryptedDataKey).not.toBe(b.encryptedDataKey);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ciphertext).not.toBe(b.ciphertext);
  });

  it('stores a data key that really decrypts the record', async () => {
    const sealed = await store.seal('rec-1', 'checked by hand');

    const { Plaintext: dataKey, KeyId } = await client.send(
      new DecryptCommand({
        CiphertextBlob: Buffer.from(sealed.encryptedDataKey, 'base64'),
        EncryptionContext: { recordId: 'rec-1', purpose: 'secret-store' },
      }),
    );
    expect(KeyId).toBe(keyArn);
    expect(dataKey).toHaveLength(32);

    const decipher = createDecipheriv('aes-256-gcm', dataKey!, Buffer.from(sealed.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const plaintext = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
    expect(plaintext.toString('utf8')).toBe('checked by hand');
  });

  it('zeroes the plaintext data key once the record is sealed', async () => {
    const seen: Uint8Array[] = [];
    client.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        const plaintext = (result.output as { Plaintext?: Uint8Array }).Plaintext;
        if (plaintext) seen.push(plaintext);
        return result;
      },
      { step: 'initialize', name: 'captureDataKey' },
    );

    await store.seal('rec-1', 'short-lived key');

    expect(seen).toHaveLength(1);
    expect(seen[0]).toHaveLength(32);
    expect(seen[0]!.every((byte) => byte === 0)).toBe(true);
  });

  it('will not open a record under another record ID', async () => {
    const sealed = await store.seal('rec-1', 'for rec-1 only');

    const swapped: SealedRecord = { ...sealed, recordId: 'rec-2' };
    await expect(store.open(swapped)).rejects.toBeInstanceOf(InvalidCiphertextException);
  });

  it('will not open a record whose encrypted data key was tampered with', async () => {
    const sealed = await store.seal('rec-1', 'tamper-evident');

    const tampered: SealedRecord = { ...sealed, encryptedDataKey: flipLastByte(sealed.encryptedDataKey) };
    await expect(store.open(tampered)).rejects.toBeInstanceOf(InvalidCiphertextException);
  });

  it('will not open a record whose ciphertext was tampered with', async () => {
    const sealed = await store.seal('rec-1', 'tamper-evident');

    const tampered: SealedRecord = { ...sealed, ciphertext: flipLastByte(sealed.ciphertext) };
    await expect(store.open(tampered)).rejects.toThrow('Unsupported state or unable to authenticate data');
  });

  it('cannot open records while the key is disabled', async () => {
    const sealed = await store.seal('rec-1', 'locked away');
    await client.send(new DisableKeyCommand({ KeyId: keyArn }));

    const opening = store.open(sealed);
    await expect(opening).rejects.toBeInstanceOf(DisabledException);
    await expect(opening).rejects.toThrow(`${keyArn} is disabled.`);
  });

  it('loses the records for good once the key is deleted', async () => {
    const sealed = await store.seal('rec-1', 'gone with the key');
    await client.send(new ScheduleKeyDeletionCommand({ KeyId: keyArn, PendingWindowInDays: 7 }));

    kms.advanceTime(8 * DAY_MS);

    await expect(store.open(sealed)).rejects.toBeInstanceOf(NotFoundException);
  });

  it('binds the documented encryption context', () => {
    expect(contextFor('rec-9')).toEqual({ recordId: 'rec-9', purpose: 'secret-store' });
  });
});
