import type * as Sdk from '@aws-sdk/client-kms';

/** Error codes the SDK models as exception classes; checked against its exports so a typo fails to compile. */
type ModeledErrorName = Extract<keyof typeof Sdk, `${string}Exception`>;

/**
 * Error codes KMS sends that the SDK does not model. The SDK turns them into a
 * `KMSServiceException` whose `name` is the code.
 */
type UnmodeledErrorName =
  | 'ValidationException'
  | 'SerializationException'
  | 'ThrottlingException'
  | 'AccessDeniedException'
  | 'NotAuthorizedException'
  | 'UnknownOperationException';

/** Every wire error code the fake can answer with. */
export type KmsErrorName = Exclude<ModeledErrorName, 'KMSServiceException'> | UnmodeledErrorName;

/** HTTP status per error code; everything not listed is a client error (400). */
const statusByName: Partial<Record<KmsErrorName, number>> = {
  KMSInternalException: 500,
  DependencyTimeoutException: 503,
  KeyUnavailableException: 500,
};

/**
 * A KMS error as it travels on the wire: a code and (for most codes) a message.
 * Backend code raises these only through the factories below; the protocol layer
 * writes them as `{"__type", "message"}` and the SDK's deserializer makes the exception.
 * @internal
 */
export class KmsError extends Error {
  readonly code: KmsErrorName;
  readonly status: number;
  /** `undefined` when AWS sends no message at all for this error. */
  readonly wireMessage: string | undefined;

  constructor(code: KmsErrorName, message?: string) {
    // A wire value, not a debugging aid: skipping the stack capture keeps error answers as cheap as successes.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message ?? code);
    Error.stackTraceLimit = limit;
    this.name = 'KmsError';
    this.code = code;
    this.status = statusByName[code] ?? 400;
    this.wireMessage = message;
  }
}

/** @internal */
export function kmsError(code: KmsErrorName, message?: string): KmsError {
  return new KmsError(code, message);
}

/** An error code chosen by the test author (overrides and faults); the SDK names unknown ones generically. */
export function customError(code: string, message?: string): KmsError {
  return new KmsError(code as KmsErrorName, message);
}

/** Misuse of the library by the test author (not a KMS error): reaches the caller as it is. */
export class KmsFakeUsageError extends Error {
  constructor(message: string) {
    super(`[kms-fake] ${message}`);
    this.name = 'KmsFakeUsageError';
  }
}

export function usageError(message: string): KmsFakeUsageError {
  return new KmsFakeUsageError(message);
}

/** A bug of ours: reaches the caller as a 500 that names it, never as a plausible 4xx. */
export function internalError(cause: unknown): KmsError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new KmsError('KMSInternalException', `[kms-fake] internal error: ${detail}`);
}

// ---- message families: the one home of every AWS message text the fake produces ----

export const notFound = {
  key: (arn: string) => kmsError('NotFoundException', `Key '${arn}' does not exist`),
  alias: (aliasArn: string) => kmsError('NotFoundException', `Alias ${aliasArn} is not found.`),
  invalidKeyId: (keyId: string) => kmsError('NotFoundException', `Invalid keyId '${keyId}'`),
  /** A key ARN addressed to another region than the request's: AWS names the ARN's region. */
  otherRegionArn: (region: string) => kmsError('NotFoundException', `Invalid arn ${region}`),
  malformedArn: () => kmsError('NotFoundException', 'Invalid arn'),
  /** KMS keys have one policy, `default`; no public record shows the text for another name. */
  policy: (name: string) => kmsError('NotFoundException', `Policy ${name} does not exist`),
};

export const keyUsage = {
  notValidFor: (arn: string, usage: string, operation: string) =>
    kmsError('InvalidKeyUsageException', `${arn} key usage is ${usage} which is not valid for ${operation}.`),
  algorithmIncompatible: (algorithm: string, keySpec: string) =>
    kmsError('InvalidKeyUsageException', `Algorithm ${algorithm} is incompatible with key spec ${keySpec}.`),
};

export const incorrectKey = () =>
  kmsError('IncorrectKeyException', 'The key ID in the request does not identify a CMK that can perform this operation.');

