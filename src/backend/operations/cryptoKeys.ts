import type { EncryptionAlgorithmSpec, KeyUsageType } from '@aws-sdk/client-kms';
import { incorrectKey, invalidCiphertext, keyUsage, unsupported } from '../../errors';
import { open, readHeader, seal, SYMMETRIC_IV_BYTES, type EncryptionContext } from '../../crypto/symmetric';
import { algorithmsOf, specInfo } from '../keySpecs';
import { ALL_KEY_ID_FORMS } from '../resolveKey';
import type { KeyMaterial, KeyRecord } from '../store';
import { currentMaterial } from './material';
import type { OperationContext } from './operation';

/**
 * The checks every encrypting or decrypting operation makes after the key state, in AWS's
 * order: key usage first, then the algorithm against the key spec.
 */
export function assertUsage(key: KeyRecord, usage: KeyUsageType, operation: string): void {
  if (key.keyUsage !== usage) throw keyUsage.notValidFor(key.arn, key.keyUsage, operation);
}

export function assertEncryptionAlgorithm(key: KeyRecord, algorithm: EncryptionAlgorithmSpec): void {
  const offered = algorithmsOf(key.keySpec, key.keyUsage).EncryptionAlgorithms ?? [];
  if (!offered.includes(algorithm)) throw keyUsage.algorithmIncompatible(algorithm, key.keySpec);
}

/** Nitro Enclaves attestation is outside what an in-process fake can verify. */
export function rejectRecipient(input: { Recipient?: unknown }): void {
  if (input.Recipient !== undefined) throw unsupported('kms-fake does not verify Nitro Enclaves attestation documents (Recipient).');
}

/** A key that can encrypt: ENCRYPT_DECRYPT and offering `algorithm`. */
export function assertEncryptingKey(key: KeyRecord, operation: string, algorithm: EncryptionAlgorithmSpec): void {
  assertUsage(key, 'ENCRYPT_DECRYPT', operation);
  assertEncryptionAlgorithm(key, algorithm);
  if (specInfo(key.keySpec).family !== 'symmetric') {
    throw unsupported(`kms-fake does not implement ${algorithm} encryption with ${key.keySpec} keys yet.`);
  }
}

export interface Sealed {
  blob: Uint8Array;
  material: KeyMaterial;
}

/** Encrypts under the key's current material, binding the encryption context. */
export function sealUnder(ctx: OperationContext, key: KeyRecord, plaintext: Uint8Array, context: EncryptionContext): Sealed {
  const material = currentMaterial(key.materials);
  if (!material) throw unsupported(`${key.arn} has no key material.`);
  const iv = ctx.core.entropy.bytes(SYMMETRIC_IV_BYTES);
  const blob = seal({ keyId: key.keyId, materialId: material.id, secret: material.secret }, plaintext, context, iv);
  return { blob, material };
}

export interface Opening {
  key: KeyRecord;
  open(context: EncryptionContext): { plaintext: Uint8Array; material: KeyMaterial };
}

/**
 * Finds the key a ciphertext names and checks it like Decrypt does: the `KeyId` the caller
 * named (if any) is looked up first and must be that key (IncorrectKeyException), then the
 * key's state, usage and algorithm. Authentication happens in `open`, after any dry-run gate.
 */
export function keyOfCiphertext(
  ctx: OperationContext,
  blob: Uint8Array,
  namedKeyId: string | undefined,
  algorithm: EncryptionAlgorithmSpec,
): Opening {
  const named = namedKeyId === undefined ? undefined : ctx.requireKey(namedKeyId, ALL_KEY_ID_FORMS);
  const header = readHeader(blob);
  if (!header) throw invalidCiphertext();
  if (named && named.keyId !== header.keyId) throw incorrectKey();
  const key = named ?? ctx.region.keys.get(header.keyId);
  // The header is not authenticated yet: a blob naming no key here (tampered, another region's,
  // or a deleted key's) is simply a ciphertext this region cannot decrypt.
  if (!key) throw invalidCiphertext();
  if (!named) ctx.requireKey(key.keyId, ALL_KEY_ID_FORMS);
  assertEncryptingKey(key, ctx.operation, algorithm);
  return {
    key,
    open(context) {
      const material = key.materials.find((m) => m.id === header.materialId);
      const plaintext = material && open({ keyId: key.keyId, materialId: material.id, secret: material.secret }, blob, context);
      if (!material || !plaintext) throw invalidCiphertext();
      return { plaintext, material };
    },
  };
}
