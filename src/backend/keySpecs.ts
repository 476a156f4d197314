import type {
  CustomerMasterKeySpec,
  EncapsulationAlgorithmSpec,
  EncryptionAlgorithmSpec,
  KeyAgreementAlgorithmSpec,
  KeySpec,
  KeyUsageType,
  MacAlgorithmSpec,
  SigningAlgorithmSpec,
} from '@aws-sdk/client-kms';

/** Which crypto module serves a key spec. */
import type { KeyFamily } from '../crypto';

export type { KeyFamily };

/** The algorithms a key of some spec offers under one key usage, as `KeyMetadata` lists them. */
export interface UsageAlgorithms {
  EncryptionAlgorithms?: readonly EncryptionAlgorithmSpec[];
  SigningAlgorithms?: readonly SigningAlgorithmSpec[];
  MacAlgorithms?: readonly MacAlgorithmSpec[];
  KeyAgreementAlgorithms?: readonly KeyAgreementAlgorithmSpec[];
  EncapsulationAlgorithms?: readonly EncapsulationAlgorithmSpec[];
}

export interface KeySpecInfo {
  readonly family: KeyFamily;
  /** Key usages `CreateKey` accepts for this spec, each with the algorithms it offers. */
  readonly usages: Partial<Record<KeyUsageType, UsageAlgorithms>>;
  /** Bytes of secret material KMS generates for symmetric and HMAC specs. */
  readonly secretBytes?: number;
  /** Bytes of secret material ImportKeyMaterial accepts for them, `[min, max]`. */
  readonly importBytes?: readonly [number, number];
  /** Only offered in the China partition (API Reference, CreateKey: SM2). */
  readonly chinaOnly?: boolean;
}

const rsaUsages: KeySpecInfo['usages'] = {
  ENCRYPT_DECRYPT: { EncryptionAlgorithms: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] },
  SIGN_VERIFY: {
    SigningAlgorithms: [
      'RSASSA_PSS_SHA_256',
      'RSASSA_PSS_SHA_384',
      'RSASSA_PSS_SHA_512',
      'RSASSA_PKCS1_V1_5_SHA_256',
      'RSASSA_PKCS1_V1_5_SHA_384',
      'RSASSA_PKCS1_V1_5_SHA_512',
    ],
  },
};

const nistCurve = (signing: SigningAlgorithmSpec): KeySpecInfo => ({
  family: 'ecc',
  usages: { SIGN_VERIFY: { SigningAlgorithms: [signing] }, KEY_AGREEMENT: { KeyAgreementAlgorithms: ['ECDH'] } },
});

/**
 * Secret material of `bytes` bytes, and the lengths an import may have (developer guide:
 * Requirements for imported key material): exactly `bytes`, or up to `maxImport` for HMAC keys.
 */
const secret = (bytes: number, maxImport = bytes) => ({ secretBytes: bytes, importBytes: [bytes, maxImport] as const });

const hmac = (mac: MacAlgorithmSpec, bytes: number, maxImport: number): KeySpecInfo => ({
  family: 'hmac',
  usages: { GENERATE_VERIFY_MAC: { MacAlgorithms: [mac] } },
  ...secret(bytes, maxImport),
});

const mlDsa: KeySpecInfo = { family: 'mlDsa', usages: { SIGN_VERIFY: { SigningAlgorithms: ['ML_DSA_SHAKE_256'] } } };
const mlKem: KeySpecInfo = {
  family: 'mlKem',
  usages: { ENCAPSULATE_DECAPSULATE: { EncapsulationAlgorithms: ['ML_KEM'] } },
};

/**
 * Every key spec the SDK knows, with what KMS allows for it (API Reference: CreateKey, KeySpec).
 * Typed over the SDK's union, so a spec new to the SDK fails to compile until it is described here.
 */