/** AWS sends `InvalidCiphertextException` without a message. */
export const invalidCiphertext = () => kmsError('InvalidCiphertextException');

export const dryRun = () =>
  kmsError('DryRunOperationException', 'The request would have succeeded, but the DryRun option is set.');

/** No public record shows AWS's text for a bad marker; like local-kms, the fake sends none. */
export const invalidMarker = () => kmsError('InvalidMarkerException');

export const alreadyExists = (aliasArn: string) =>
  kmsError('AlreadyExistsException', `An alias with the name ${aliasArn} already exists`);

export const customKeyStoreNotFound = () =>
  kmsError('CustomKeyStoreNotFoundException', 'The specified custom key store ID does not exist.');

export const unsupported = (message: string) => kmsError('UnsupportedOperationException', message);

export const tags = {
  reserved: () => kmsError('TagException', 'Tags beginning with aws: are reserved'),
  tooMany: () => kmsError('TagException', 'Too many tags'),
  duplicate: () => kmsError('TagException', 'Duplicate tag keys'),
};

export const limitExceeded = (message: string) => kmsError('LimitExceededException', message);

export const malformedPolicy = (message: string) => kmsError('MalformedPolicyDocumentException', message);

export const validation = (message: string) => kmsError('ValidationException', message);

/**
 * AWS's front-end wording for constraint violations: all of them in one message,
 * `N validation error(s) detected: Value '…' at 'member' failed to satisfy constraint: Member must …`.
 * Sensitive and binary values are not echoed (`Value at 'plaintext' …`).
 */
export const violation = (path: string, rule: string, rendered?: string) =>
  `Value ${rendered === undefined ? '' : `${rendered} `}at '${path}' failed to satisfy constraint: Member must ${rule}`;

export const nullViolation = (path: string) => violation(path, 'not be null', 'null');

export function validationErrors(violations: readonly string[]): KmsError {
  const n = violations.length;
  return validation(`${n} validation error${n === 1 ? '' : 's'} detected: ${violations.join('; ')}`);
}

/** A member that only some requests must carry (e.g. Decrypt's CiphertextBlob outside a dry run). */
export const missingMember = (path: string) => validationErrors([nullViolation(path)]);

export const serialization = (message: string) => kmsError('SerializationException', message);

export const aliases = {
  missingPrefix: () =>
    validation('Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html'),
  /** `alias/aws/` names belong to AWS managed keys; AWS answers with no message. */
  reserved: () => kmsError('NotAuthorizedException'),
  targetIsAlias: () => validation('Aliases must refer to keys. Not aliases'),
  /** UpdateAlias keeps an alias on one type of key; no public record shows AWS's text. */
  differentKeyType: (currentArn: string, newArn: string) =>
    validation(`${newArn} is not the same key type or key usage as ${currentArn}, the key the alias currently points to.`),
};

export const createKey = {
  usageRequired: () => validation('You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.'),
  incompatible: (usage: string, spec: string) => validation(`KeyUsage ${usage} is not compatible with KeySpec ${spec}`),
};

export const pendingWindow = () => validation('PendingWindowInDays must be between 7 and 30');

export const dataKey = {
  numberOrSpec: () => validation('Please specify either number of bytes or key spec.'),
  numberOfBytesRequired: () => validation('NumberOfBytes is required.'),
};

export const signing = {
  /** Sign/Verify with a DIGEST (or EXTERNAL_MU) message of the wrong length for the algorithm. */
  invalidDigestLength: (algorithm: string) => validation(`Digest is invalid length for algorithm ${algorithm}.`),
  /** No public record shows AWS's text for a message type the algorithm does not take; the fake's own. */
  messageTypeNotValid: (messageType: string, algorithm: string) =>
    validation(`MessageType ${messageType} is not valid for signing algorithm ${algorithm}.`),
  /** AWS sends `KMSInvalidSignatureException` without a message. */
  invalidSignature: () => kmsError('KMSInvalidSignatureException'),
};

/** AWS sends `KMSInvalidMacException` without a message. */
export const invalidMac = () => kmsError('KMSInvalidMacException');

