import type { KeySpec } from '@aws-sdk/client-kms';
import { p256, p384, p521 } from '@noble/curves/nist';
import { secp256k1 } from '@noble/curves/secp256k1';
import { createECDH, createPrivateKey, createPublicKey, diffieHellman, hkdfSync, sign, verify } from 'node:crypto';
import { internalError } from '../errors';
import { hashOf, nodeKeys, type CryptoProvider, type KeyPair, nodeKeyPair } from './common';

/**
 * ECC_NIST_P256/P384/P521 and ECC_SECG_P256K1. node:crypto signs and verifies RAW messages and
 * does ECDH; a DIGEST message needs ECDSA over a given hash, which node:crypto cannot do, so
 * that path uses @noble/curves (audited). Signatures are DER, as KMS returns them.
 */
interface Curve {
  readonly node: string;
  readonly jwk: string;
  readonly noble: typeof p256  ;
  readonly bytes: number;
}

const CURVES: Partial<Record<KeySpec, Curve>> = {
  ECC_NIST_P256: { node: 'prime256v1', jwk: 'P-256', noble: p256, bytes: 32 },
  ECC_NIST_P384: { node: 'secp384r1', jwk: 'P-384', noble: p384, bytes: 48 },
  ECC_NIST_P521: { node: 'secp521r1', jwk: 'P-521', noble: p521, bytes: 66 },
  ECC_SECG_P256K1: { node: 'secp256k1', jwk: 'secp256k1', noble: secp256k1, bytes: 32 },
};

function curveOf(spec: KeySpec): Curve {
  const curve = CURVES[spec];
  if (!curve) throw internalError(`${spec} is not an ECC key spec`);
  return curve;
}

const fixed = (n: bigint, bytes: number) => Buffer.from(n.toString(16).padStart(bytes * 2, '0'), 'hex');

function keyPair(spec: KeySpec, seed: Uint8Array): KeyPair {
  const curve = curveOf(spec);
  const { n } = curve.noble.CURVE;
  // A scalar in [1, n−1] from the seed, with 64 extra bits so the reduction's bias is negligible.
  const wide = Buffer.from(hkdfSync('sha256', seed, '', `kms-fake ecc ${spec}`, curve.bytes + 8));
  const d = (BigInt(`0x${wide.toString('hex')}`) % (n - 1n)) + 1n;
  const ecdh = createECDH(curve.node);
  ecdh.setPrivateKey(fixed(d, curve.bytes));
  const point = ecdh.getPublicKey();
  const coordinate = (i: number) => point.subarray(1 + i * curve.bytes, 1 + (i + 1) * curve.bytes).toString('base64url');
  const privateKey = createPrivateKey({
    key: { kty: 'EC', crv: curve.jwk, d: fixed(d, curve.bytes).toString('base64url'), x: coordinate(0), y: coordinate(1) },
    format: 'jwk',
  });
  return nodeKeyPair(spec, privateKey);
}

const scalarOf = (key: KeyPair) => Buffer.from(nodeKeys(key).privateKey.export({ format: 'jwk' }).d ?? '', 'base64url');

export const ecc: CryptoProvider = {
  keyPair,
  sign(key, input) {
    if (input.messageType === 'DIGEST') {
      // KMS does not normalise s (its ECDSA signatures may be high-s), so neither does the fake.
      return curveOf(key.spec).noble.sign(input.message, scalarOf(key), { lowS: false }).toDERRawBytes();
    }
    return new Uint8Array(sign(hashOf(input.algorithm), input.message, { key: nodeKeys(key).privateKey, dsaEncoding: 'der' }));
  },
  verify(key, input, signature) {
    try {
      if (input.messageType === 'DIGEST') {
        const curve = curveOf(key.spec).noble;
        const point = curve.getPublicKey(scalarOf(key), false);
        return curve.verify(curve.Signature.fromDER(signature).toCompactRawBytes(), input.message, point, { lowS: false });
      }
      return verify(hashOf(input.algorithm), input.message, { key: nodeKeys(key).publicKey, dsaEncoding: 'der' }, signature);
    } catch {
      return false;
    }
  },
  deriveSharedSecret(key, peerPublicKey) {
    try {
      const peer = createPublicKey({ key: Buffer.from(peerPublicKey), format: 'der', type: 'spki' });
      if (peer.asymmetricKeyType !== 'ec' || peer.asymmetricKeyDetails?.namedCurve !== curveOf(key.spec).node) return undefined;
      return new Uint8Array(diffieHellman({ privateKey: nodeKeys(key).privateKey, publicKey: peer }));
    } catch {
      return undefined;
    }
  },
};
