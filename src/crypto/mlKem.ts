import type { KeySpec } from '@aws-sdk/client-kms';
import { ml_kem1024, ml_kem512, ml_kem768 } from '@noble/post-quantum/ml-kem';
import { internalError } from '../errors';
import { rawKeys, type CryptoProvider, type KeyPair } from './common';
import { seededKeyPair } from './der';

/** ML_KEM_512/768/1024 (FIPS 203) with @noble/post-quantum, since node:crypto on Node 20 has no ML-KEM. */
type Kem = typeof ml_kem768;

const VARIANTS: Partial<Record<KeySpec, { kem: Kem; oid: string; ciphertextBytes: number }>> = {
  ML_KEM_512: { kem: ml_kem512, oid: '2.16.840.1.101.3.4.4.1', ciphertextBytes: 768 },
  ML_KEM_768: { kem: ml_kem768, oid: '2.16.840.1.101.3.4.4.2', ciphertextBytes: 1088 },
  ML_KEM_1024: { kem: ml_kem1024, oid: '2.16.840.1.101.3.4.4.3', ciphertextBytes: 1568 },
};

function variantOf(spec: KeySpec) {
  const variant = VARIANTS[spec];
  if (!variant) throw internalError(`${spec} is not an ML-KEM key spec`);
  return variant;
}

/** ML-KEM keys come from the 64-byte seed d ‖ z (FIPS 203, Algorithm 19). */
function keyPair(spec: KeySpec, seed: Uint8Array): KeyPair {
  const { kem, oid } = variantOf(spec);
  return seededKeyPair(spec, oid, seed, 64, (dz) => kem.keygen(dz));
}

export const mlKem: CryptoProvider = {
  keyPair,
  encapsulate(key, random) {
    const { cipherText, sharedSecret } = variantOf(key.spec).kem.encapsulate(rawKeys(key).publicKey, random(32));
    return { ciphertext: cipherText, sharedSecret };
  },
  decapsulate(key, ciphertext) {
    const { kem, ciphertextBytes } = variantOf(key.spec);
    if (ciphertext.length !== ciphertextBytes) return undefined;
    return kem.decapsulate(ciphertext, rawKeys(key).secretKey);
  },
};
