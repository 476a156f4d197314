import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';

/** Made when this module is first imported; tests never see it, yet kms-fake/vitest fakes it. */
const kms = new KMSClient({ region: 'ap-southeast-2' });

/** A data key for local encryption: the plaintext half to use now, the wrapped half to store. */
export interface DataKey {
  plaintext: Uint8Array;
  wrapped: string;
}

/** A fresh AES-256 data key under `keyId`, bound to `tenant` through the encryption context. */
export async function newDataKey(keyId: string, tenant: string): Promise<DataKey> {
  const { Plaintext, CiphertextBlob } = await kms.send(
    new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: { tenant } }),
  );
  return { plaintext: Plaintext!, wrapped: Buffer.from(CiphertextBlob!).toString('base64') };
}

/** The plaintext of a stored data key; fails unless `tenant` is the one it was made for. */
export async function openDataKey(wrapped: string, tenant: string): Promise<Uint8Array> {
  const { Plaintext } = await kms.send(
    new DecryptCommand({ CiphertextBlob: Buffer.from(wrapped, 'base64'), EncryptionContext: { tenant } }),
  );
  return Plaintext!;
}
