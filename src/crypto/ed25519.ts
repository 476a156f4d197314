import { ed25519ph } from '@noble/curves/ed25519';
import { twistedEdwards } from '@noble/curves/abstract/edwards';
import { createPrivateKey, hkdfSync, sign, verify } from 'node:crypto';
import { nodeKeys, type CryptoProvider, type KeyPair, nodeKeyPair } from './common';

/**
 * ECC_NIST_EDWARDS25519. ED25519_SHA_512 (pure Ed25519 over a RAW message) is node:crypto's;
 * ED25519_PH_SHA_512 (Ed25519ph, RFC 8032, over a SHA-512 DIGEST) is not in node:crypto, so it
 * uses @noble/curves with the prehash already applied by the caller.
 */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const ed25519phOfDigest = twistedEdwards({ ...ed25519ph.CURVE, prehash: (digest: Uint8Array | string) => (typeof digest === 'string' ? Buffer.from(digest, 'hex') : digest) });

function keyPair(spec: 'ECC_NIST_EDWARDS25519', seed: Uint8Array): KeyPair {
  const secret = Buffer.from(hkdfSync('sha256', seed, '', 'kms-fake ed25519', 32));
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, secret]), format: 'der', type: 'pkcs8' });
  return nodeKeyPair(spec, privateKey);
}

const secretOf = (key: KeyPair) => Buffer.from(key.privateKeyDer).subarray(PKCS8_PREFIX.length);
const rawPublicOf = (key: KeyPair) => Buffer.from(key.publicKeyDer).subarray(-32);

export const ed25519: CryptoProvider = {
  keyPair: (spec, seed) => keyPair(spec as 'ECC_NIST_EDWARDS25519', seed),
  sign(key, input) {
    if (input.algorithm === 'ED25519_PH_SHA_512') return ed25519phOfDigest.sign(input.message, secretOf(key));
    return new Uint8Array(sign(null, input.message, nodeKeys(key).privateKey));
  },
  verify(key, input, signature) {
    try {
      if (input.algorithm === 'ED25519_PH_SHA_512') return ed25519phOfDigest.verify(signature, input.message, rawPublicOf(key));
      return verify(null, input.message, nodeKeys(key).publicKey, signature);
    } catch {
      return false;
    }
  },
};
