/**
 * What each operation asks of the authorizer (API Reference: each operation's "Required
 * permissions" and "Cross-account use"; developer guide: Permissions reference). The action of an
 * operation is `kms:<Operation>`, except ReEncrypt, which asks kms:ReEncryptFrom of its source key
 * and kms:ReEncryptTo of its destination.
 */

/** Operations controlled by IAM policies alone ("IAM policy" only): they name no key, or not one a key policy controls. */
export const IDENTITY_ONLY: ReadonlySet<string> = new Set([
  'CreateKey',
  'ListKeys',
  'ListAliases',
  'GenerateRandom',
  'ListRetirableGrants',
  'CreateCustomKeyStore',
  'DescribeCustomKeyStores',
  'ConnectCustomKeyStore',
  'DisconnectCustomKeyStore',
  'UpdateCustomKeyStore',
  'DeleteCustomKeyStore',
]);

/**
 * Operations whose API Reference says "Cross-account use: Yes": only these find another
 * account's key, and only by its key ARN or alias ARN where they take one (alias names and bare
 * key IDs name the caller's own).
 */
export const CROSS_ACCOUNT: ReadonlySet<string> = new Set([
  'CreateGrant',
  'Decapsulate',
  'Decrypt',
  'DeriveSharedSecret',
  'DescribeKey',
  'Encapsulate',
  'Encrypt',
  'GenerateDataKey',
  'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext',
  'GenerateDataKeyWithoutPlaintext',
  'GenerateMac',
  'GetKeyRotationStatus',
  'GetPublicKey',
  'ListGrants',
  'ReEncrypt',
  'RetireGrant',
  'RevokeGrant',
  'Sign',
  'Verify',
  'VerifyMac',
]);

/** The grant operations (API Reference: CreateGrant, Operations): the only actions a grant can allow. */
const GRANT_OPERATIONS: ReadonlySet<string> = new Set([
  'Decrypt', 'Encrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'ReEncryptFrom', 'ReEncryptTo', 'Sign', 'Verify',
  'GetPublicKey', 'CreateGrant', 'RetireGrant', 'DescribeKey', 'GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext',
  'GenerateMac', 'VerifyMac', 'DeriveSharedSecret', 'Encapsulate', 'Decapsulate',
]);

/** The grant operation a `kms:` action is, or `undefined` when no grant can allow it. */
export const grantOperationOf = (action: string): string | undefined => {
  const name = action.slice('kms:'.length);
  return GRANT_OPERATIONS.has(name) ? name : undefined;
};

/** The action an operation asks of the key its KeyId names. */
export const keyActionOf = (operation: string): string => (operation === 'ReEncrypt' ? 'kms:ReEncryptFrom' : `kms:${operation}`);
