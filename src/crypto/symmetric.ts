import { createCipheriv, createDecipheriv } from 'node:crypto';

/**
 * Symmetric encryption for SYMMETRIC_DEFAULT keys: AES-256-GCM under the key's material.
 *
 * Deliberate difference from KMS: the ciphertext blob format is kms-fake's own (KMS's is
 * undocumented). It is versioned and names its key and material version, so Decrypt needs no
 * KeyId, and the header plus the canonically ordered encryption context are the GCM AAD, so
 * any change to the blob or the context fails authentication.
 *
 *   version(1) | keyIdLength(1) | keyId | materialId(32) | iv(12) | ciphertext | tag(16)
 */
const VERSION = 1;
const MATERIAL_ID_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type EncryptionContext = Readonly<Record<string, string>>;

export interface SealingKey {
  readonly keyId: string;
  readonly materialId: string;
  readonly secret: Uint8Array;
}

/** What a blob says about itself before it is authenticated. */
export interface BlobHeader {
  readonly keyId: string;
  readonly materialId: string;
}

export function seal(key: SealingKey, plaintext: Uint8Array, context: EncryptionContext, iv: Uint8Array): Uint8Array {
  const header = encodeHeader(key);
  const cipher = createCipheriv('aes-256-gcm', key.secret, iv);
  cipher.setAAD(Buffer.concat([header, canonicalContext(context)]));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return new Uint8Array(Buffer.concat([header, iv, body, cipher.getAuthTag()]));
}

/** Parses the header; `undefined` when the blob is not one of ours (AWS: InvalidCiphertextException). */
export function readHeader(blob: Uint8Array): BlobHeader | undefined {
  const keyIdLength = blob[1];
  if (blob[0] !== VERSION || keyIdLength === undefined) return undefined;
  const headerLength = 2 + keyIdLength + MATERIAL_ID_BYTES;
  if (blob.length < headerLength + IV_BYTES + TAG_BYTES) return undefined;
  const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  return {
    keyId: buf.toString('latin1', 2, 2 + keyIdLength),
    materialId: buf.toString('hex', 2 + keyIdLength, headerLength),
  };
}

/** Opens a blob; `undefined` when authentication fails (wrong key, context or tampering). */
export function open(key: SealingKey, blob: Uint8Array, context: EncryptionContext): Uint8Array | undefined {
  const header = encodeHeader(key);
  const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  if (buf.length < header.length + IV_BYTES + TAG_BYTES || !buf.subarray(0, header.length).equals(header)) return undefined;
  const iv = buf.subarray(header.length, header.length + IV_BYTES);
  const tag = buf.subarray(buf.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key.secret, iv);
  decipher.setAAD(Buffer.concat([header, canonicalContext(context)]));
  decipher.setAuthTag(tag);
  try {
    const plain = Buffer.concat([decipher.update(buf.subarray(header.length + IV_BYTES, buf.length - TAG_BYTES)), decipher.final()]);
    return new Uint8Array(plain);
  } catch {
    return undefined;
  }
}

function encodeHeader(key: SealingKey): Buffer {
  const id = Buffer.from(key.keyId, 'latin1');
  return Buffer.concat([Buffer.from([VERSION, id.length]), id, Buffer.from(key.materialId, 'hex')]);
}

/**
 * The encryption context as AAD: pairs sorted by key, each string length-prefixed, so the
 * order the caller wrote them in does not matter and no two contexts encode alike.
 */
export function canonicalContext(context: EncryptionContext): Buffer {
  const parts: Buffer[] = [];
  for (const k of Object.keys(context).sort()) {
    for (const s of [k, context[k] ?? '']) {
      const bytes = Buffer.from(s, 'utf8');
      const len = Buffer.alloc(4);
      len.writeUInt32BE(bytes.length);
      parts.push(len, bytes);
    }
  }
  return Buffer.concat(parts);
}

export const SYMMETRIC_IV_BYTES = IV_BYTES;
