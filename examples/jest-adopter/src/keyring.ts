import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  KMSClient,
  NotFoundException,
} from '@aws-sdk/client-kms';

/**
 * The application's KMS client, made once when this module is first imported — the pattern
 * kms-fake/jest is built for: the test never sees or passes this client, yet it is faked.
 */
export const kmsClient = new KMSClient({ region: 'eu-west-1' });

export const KEY_ALIAS = 'alias/app';
/** Bound to every ciphertext: a blob wrapped by another application does not unwrap here. */
const CONTEXT = { app: 'keyring' };

/** The ID of the key behind `alias/app`, creating key and alias on first use. */
export async function ensureKey(): Promise<string> {
  try {
    const { KeyMetadata } = await kmsClient.send(new DescribeKeyCommand({ KeyId: KEY_ALIAS }));
    return KeyMetadata!.KeyId!;
  } catch (error) {
    if (!(error instanceof NotFoundException)) throw error;
  }
  const { KeyMetadata } = await kmsClient.send(new CreateKeyCommand({ Description: 'keyring application key' }));
  await kmsClient.send(new CreateAliasCommand({ AliasName: KEY_ALIAS, TargetKeyId: KeyMetadata!.KeyId! }));
  return KeyMetadata!.KeyId!;
}

/** Encrypts a secret under `alias/app`; returns the ciphertext as base64. */
export async function wrapSecret(plaintext: string): Promise<string> {
  const { CiphertextBlob } = await kmsClient.send(
    new EncryptCommand({ KeyId: KEY_ALIAS, Plaintext: new TextEncoder().encode(plaintext), EncryptionContext: CONTEXT }),
  );
  return Buffer.from(CiphertextBlob!).toString('base64');
}

/** Decrypts what {@link wrapSecret} returned. */
export async function unwrapSecret(blob: string): Promise<string> {
  const { Plaintext } = await kmsClient.send(
    new DecryptCommand({ CiphertextBlob: Buffer.from(blob, 'base64'), EncryptionContext: CONTEXT }),
  );
  return new TextDecoder().decode(Plaintext);
}
