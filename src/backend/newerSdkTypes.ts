/**
 * String unions the SDK added after 3.303, declared here rather than imported from
 * `@aws-sdk/client-kms`: kms-fake's public types reach them, and must compile against every SDK
 * version the package supports (a compat check builds them against 3.303). The values are AWS's.
 */

/** How a key's material was rotated (not in SDK 3.451; in 3.716). */
export type RotationType = 'AUTOMATIC' | 'ON_DEMAND';

/** The operations whose last use KMS tracks (not in SDK 3.716; in 3.1046). */
export type KeyLastUsageTrackingOperation =
  | 'Decapsulate'
  | 'Decrypt'
  | 'DeriveSharedSecret'
  | 'Encapsulate'
  | 'Encrypt'
  | 'GenerateDataKey'
  | 'GenerateDataKeyPair'
  | 'GenerateDataKeyPairWithoutPlaintext'
  | 'GenerateDataKeyWithoutPlaintext'
  | 'GenerateMac'
  | 'ReEncrypt'
  | 'Sign'
  | 'Verify'
  | 'VerifyMac';
