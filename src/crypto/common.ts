import type { KeySpec, MessageType, SigningAlgorithmSpec } from '@aws-sdk/client-kms';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { internalError } from '../errors';

/** Types and helpers shared by the crypto modules. @internal */

/** Which crypto module serves a key spec. */
export type KeyFamily = 'symmetric' | 'rsa' | 'ecc' | 'ed25519' | 'hmac' | 'sm2' | 'mlDsa' | 'mlKem';

/** Random bytes, injected so that a seeded fake stays reproducible where the algorithm allows. */
export type RandomBytes = (length: number) => Uint8Array;

/** An asymmetric key pair, derived from seed material. */
export interface KeyPair {
  readonly spec: KeySpec;
  /** DER SubjectPublicKeyInfo, as GetPublicKey returns it. */
  readonly publicKeyDer: Uint8Array;
  /** DER PKCS#8 PrivateKeyInfo, as GenerateDataKeyPair returns it. */
  readonly privateKeyDer: Uint8Array;
  /** node:crypto handles, for the families node:crypto serves. */
  readonly node?: { readonly privateKey: KeyObject; readonly publicKey: KeyObject };
  /** Raw encodings, for the families a JavaScript library serves (ML-DSA, ML-KEM). */
  readonly raw?: { readonly secretKey: Uint8Array; readonly publicKey: Uint8Array };
}

export interface SigningInput {
  readonly algorithm: SigningAlgorithmSpec;
  readonly messageType: MessageType;
  readonly message: Uint8Array;
}

/**
 * What one family can do. A family leaves out what it cannot do correctly, and `gap` says why;
 * the backend turns a missing capability into UnsupportedOperationException.
 */
export interface CryptoProvider {
  /** Derives the pair of `spec` from 32 bytes of seed: the same seed always gives the same pair. */
  keyPair?(spec: KeySpec, seed: Uint8Array): KeyPair;
  /** The same pair, derived off the caller's path (for families whose key generation is slow). */
  /** Derives the same pair without blocking; gives up (rejects) as soon as `stop()` is true. */
  keyPairAsync?(spec: KeySpec, seed: Uint8Array, stop: () => boolean): Promise<KeyPair>;
  sign?(key: KeyPair, input: SigningInput, random: RandomBytes): Uint8Array;
  verify?(key: KeyPair, input: SigningInput, signature: Uint8Array): boolean;
  /** Largest plaintext `encrypt` takes for this spec and algorithm. */
  maxPlaintext?(spec: KeySpec, algorithm: string): number;
  encrypt?(key: KeyPair, algorithm: string, plaintext: Uint8Array): Uint8Array;
  /** `undefined` when the ciphertext does not decrypt under this key. */
  decrypt?(key: KeyPair, algorithm: string, ciphertext: Uint8Array): Uint8Array | undefined;
  /** `undefined` when `peerPublicKey` is not a DER SubjectPublicKeyInfo on the key's curve. */
  deriveSharedSecret?(key: KeyPair, peerPublicKey: Uint8Array): Uint8Array | undefined;
  encapsulate?(key: KeyPair, random: RandomBytes): { sharedSecret: Uint8Array; ciphertext: Uint8Array };
  /** `undefined` when the ciphertext has the wrong length for the key. */
  decapsulate?(key: KeyPair, ciphertext: Uint8Array): Uint8Array | undefined;
  mac?(secret: Uint8Array, algorithm: string, message: Uint8Array): Uint8Array;
  /** Why this family lacks a capability, for the UnsupportedOperationException. */
  readonly gap?: string;
}

const DIGEST_BYTES: Partial<Record<SigningAlgorithmSpec, number>> = {
  RSASSA_PSS_SHA_256: 32,
  RSASSA_PSS_SHA_384: 48,
  RSASSA_PSS_SHA_512: 64,
  RSASSA_PKCS1_V1_5_SHA_256: 32,
  RSASSA_PKCS1_V1_5_SHA_384: 48,
  RSASSA_PKCS1_V1_5_SHA_512: 64,
  ECDSA_SHA_256: 32,
  ECDSA_SHA_384: 48,
  ECDSA_SHA_512: 64,
  ED25519_PH_SHA_512: 64,
  SM2DSA: 32,
};

/** Bytes of the digest a DIGEST message must be for `algorithm`; `undefined` when it takes none. */
export function digestBytes(algorithm: SigningAlgorithmSpec): number | undefined {
  return DIGEST_BYTES[algorithm];
}

/** node's name of the hash an algorithm name ends in (`..._SHA_256` → `sha256`, `..._SHA_1` → `sha1`). */
export function hashOf(algorithm: string): 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512' {
  const bits = /SHA_(1|224|256|384|512)$/.exec(algorithm)?.[1];
  if (!bits) throw internalError(`no hash in algorithm ${algorithm}`);
  return `sha${bits}` as 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';
}

/** The pair of a node:crypto private key, with both DER encodings KMS hands out. */
export function nodeKeyPair(spec: KeySpec, privateKey: KeyObject): KeyPair {
  const publicKey = createPublicKey(privateKey);
  return {
    spec,
    publicKeyDer: new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })),
    privateKeyDer: new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' })),
    node: { privateKey, publicKey },
  };
}

/** The node:crypto handles of a pair; a pair of another family here is a bug of ours. */
export function nodeKeys(key: KeyPair): { privateKey: KeyObject; publicKey: KeyObject } {
  if (!key.node) throw internalError(`${key.spec} key has no node:crypto handle`);
  return key.node;
}

/** The raw encodings of a pair; a pair of another family here is a bug of ours. */
export function rawKeys(key: KeyPair): { secretKey: Uint8Array; publicKey: Uint8Array } {
  if (!key.raw) throw internalError(`${key.spec} key has no raw encoding`);
  return key.raw;
}
