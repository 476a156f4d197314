import type { KeySpec } from '@aws-sdk/client-kms';
import {
  checkPrime,
  checkPrimeSync,
  constants,
  createHash,
  createHmac,
  createPrivateKey,
  privateDecrypt,
  privateEncrypt,
  publicDecrypt,
  publicEncrypt,
  sign,
  timingSafeEqual,
  verify,
  type KeyObject,
} from 'node:crypto';
import { internalError } from '../errors';
import { hashOf, nodeKeys, type CryptoProvider, type KeyPair, type SigningInput, nodeKeyPair } from './common';

/**
 * RSA_2048/3072/4096 with node:crypto. The key is derived from the seed: primes come from a
 * seeded HMAC-SHA256 stream, sieved by small primes and tested by OpenSSL's `checkPrime`, so a
 * seed gives the same key every time, and the async path (used to derive ahead of need) gives
 * the same key as the sync one.
 */
const MODULUS_BITS: Partial<Record<KeySpec, number>> = { RSA_2048: 2048, RSA_3072: 3072, RSA_4096: 4096 };
const E = 65537n;
const SMALL_PRIMES = smallPrimes(2000);

function smallPrimes(count: number): bigint[] {
  const found: number[] = [];
  for (let n = 3; found.length < count; n += 2) if (found.every((p) => p * p > n || n % p !== 0)) found.push(n);
  return found.map(BigInt);
}

/** Odd candidates of `bits` bits with the top two bits set (so p·q has exactly twice the bits). */
function* candidates(seed: Uint8Array, label: string, bits: number): Generator<bigint> {
  for (let counter = 0; ; counter++) {
    const bytes = Buffer.alloc(bits / 8);
    for (let off = 0, block = 0; off < bytes.length; block++) {
      off += createHmac('sha256', seed).update(`${label}/${counter}/${block}`).digest().copy(bytes, off);
    }
    bytes[0]! |= 0xc0;
    bytes[bytes.length - 1]! |= 1;
    const c = BigInt(`0x${bytes.toString('hex')}`);
    if ((c - 1n) % E !== 0n && SMALL_PRIMES.every((p) => c % p !== 0n)) yield c;
  }
}

function primeSync(seed: Uint8Array, label: string, bits: number): bigint {
  for (const c of candidates(seed, label, bits)) if (checkPrimeSync(c)) return c;
  throw internalError('unreachable: the prime candidates never end');
}

async function primeAsync(seed: Uint8Array, label: string, bits: number, stop: () => boolean): Promise<bigint> {
  for (const c of candidates(seed, label, bits)) {
    if (stop()) throw internalError('background derivation stopped');
    const prime = await new Promise<boolean>((resolve, reject) => checkPrime(c, (err, ok) => (err ? reject(err) : resolve(ok))));
    if (prime) return c;
  }
  throw internalError('unreachable: the prime candidates never end');
}

function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r, oldS, s] = [a % m, m, 1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return ((oldS % m) + m) % m;
}

const b64u = (n: bigint) => {
  const hex = n.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex').toString('base64url');
};

function assemble(spec: KeySpec, a: bigint, b: bigint): KeyPair {
  const [p, q] = a > b ? [a, b] : [b, a];
  const n = p * q;
  const phi = (p - 1n) * (q - 1n);
  const d = modInverse(E, phi);
  const jwk = { kty: 'RSA', n: b64u(n), e: b64u(E), d: b64u(d), p: b64u(p), q: b64u(q), dp: b64u(d % (p - 1n)), dq: b64u(d % (q - 1n)), qi: b64u(modInverse(q, p)) };
  const privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
  return nodeKeyPair(spec, privateKey);
}

const bitsOf = (spec: KeySpec) => {
  const bits = MODULUS_BITS[spec];
  if (!bits) throw internalError(`${spec} is not an RSA key spec`);
  return bits;
};

const pss = (algorithm: string) => algorithm.startsWith('RSASSA_PSS');

/** PKCS#1 v1.5 DigestInfo prefixes (RFC 8017, section 9.2, note 1). */
const DIGEST_INFO: Record<string, string> = {
  sha256: '3031300d060960864801650304020105000420',
  sha384: '3041300d060960864801650304020205000430',
  sha512: '3051300d060960864801650304020305000440',
};

function mgf1(hash: string, seed: Buffer, length: number): Buffer {
  const out: Buffer[] = [];
  for (let i = 0; out.length * seed.length < length; i++) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(i);
    out.push(createHash(hash).update(seed).update(c).digest());
  }
  return Buffer.concat(out).subarray(0, length);
}

