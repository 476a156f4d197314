import { DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';

/** The application's client, made when this module is first imported. */
const kms = new KMSClient({ region: 'eu-central-1' });

/** Seals `text` under `keyId`, bound to the tenant. */
export async function seal(keyId, tenant, text) {
  const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from(text), EncryptionContext: { tenant } }));
  return CiphertextBlob;
}

/** Opens what `seal` sealed for the same tenant. */
export async function open(blob, tenant) {
  const { Plaintext } = await kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: { tenant } }));
  return Buffer.from(Plaintext).toString();
}
