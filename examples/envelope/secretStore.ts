import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DecryptCommand, GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms';

/** A record sealed by a {@link SecretStore}: everything needed to open it again, all base64. */
export interface SealedRecord {
  recordId: string;
  /** The data key, encrypted by KMS under the store's key and bound to this record's ID. */
  encryptedDataKey: string;
  iv: string;
  tag: string;
  ciphertext: string;
}

/** Envelope encryption of records under one KMS key. */
export interface SecretStore {
  seal(recordId: string, plaintext: string): Promise<SealedRecord>;
  open(sealed: SealedRecord): Promise<string>;
}

export interface SecretStoreOptions {
  kms: KMSClient;
  /** The KMS key that wraps the data keys: key ID, key ARN, alias name or alias ARN. */
  keyId: string;
}

const CIPHER = 'aes-256-gcm';
// 96 bits is the IV length GCM is specified for; a fresh data key per record makes reuse moot anyway.
const IV_BYTES = 12;

/**
 * Creates a store that seals each record under its own AES-256 data key from KMS. Only the
 * encrypted data key is kept; the plaintext key lives just long enough to encrypt the record.
 *
 * The record ID is part of the KMS encryption context, so a sealed record cannot be opened
 * (or swapped in) under another ID.
 *
 * @example
 * ```ts
 * const store = createSecretStore({ kms: new KMSClient({}), keyId: 'alias/secret-store' });
 * const sealed = await store.seal('user-42', 'hunter2');
 * const secret = await store.open(sealed);
 * ```
 */
export function createSecretStore({ kms, keyId }: SecretStoreOptions): SecretStore {
  return {
    async seal(recordId, plaintext) {
      const { Plaintext: dataKey, CiphertextBlob } = await kms.send(
        new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: contextFor(recordId) }),
      );
      if (!dataKey || !CiphertextBlob) throw new Error('GenerateDataKey returned no data key');
      try {
        const iv = randomBytes(IV_BYTES);
        const cipher = createCipheriv(CIPHER, dataKey, iv);
        const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
        return {
          recordId,
          encryptedDataKey: Buffer.from(CiphertextBlob).toString('base64'),
          iv: iv.toString('base64'),
          tag: cipher.getAuthTag().toString('base64'),
          ciphertext: ciphertext.toString('base64'),
        };
      } finally {
        dataKey.fill(0);
      }
    },

    async open(sealed) {
      // Naming the key makes KMS refuse a data key wrapped under any other key.
      const { Plaintext: dataKey } = await kms.send(
        new DecryptCommand({
          KeyId: keyId,
          CiphertextBlob: Buffer.from(sealed.encryptedDataKey, 'base64'),
          EncryptionContext: contextFor(sealed.recordId),
        }),
      );
      if (!dataKey) throw new Error('Decrypt returned no data key');
      try {
        const decipher = createDecipheriv(CIPHER, dataKey, Buffer.from(sealed.iv, 'base64'));
        decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
        return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
      } finally {
        dataKey.fill(0);
      }
    },
  };
}

/**
 * The KMS encryption context of a record's data key. Exported so tools that unwrap data keys
 * themselves (migrations, audits) bind exactly the same context.
 */
export function contextFor(recordId: string): Record<string, string> {
  return { recordId, purpose: 'secret-store' };
}