/** EMSA-PSS-ENCODE (RFC 8017, 9.1.1); KMS uses a salt as long as the hash (API Reference: SigningAlgorithmSpec). */
function pssEncode(hash: string, digest: Buffer, salt: Buffer, modBits: number): Buffer {
  const emLen = Math.ceil((modBits - 1) / 8);
  const h = createHash(hash).update(Buffer.alloc(8)).update(digest).update(salt).digest();
  const db = Buffer.concat([Buffer.alloc(emLen - salt.length - h.length - 2), Buffer.from([1]), salt]);
  const masked = mgf1(hash, h, db.length).map((m, i) => m ^ db[i]!);
  masked[0]! &= 0xff >> (8 * emLen - (modBits - 1));
  return Buffer.concat([Buffer.alloc(modBits / 8 - emLen), masked, h, Buffer.from([0xbc])]);
}

/** EMSA-PSS-VERIFY (RFC 8017, 9.1.2) with a salt as long as the hash. */
function pssVerify(hash: string, digest: Buffer, em: Buffer, modBits: number): boolean {
  const emLen = Math.ceil((modBits - 1) / 8);
  const e = em.subarray(em.length - emLen);
  const hLen = digest.length;
  if (e[e.length - 1] !== 0xbc) return false;
  const masked = e.subarray(0, emLen - hLen - 1);
  const h = e.subarray(emLen - hLen - 1, emLen - 1);
  const db = mgf1(hash, h, masked.length).map((m, i) => m ^ masked[i]!);
  db[0]! &= 0xff >> (8 * emLen - (modBits - 1));
  const ps = db.subarray(0, db.length - hLen - 1);
  if (ps.some((x) => x !== 0) || db[db.length - hLen - 1] !== 1) return false;
  return pssEncode(hash, digest, Buffer.from(db.subarray(db.length - hLen)), modBits).subarray(modBits / 8 - emLen).equals(e);
}

function signDigest(key: KeyObject, input: SigningInput, modBits: number, salt: Buffer): Uint8Array {
  const hash = hashOf(input.algorithm);
  const digest = Buffer.from(input.message);
  if (pss(input.algorithm)) {
    return new Uint8Array(privateEncrypt({ key, padding: constants.RSA_NO_PADDING }, pssEncode(hash, digest, salt, modBits)));
  }
  const info = Buffer.concat([Buffer.from(DIGEST_INFO[hash]!, 'hex'), digest]);
  return new Uint8Array(privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, info));
}

function verifyDigest(key: KeyObject, input: SigningInput, modBits: number, signature: Uint8Array): boolean {
  const hash = hashOf(input.algorithm);
  const digest = Buffer.from(input.message);
  if (signature.length !== modBits / 8) return false;
  if (pss(input.algorithm)) return pssVerify(hash, digest, publicDecrypt({ key, padding: constants.RSA_NO_PADDING }, signature), modBits);
  const expected = Buffer.concat([Buffer.from(DIGEST_INFO[hash]!, 'hex'), digest]);
  const found = publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, signature);
  return found.length === expected.length && timingSafeEqual(found, expected);
}

const oaep = (key: KeyObject, algorithm: string) => ({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hashOf(algorithm) });

export const rsa: CryptoProvider = {
  keyPair: (spec, seed) => assemble(spec, primeSync(seed, 'p', bitsOf(spec) / 2), primeSync(seed, 'q', bitsOf(spec) / 2)),
  async keyPairAsync(spec, seed, stop) {
    const half = bitsOf(spec) / 2;
    const [p, q] = await Promise.all([primeAsync(seed, 'p', half, stop), primeAsync(seed, 'q', half, stop)]);
    return assemble(spec, p, q);
  },
  sign(key, input, random) {
    const { privateKey } = nodeKeys(key);
    const hash = hashOf(input.algorithm);
    if (input.messageType === 'DIGEST') return signDigest(privateKey, input, bitsOf(key.spec), Buffer.from(random(createHash(hash).digest().length)));
    const options = pss(input.algorithm)
      ? { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }
      : { key: privateKey, padding: constants.RSA_PKCS1_PADDING };
    return new Uint8Array(sign(hash, input.message, options));
  },
  verify(key, input, signature) {
    const { publicKey } = nodeKeys(key);
    try {
      if (input.messageType === 'DIGEST') return verifyDigest(publicKey, input, bitsOf(key.spec), signature);
      const options = pss(input.algorithm)
        ? { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }
        : { key: publicKey, padding: constants.RSA_PKCS1_PADDING };
      return verify(hashOf(input.algorithm), input.message, options, signature);
    } catch {
      return false;
    }
  },
  /** OAEP's limit, k − 2·hLen − 2 (RFC 8017, 7.1.1): 214/190, 342/318, 470/446 bytes. */
  maxPlaintext: (spec, algorithm) => bitsOf(spec) / 8 - 2 * createHash(hashOf(algorithm)).digest().length - 2,
  encrypt: (key, algorithm, plaintext) => new Uint8Array(publicEncrypt(oaep(nodeKeys(key).publicKey, algorithm), plaintext)),
  decrypt(key, algorithm, ciphertext) {
    try {
      return new Uint8Array(privateDecrypt(oaep(nodeKeys(key).privateKey, algorithm), ciphertext));
    } catch {
      return undefined;
    }
  },
};
