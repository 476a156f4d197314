import type { KeySpec } from '@aws-sdk/client-kms';
import { hkdfSync } from 'node:crypto';
import type { KeyPair } from './common';

/** Minimal DER writing for the key encodings node:crypto cannot produce (post-quantum keys). @internal */

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, ...content: Uint8Array[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}

/** An OBJECT IDENTIFIER from its dotted form. */
export function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number) as [number, number, ...number[]];
  const out = [40 * a + b];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift(0x80 | (v & 0x7f));
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

/** SubjectPublicKeyInfo with an algorithm that has no parameters (RFC 5280; FIPS 203/204 keys). */
export function spki(algorithmOid: string, publicKey: Uint8Array): Uint8Array {
  return new Uint8Array(tlv(0x30, tlv(0x30, oid(algorithmOid)), tlv(0x03, Buffer.from([0]), publicKey)));
}

/** PKCS#8 PrivateKeyInfo v0 whose privateKey OCTET STRING holds `privateKey`. */
export function pkcs8(algorithmOid: string, privateKey: Uint8Array): Uint8Array {
  return new Uint8Array(tlv(0x30, tlv(0x02, Buffer.from([0])), tlv(0x30, oid(algorithmOid)), tlv(0x04, privateKey)));
}

/** The raw keys a FIPS 203/204 key generation makes from its seed. */
export type SeededKeygen = (seed: Uint8Array) => { secretKey: Uint8Array; publicKey: Uint8Array };

/**
 * A post-quantum key pair derived from the key's seed material: `seedBytes` of key-generation
 * seed (HKDF-SHA256), the public key as SPKI and the private key as PKCS#8 in the seed form
 * (the seed as [0] IMPLICIT OCTET STRING), as both FIPS 203 and 204 define it.
 */
export function seededKeyPair(spec: KeySpec, algorithmOid: string, material: Uint8Array, seedBytes: number, keygen: SeededKeygen): KeyPair {
  const seed = new Uint8Array(hkdfSync('sha256', material, '', `kms-fake ${spec}`, seedBytes));
  const { secretKey, publicKey } = keygen(seed);
  const seedForm = new Uint8Array([0x80, seedBytes, ...seed]);
  return { spec, publicKeyDer: spki(algorithmOid, publicKey), privateKeyDer: pkcs8(algorithmOid, seedForm), raw: { secretKey, publicKey } };
}
