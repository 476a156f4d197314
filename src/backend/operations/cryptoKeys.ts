import type { EncryptionAlgorithmSpec, KeyUsageType } from '@aws-sdk/client-kms';
import type { CryptoProvider } from '../../crypto';
import { attestationNotVerified, cryptoGap, incorrectKey, invalidCiphertext, noMaterial, plaintextTooLarge } from '../../errors';
import { open, readHeader, seal, SYMMETRIC_IV_BYTES, type EncryptionContext } from '../../crypto/symmetric';
import { algorithmsOf, isSymmetricSpec } from '../keySpecs';
import { ALL_KEY_ID_FORMS, KEY_ID_PATTERN, keyInAnyAccount } from '../resolveKey';
import type { KeyMaterial, KeyRecord } from '../store';
import { currentMaterial, keyPairOf, providerOf } from './material';
import type { OperationContext } from './operation';
import { assertKeyFor, type NamedAlgorithm } from './precedence';

/**
 * The key's provider, after the `keyUsage` and `keySpec` steps (precedence.ts): a family that
 * cannot do `capability` correctly (SM2) then answers UnsupportedOperationException naming the gap.
 */
export function capableProvider<C extends keyof CryptoProvider>(
  key: KeyRecord,
  usage: KeyUsageType,
  operation: string,
  capability: C,
  algorithm?: NamedAlgorithm,
): CryptoProvider & Required<Pick<CryptoProvider, C>> {
  assertKeyFor(key, operation, usage, algorithm);
  const provider = providerOf(key);
  if (provider[capability] === undefined) throw cryptoGap(provider.gap, `do ${operation} with ${key.keySpec} keys`);
  return provider as CryptoProvider & Required<Pick<CryptoProvider, C>>;
}

export function rejectRecipient(input: { Recipient?: unknown }): void {
  if (input.Recipient !== undefined) throw attestationNotVerified();
}

/** A key that can encrypt: ENCRYPT_DECRYPT, then offering `algorithm` (precedence.ts, `keyUsage` and `keySpec`). */
export function assertEncryptingKey(key: KeyRecord, operation: string, algorithm: EncryptionAlgorithmSpec): void {
  assertKeyFor(key, operation, 'ENCRYPT_DECRYPT', { name: algorithm, offered: algorithmsOf(key.keySpec, key.keyUsage).EncryptionAlgorithms });
  const provider = providerOf(key);
  if (!isSymmetricSpec(key.keySpec) && !provider.encrypt) throw cryptoGap(provider.gap, `encrypt with ${key.keySpec} keys`);
}

/** RSA keys encrypt at most k − 2·hLen − 2 bytes (API Reference: Encrypt); checked before any dry-run gate. */
export function assertPlaintextFits(key: KeyRecord, algorithm: EncryptionAlgorithmSpec, plaintext: Uint8Array): void {
  const limit = providerOf(key).maxPlaintext?.(key.keySpec, algorithm);
  if (limit !== undefined && plaintext.length > limit) throw plaintextTooLarge(algorithm, key.keySpec, limit);
}

export interface Encrypted {
  blob: Uint8Array;
  /** The material version, reported for symmetric keys only. */
  material: KeyMaterial | undefined;
}

/**
 * Encrypts under any encrypting key: the fake's blob for symmetric keys (context bound), the
 * bare OAEP ciphertext for RSA keys, as KMS returns it (RSA takes no encryption context).
 */
export function encryptUnder(
  ctx: OperationContext,
  key: KeyRecord,
  algorithm: EncryptionAlgorithmSpec,
  plaintext: Uint8Array,
  context: EncryptionContext,
): Encrypted {
  if (isSymmetricSpec(key.keySpec)) return sealUnder(ctx, key, plaintext, context);
  return { blob: providerOf(key).encrypt!(keyPairOf(key), algorithm, plaintext), material: undefined };
}

export interface Sealed {
  blob: Uint8Array;
  material: KeyMaterial;
}

/** Encrypts under the key's current material, binding the encryption context. */
export function sealUnder(ctx: OperationContext, key: KeyRecord, plaintext: Uint8Array, context: EncryptionContext): Sealed {
  const material = currentMaterial(key.materials);
  if (!material) throw noMaterial(key.arn);
  const iv = ctx.core.entropy.bytes(SYMMETRIC_IV_BYTES);
  const blob = seal({ keyId: key.keyId, materialId: material.id, secret: material.secret }, plaintext, context, iv);
  return { blob, material };
}

export interface Opening {
  key: KeyRecord;
  open(context: EncryptionContext): { plaintext: Uint8Array; material: KeyMaterial | undefined };
}

/**
 * Finds the key a ciphertext names and checks it as Decrypt does. The `KeyId` the caller named
 * (if any) is looked up and its state checked first. Then the algorithm decides how the blob is read:
 * - SYMMETRIC_DEFAULT: the blob is a symmetric ciphertext whose header names its key. One that does
 *   not parse is InvalidCiphertextException, whatever the named key; a named key that is not the one
 *   the header names is IncorrectKeyException, whatever its usage (Recorded: LocalStack test_kms
 *   snapshot, test_error_messaging_for_invalid_keys and test_re_encrypt_incorrect_source_key: an HMAC
 *   KeyId; floci-io/floci PR #3038, measured on AWS: an RSA key's ciphertext is InvalidCiphertextException).
 * - an asymmetric algorithm: the blob is bare and the KeyId names its key (API Reference: Decrypt,
 *   KeyId), whose usage then spec is checked (floci-io/floci PR #3038, measured on AWS: a signing
 *   KeyId answers its key usage).
 * Authentication happens in `open`, after any dry-run gate.
 */
export function keyOfCiphertext(
  ctx: OperationContext,
  blob: Uint8Array,
  namedKeyId: string | undefined,
  algorithm: EncryptionAlgorithmSpec,
): Opening {
  const named = namedKeyId === undefined ? undefined : ctx.requireKey(namedKeyId, ALL_KEY_ID_FORMS);
  if (named && algorithm !== 'SYMMETRIC_DEFAULT') return asymmetricOpening(ctx, named, blob, algorithm);
  const header = readHeader(blob);
  // The header is unauthenticated bytes: only one naming a key ID the fake could have made is a
  // ciphertext of some key (one RSA ciphertext in 256 starts with the version byte).
  if (!header || !KEY_ID_PATTERN.test(header.keyId)) throw invalidCiphertext();
  if (named && named.keyId !== header.keyId) throw incorrectKey();
  // A ciphertext of another account's key names that key (AWS's blob carries its ARN): cross-account Decrypt.
  const key = named ?? ctx.region.keys.get(header.keyId) ?? keyInAnyAccount(ctx.core.store, ctx.scope.region, header.keyId);
  // The header is not authenticated yet: a blob naming no key here (tampered, another region's,
  // or a deleted key's) is simply a ciphertext this region cannot decrypt.
  if (!key) throw invalidCiphertext();
  if (!named) ctx.requireKey(key.arn, ALL_KEY_ID_FORMS);
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

function asymmetricOpening(ctx: OperationContext, key: KeyRecord, blob: Uint8Array, algorithm: EncryptionAlgorithmSpec): Opening {
  assertEncryptingKey(key, ctx.operation, algorithm);
  return {
    key,
    open() {
      const plaintext = providerOf(key).decrypt?.(keyPairOf(key), algorithm, blob);
      if (!plaintext) throw invalidCiphertext();
      return { plaintext, material: undefined };
    },
  };
}
