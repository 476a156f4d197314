import { CreateKeyCommand, DecryptCommand, DisableKeyCommand, KMSClient, KMSInvalidStateException, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { kmsFake } from 'kms-fake/vitest';
import { decryptSecret, encryptSecret, SecretKeyDisabledError, SecretKeyUnavailableError } from '../src/secrets';
import { beforeAll, describe, expect, it } from 'vitest';

// The test's own client: its calls are test code, and test nothing of the application.
const admin = new KMSClient({ region: 'eu-west-1' });
let keyId: string;

beforeAll(async () => {
  const { KeyMetadata } = await admin.send(new CreateKeyCommand({ Description: 'secrets' }));
  keyId = KeyMetadata!.KeyId!;
});

describe('secrets', () => {
  it('round-trips a secret', async () => {
    const ciphertext = await encryptSecret(keyId, 'hunter2');
    await expect(decryptSecret(ciphertext)).resolves.toBe('hunter2');
  });

  it('reports a disabled key', async () => {
    const ciphertext = await encryptSecret(keyId, 'hunter2');
    await admin.send(new DisableKeyCommand({ KeyId: keyId }));
    await expect(decryptSecret(ciphertext)).rejects.toBeInstanceOf(SecretKeyDisabledError);
  });

  it('reports an unusable key', async () => {
    kmsFake.on(DecryptCommand).rejects('KMSInvalidStateException');
    await expect(decryptSecret(new Uint8Array([1, 2, 3]))).rejects.toBeInstanceOf(SecretKeyUnavailableError);
  });

  it('leaves a key pending deletion to the test', async () => {
    // The same operation as decryptSecret's, called by the test itself: it tests nothing.
    const ciphertext = await encryptSecret(keyId, 'hunter2');
    await admin.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    await expect(admin.send(new DecryptCommand({ CiphertextBlob: ciphertext }))).rejects.toBeInstanceOf(KMSInvalidStateException);
  });
});