export const keySpecs = {
  SYMMETRIC_DEFAULT: {
    family: 'symmetric',
    usages: { ENCRYPT_DECRYPT: { EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'] } },
    ...secret(32),
  },
  RSA_2048: { family: 'rsa', usages: rsaUsages },
  RSA_3072: { family: 'rsa', usages: rsaUsages },
  RSA_4096: { family: 'rsa', usages: rsaUsages },
  ECC_NIST_P256: nistCurve('ECDSA_SHA_256'),
  ECC_NIST_P384: nistCurve('ECDSA_SHA_384'),
  ECC_NIST_P521: nistCurve('ECDSA_SHA_512'),
  ECC_SECG_P256K1: { family: 'ecc', usages: { SIGN_VERIFY: { SigningAlgorithms: ['ECDSA_SHA_256'] } } },
  ECC_NIST_EDWARDS25519: {
    family: 'ed25519',
    usages: { SIGN_VERIFY: { SigningAlgorithms: ['ED25519_SHA_512', 'ED25519_PH_SHA_512'] } },
  },
  HMAC_224: hmac('HMAC_SHA_224', 28, 64),
  HMAC_256: hmac('HMAC_SHA_256', 32, 64),
  HMAC_384: hmac('HMAC_SHA_384', 48, 128),
  HMAC_512: hmac('HMAC_SHA_512', 64, 128),
  ML_DSA_44: mlDsa,
  ML_DSA_65: mlDsa,
  ML_DSA_87: mlDsa,
  ML_KEM_512: mlKem,
  ML_KEM_768: mlKem,
  ML_KEM_1024: mlKem,
  SM2: {
    family: 'sm2',
    usages: {
      ENCRYPT_DECRYPT: { EncryptionAlgorithms: ['SM2PKE'] },
      SIGN_VERIFY: { SigningAlgorithms: ['SM2DSA'] },
      KEY_AGREEMENT: { KeyAgreementAlgorithms: ['ECDH'] },
    },
    chinaOnly: true,
  },
} as const satisfies Record<KeySpec, KeySpecInfo>;

export const KEY_SPECS = Object.keys(keySpecs) as KeySpec[];

/** Specs the deprecated `CustomerMasterKeySpec` enum can name. */
const legacySpecs: Record<CustomerMasterKeySpec, true> = {
  SYMMETRIC_DEFAULT: true,
  RSA_2048: true,
  RSA_3072: true,
  RSA_4096: true,
  ECC_NIST_P256: true,
  ECC_NIST_P384: true,
  ECC_NIST_P521: true,
  ECC_SECG_P256K1: true,
  HMAC_224: true,
  HMAC_256: true,
  HMAC_384: true,
  HMAC_512: true,
  SM2: true,
};

export const CUSTOMER_MASTER_KEY_SPECS = Object.keys(legacySpecs) as CustomerMasterKeySpec[];

export function legacySpecOf(spec: KeySpec): CustomerMasterKeySpec | undefined {
  return spec in legacySpecs ? (spec as CustomerMasterKeySpec) : undefined;
}

export function specInfo(spec: KeySpec): KeySpecInfo {
  return keySpecs[spec];
}

/** Whether a spec is symmetric encryption (SYMMETRIC_DEFAULT): the one way to ask. */
export const isSymmetricSpec = (spec: KeySpec): boolean => specInfo(spec).family === 'symmetric';

/** Bytes of seed kept for specs whose working key (a key pair) is derived from it. */
export const SEED_BYTES = 32;

/** Bytes of one version of key material: the raw secret of symmetric and HMAC specs, a seed for the others. */
export const materialBytes = (spec: KeySpec): number => specInfo(spec).secretBytes ?? SEED_BYTES;

/** The algorithms a key offers, as `DescribeKey` lists them. */
export function algorithmsOf(spec: KeySpec, usage: KeyUsageType): UsageAlgorithms {
  return specInfo(spec).usages[usage] ?? {};
}

/** Every algorithm some key spec offers in one KeyMetadata field, in registry order, each once. */
export function offeredAlgorithms<F extends keyof UsageAlgorithms>(field: F): NonNullable<UsageAlgorithms[F]>[number][] {
  const all = KEY_SPECS.flatMap((spec) => Object.values(specInfo(spec).usages).flatMap((u) => (u[field] ?? []) as readonly string[]));
  return [...new Set(all)] as NonNullable<UsageAlgorithms[F]>[number][];
}
