import type { KeySpec } from '@aws-sdk/client-kms';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa';
import { internalError } from '../errors';
import { rawKeys, type CryptoProvider, type KeyPair } from './common';
import { seededKeyPair } from './der';

/**
 * ML_DSA_44/65/87 (FIPS 204) with @noble/post-quantum, since node:crypto on Node 20 has no
 * ML-DSA. RAW messages are signed as pure ML-DSA with an empty context; EXTERNAL_MU messages
 * are the 64-byte µ itself (API Reference: Sign, MessageType).
 */
type Signer = typeof ml_dsa65;
/** `internal.sign/verify` take µ directly when their last argument is true (FIPS 204, Algorithm 7/8). */
type ExternalMu = {
  sign(secretKey: Uint8Array, mu: Uint8Array, random: Uint8Array | undefined, externalMu: boolean): Uint8Array;
  verify(publicKey: Uint8Array, mu: Uint8Array, signature: Uint8Array, externalMu: boolean): boolean;
};

/** The runtime signature of the pure API: a context before the randomness (FIPS 204, Algorithm 2). */
type Pure = {
  sign(secretKey: Uint8Array, message: Uint8Array, context: Uint8Array | undefined, random: Uint8Array): Uint8Array;
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
};

const VARIANTS: Partial<Record<KeySpec, { signer: Signer; oid: string }>> = {
  ML_DSA_44: { signer: ml_dsa44, oid: '2.16.840.1.101.3.4.3.17' },
  ML_DSA_65: { signer: ml_dsa65, oid: '2.16.840.1.101.3.4.3.18' },
  ML_DSA_87: { signer: ml_dsa87, oid: '2.16.840.1.101.3.4.3.19' },
};

function variantOf(spec: KeySpec) {
  const variant = VARIANTS[spec];
  if (!variant) throw internalError(`${spec} is not an ML-DSA key spec`);
  return variant;
}

/** ML-DSA keys come from the 32-byte seed ξ (FIPS 204, ML-DSA.KeyGen). */
function keyPair(spec: KeySpec, seed: Uint8Array): KeyPair {
  const { signer, oid } = variantOf(spec);
  return seededKeyPair(spec, oid, seed, 32, (xi) => signer.keygen(xi));
}

const internal = (spec: KeySpec) => variantOf(spec).signer.internal as unknown as ExternalMu;

const pure = (spec: KeySpec) => variantOf(spec).signer as unknown as Pure;

export const mlDsa: CryptoProvider = {
  keyPair,
  sign(key, input, random) {
    const { secretKey } = rawKeys(key);
    const rnd = random(32);
    if (input.messageType === 'EXTERNAL_MU') return internal(key.spec).sign(secretKey, input.message, rnd, true);
    return pure(key.spec).sign(secretKey, input.message, undefined, rnd);
  },
  verify(key, input, signature) {
    const { publicKey } = rawKeys(key);
    try {
      if (input.messageType === 'EXTERNAL_MU') return internal(key.spec).verify(publicKey, input.message, signature, true);
      return pure(key.spec).verify(publicKey, input.message, signature);
    } catch {
      return false;
    }
  },
};
