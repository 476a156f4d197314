import { DecryptCommand, DisabledException, EncryptCommand, KMSClient, KMSInvalidStateException } from '@aws-sdk/client-kms';

/** The application's client, made at import time as applications do. */
const kms = new KMSClient({ region: 'eu-west-1' });

/** The secret's key is disabled: an operator must enable it again. */
export class SecretKeyDisabledError extends Error {
  override readonly name = 'SecretKeyDisabledError';
}

/** The secret's key cannot be used now (pending deletion, pending import, ...). */
export class SecretKeyUnavailableError extends Error {
  override readonly name = 'SecretKeyUnavailableError';
}

export async function encryptSecret(keyId: string, secret: string): Promise<Uint8Array> {
  const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: new TextEncoder().encode(secret) }));
  return CiphertextBlob!;
}

export async function decryptSecret(ciphertext: Uint8Array): Promise<string> {
  try {
    const { Plaintext } = await kms.send(new DecryptCommand({ CiphertextBlob: ciphertext }));
    return new TextDecoder().decode(Plaintext);
  } catch (error) {
    if (error instanceof DisabledException) throw new SecretKeyDisabledError(error.message);
    if (error instanceof KMSInvalidStateException) throw new SecretKeyUnavailableError(error.message);
    throw error;
  }
}
