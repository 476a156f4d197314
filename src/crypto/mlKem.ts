import type { KeySpec } from '@aws-sdk/client-kms';
import { ml_kem1024, ml_kem512, ml_kem768 } from '@noble/post-quantum/ml-kem';
import { hkdfSync } from 'node:crypto';
import { internalError } from '../errors';
import { rawKeys, type CryptoProvider, type KeyPair } from './common';
import { pkcs8, spki } from './der';

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

function keyPair(spec: KeySpec, seed: Uint8Array): KeyPair {
  const { kem, oid } = variantOf(spec);
  // d ‖ z, the 64-byte seed of ML-KEM.KeyGen (FIPS 203, Algorithm 19).
  const dz = new Uint8Array(hkdfSync('sha256', seed, '', `kms-fake ${spec}`, 64));
  const { secretKey, publicKey } = kem.keygen(dz);
  // PKCS#8 in the seed form (the 64-byte d ‖ z as [0] IMPLICIT OCTET STRING).
  const seedForm = new Uint8Array([0x80, 64, ...dz]);
  return { spec, publicKeyDer: spki(oid, publicKey), privateKeyDer: pkcs8(oid, seedForm), raw: { secretKey, publicKey } };
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