/** DeriveSharedSecret with a public key that is not a DER SubjectPublicKeyInfo on the key's curve: no message. */
export const malformedPublicKey = () => kmsError('ValidationException');

/** RSA encryption's plaintext limit (API Reference: Encrypt). */
export const plaintextTooLarge = (algorithm: string, keySpec: string, limit: number) =>
  validation(`Algorithm ${algorithm} and key spec ${keySpec} cannot encrypt data larger than ${limit} bytes.`);

/** GetPublicKey on a symmetric or HMAC key; emulators send no message and no real record shows one. */
export const noPublicKey = () => kmsError('UnsupportedOperationException');

/** Imported key material (API Reference: GetParametersForImport, ImportKeyMaterial, DeleteImportedKeyMaterial). */
export const importedMaterial = {
  validToRequired: () => validation('A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES'),
  /** No public record shows the texts of the remaining factories; they are the fake's own. */
  validToNotAllowed: () => validation('A validTo date must not be set if the ExpirationModel is KEY_MATERIAL_DOES_NOT_EXPIRE'),
  validToOutOfRange: () => validation('The validTo date must be in the future and at most 365 days from now.'),
  symmetricOnly: (member: string) => validation(`${member} can only be used with symmetric encryption KMS keys.`),
  materialIdWithNewMaterial: () => validation('A KeyMaterialId cannot be specified when the ImportType is NEW_KEY_MATERIAL.'),
  deprecatedWrapping: (algorithm: string) => validation(`The wrapping algorithm ${algorithm} is no longer supported.`),
  expiredToken: () => kmsError('ExpiredImportTokenException', 'The import token is expired. Use GetParametersForImport to get a new one.'),
  invalidToken: () => kmsError('InvalidImportTokenException', 'The import token is invalid or belongs to another KMS key.'),
  incorrectMaterial: () =>
    kmsError('IncorrectKeyMaterialException', 'The key material is invalid or is not the key material expected for this KMS key.'),
  unknownMaterialId: (id: string) => kmsError('NotFoundException', `Key material ${id} does not exist for this KMS key.`),
  /** AWS answers wrapped material it cannot decrypt with InvalidCiphertextException (API Reference: ImportKeyMaterial). */
  unwrapFailed: () => kmsError('InvalidCiphertextException'),
};

/** Rotation (API Reference: EnableKeyRotation, RotateKeyOnDemand, ListKeyRotations). */
export const rotation = {
  onDemandLimit: (arn: string) =>
    limitExceeded(
      `The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: ${arn}`,
    ),
  /** RotateKeyOnDemand on an RSA key: AWS sends no message; the fake answers every rotation call on a non-symmetric key so. */
  notSymmetric: () => kmsError('UnsupportedOperationException'),
  /** No public record shows the text; the fake's own. */
  noPendingMaterial: (arn: string) =>
    unsupported(`${arn} has no imported key material in the PENDING_ROTATION state to rotate to.`),
  /**
   * EnableKeyRotation, DisableKeyRotation or RotateKeyOnDemand on a multi-Region replica: rotation is
   * set on the primary key (API Reference: GetKeyRotationStatus, RotateKeyOnDemand). No public record
   * shows AWS's text; the fake's own.
   */
  onReplica: (arn: string, primaryArn: string) =>
    unsupported(`${arn} is a multi-Region replica key. Manage the rotation of its multi-Region key on the primary key ${primaryArn}.`),
};

/**
 * Multi-Region keys (API Reference: ReplicateKey, UpdatePrimaryRegion). Only `notPrimary` is a
 * recorded AWS text; the others are the fake's own, in the same style.
 */
export const multiRegion = {
  notPrimary: (arn: string) => unsupported(`${arn} is not a multi-region primary key.`),
  replicaExists: (replicaArn: string) => kmsError('AlreadyExistsException', `Replica key ${replicaArn} already exists.`),
  sameRegion: (region: string) => validation(`The replica region ${region} must be different from the primary key's region.`),
  otherPartition: (region: string) => validation(`The replica region ${region} is not in the partition of the primary key.`),
};

/**
 * Custom key stores (API Reference: CreateCustomKeyStore and its siblings). No public record shows
 * AWS's texts for these; the fake's own name the store and the rule.
 */
