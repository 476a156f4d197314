import type { KeyMetadata } from '@aws-sdk/client-kms';

/**
 * The members a recorded `KeyMetadata` has, by name, sorted: what AWS sent for that kind of key
 * (LocalStack's AWS-validated test_kms snapshots, recorded 2023-2024). Fields AWS added after the
 * recording (`CurrentKeyMaterialId`, 2025) are listed by the caller where they apply.
 */
export const members = (metadata: KeyMetadata | undefined): string[] => Object.keys(metadata ?? {}).sort();

/** The members of a customer managed symmetric encryption key of AWS_KMS origin (test_create_key). */
export const SYMMETRIC_MEMBERS = [
  'AWSAccountId',
  'Arn',
  'CreationDate',
  'CustomerMasterKeySpec',
  'Description',
  'Enabled',
  'EncryptionAlgorithms',
  'KeyId',
  'KeyManager',
  'KeySpec',
  'KeyState',
  'KeyUsage',
  'MultiRegion',
  'Origin',
];

/** `names` plus `extra`, sorted, for comparison with {@link members}. */
export const withMembers = (names: string[], ...extra: string[]) => [...names, ...extra].sort();
