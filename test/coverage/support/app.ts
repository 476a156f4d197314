import { DecryptCommand, type KMSClient } from '@aws-sdk/client-kms';

/** Application code under test: it decrypts, and knows nothing of the coverage report. */
export async function appDecrypt(client: KMSClient, ciphertext: Uint8Array): Promise<Uint8Array | undefined> {
  const { Plaintext } = await client.send(new DecryptCommand({ CiphertextBlob: ciphertext }));
  return Plaintext;
}