export const keyStores = {
  nameInUse: (name: string) => kmsError('CustomKeyStoreNameInUseException', `A custom key store with the name ${name} already exists.`),
  clusterInUse: (clusterId: string) => kmsError('CloudHsmClusterInUseException', `The CloudHSM cluster ${clusterId} is already associated with a custom key store.`),
  uriEndpointInUse: () => kmsError('XksProxyUriEndpointInUseException', 'The XKS proxy URI endpoint is already associated with an external key store.'),
  uriInUse: () => kmsError('XksProxyUriInUseException', 'The XKS proxy URI endpoint and path are already associated with an external key store.'),
  vpcServiceInUse: () => kmsError('XksProxyVpcEndpointServiceInUseException', 'The VPC endpoint service is already associated with an external key store.'),
  invalidState: (id: string, state: string, operation: string) =>
    kmsError('CustomKeyStoreInvalidStateException', `The custom key store ${id} has connection state ${state}, which is not valid for ${operation}.`),
  hasKeys: (id: string) => kmsError('CustomKeyStoreHasCMKsException', `The custom key store ${id} contains KMS keys. Schedule their deletion and wait until they are deleted.`),
  missing: (member: string, type: string) => validation(`${member} is required for a custom key store of type ${type}.`),
  notFor: (member: string, type: string) => validation(`${member} is not valid for a custom key store of type ${type}.`),
  originMismatch: (origin: string, type: string) =>
    unsupported(`Origin ${origin} is not valid for a custom key store of type ${type}.`),
  storeNeedsOrigin: () => unsupported('A CustomKeyStoreId requires Origin AWS_CLOUDHSM or EXTERNAL_KEY_STORE.'),
  originNeedsStore: (origin: string) => unsupported(`Origin ${origin} requires a CustomKeyStoreId.`),
  symmetricOnly: (spec: string) => unsupported(`KeySpec ${spec} is not valid for a KMS key in a custom key store.`),
  noMultiRegion: () => unsupported('Multi-Region keys cannot be created in a custom key store.'),
  xksKeyIdRequired: () => validation('XksKeyId is required for a KMS key in an external key store.'),
  xksKeyIdNotAllowed: () => validation('XksKeyId is valid only for a KMS key in an external key store.'),
  xksKeyInUse: (xksKeyId: string) => kmsError('XksKeyAlreadyInUseException', `The external key ${xksKeyId} is already associated with a KMS key in this external key store.`),
  randomFromExternal: () => unsupported('GenerateRandom is not supported for an external key store.'),
};

/**
 * Grants (API Reference: CreateGrant, ListGrants, ListRetirableGrants, RetireGrant, RevokeGrant).
 * The exceptions are the ones those pages list (an operation the key does not support is a
 * ValidationException, as CreateGrant's Operations states); no public record shows the texts, so
 * they are the fake's own.
 */
export const grants = {
  notFound: (grantId: string) => kmsError('NotFoundException', `Grant ${grantId} does not exist`),
  invalidId: (grantId: string) => kmsError('InvalidGrantIdException', `Invalid grant ID '${grantId}'`),
  invalidToken: () => kmsError('InvalidGrantTokenException', 'The grant token is not valid.'),
  operationNotSupported: (operation: string, arn: string) =>
    validation(`Grant operation ${operation} is not supported on ${arn}.`),
  bothContextConstraints: () =>
    validation('A grant cannot have both an EncryptionContextSubset and an EncryptionContextEquals constraint.'),
  contextConstraintNotSupported: (arn: string) =>
    validation(`Encryption context grant constraints are supported only on symmetric encryption KMS keys, not on ${arn}.`),
  exactlyOne: (a: string, b: string) => validation(`Specify either ${a} or ${b}, but not both.`),
  notBoth: (a: string, b: string) => validation(`You cannot specify both ${a} and ${b}.`),
  servicePrincipalNeeds: () =>
    validation('A grant for a GranteeServicePrincipal needs a SourceArn constraint and a RetiringPrincipal or RetiringServicePrincipal.'),
  retireTarget: () => validation('Specify the grant to retire with a GrantToken, or with a KeyId and a GrantId.'),
};
