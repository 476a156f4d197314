import type { KeySpec } from '@aws-sdk/client-kms';
import { constants, createDecipheriv, createHmac, createPrivateKey, privateDecrypt, type KeyObject } from 'node:crypto';
import { nodeKeys, type KeyPair, nodeKeyPair } from './common';

/**
 * Imported key material: unwrapping what the caller wrapped under a GetParametersForImport
 * public key, and reading imported asymmetric keys (API Reference: ImportKeyMaterial).
 * @internal
 */

/** The wrapping algorithms the fake can unwrap (RSAES_PKCS1_V1_5 is retired; SM2PKE needs SM2). */
export type WrappingAlgorithm = 'RSAES_OAEP_SHA_1' | 'RSAES_OAEP_SHA_256' | 'RSA_AES_KEY_WRAP_SHA_1' | 'RSA_AES_KEY_WRAP_SHA_256';

/** RFC 5649's alternative initial value for AES key wrap with padding. */
const AIV = Buffer.from('a65959a6', 'hex');

/**
 * The plaintext key material, or `undefined` when it does not unwrap under this wrapping key.
 * RSA_AES_KEY_WRAP_* is an RSA-OAEP-wrapped ephemeral 256-bit AES key followed by the key
 * material wrapped under it with AES key wrap with padding (developer guide: Encrypt key material).
 */
export function unwrapKeyMaterial(wrappingKey: KeyPair, algorithm: WrappingAlgorithm, wrapped: Uint8Array): Uint8Array | undefined {
  const { privateKey } = nodeKeys(wrappingKey);
  const oaepHash = algorithm.endsWith('SHA_1') ? 'sha1' : 'sha256';
  const rsa = (ciphertext: Uint8Array) =>
    privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, ciphertext);
  try {
    if (algorithm === 'RSAES_OAEP_SHA_1' || algorithm === 'RSAES_OAEP_SHA_256') return new Uint8Array(rsa(wrapped));
    const modulusBytes = (privateKey.asymmetricKeyDetails?.modulusLength ?? 0) / 8;
    if (wrapped.length <= modulusBytes) return undefined;
    const aesKey = rsa(wrapped.subarray(0, modulusBytes));
    if (aesKey.length !== 32) return undefined;
    const decipher = createDecipheriv('id-aes256-wrap-pad', aesKey, AIV);
    return new Uint8Array(Buffer.concat([decipher.update(wrapped.subarray(modulusBytes)), decipher.final()]));
  } catch {
    return undefined;
  }
}

/**
 * The key material ID of imported material. KMS derives it from the key ID and the material
 * (API Reference: ImportKeyMaterial, KeyMaterialId), so re-importing the same material gives the same ID.
 */
export function importedMaterialId(keyId: string, material: Uint8Array): string {
  return createHmac('sha256', `kms-fake imported material ${keyId}`).update(material).digest('hex');
}

const RSA_SPECS: Record<number, KeySpec> = { 2048: 'RSA_2048', 3072: 'RSA_3072', 4096: 'RSA_4096' };
const CURVE_SPECS: Record<string, KeySpec> = {
  prime256v1: 'ECC_NIST_P256',
  secp384r1: 'ECC_NIST_P384',
  secp521r1: 'ECC_NIST_P521',
  secp256k1: 'ECC_SECG_P256K1',
};

function specOf(key: KeyObject): KeySpec | undefined {
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === 'rsa') return RSA_SPECS[details?.modulusLength ?? 0];
  if (key.asymmetricKeyType === 'ec') return CURVE_SPECS[details?.namedCurve ?? ''];
  if (key.asymmetricKeyType === 'ed25519') return 'ECC_NIST_EDWARDS25519';
  return undefined;
}

/**
 * An imported private key (DER PKCS#8) as a key pair of `spec`; `undefined` when it is not
 * PKCS#8 or is a key of another spec. The key is re-encoded, so equal keys compare equal.
 */
export function keyPairFromPkcs8(spec: KeySpec, der: Uint8Array): KeyPair | undefined {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
  } catch {
    return undefined;
  }
  if (specOf(privateKey) !== spec) return undefined;
  return nodeKeyPair(spec, privateKey);
}
