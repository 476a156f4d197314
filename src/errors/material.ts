import { kmsError, limitExceeded, unsupported, validation } from './core';

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
  /** The fake's own limit: asymmetric material other than RSA, ECC and Ed25519. */
  specNotImportable: (spec: string) => unsupported(`kms-fake cannot import ${spec} key material.`),
  /**
   * AWS refuses NEW_KEY_MATERIAL while other material waits in PENDING_ROTATION (LocalStack test_kms,
   * test_import_key_material_raises_if_there_is_already_key_material_pending, AWS-validated); its
   * exception and text are not in a public record, so both are the fake's own. Deleting the waiting
   * material leaves it waiting (without its bytes), so the text does not offer deletion as a way out.
   */
  onePending: (arn: string, pendingId: string) =>
    unsupported(
      `${arn} already has key material ${pendingId} in the PENDING_ROTATION state. Rotate to it with RotateKeyOnDemand first; if it was deleted, import it again before rotating.`,
    ),
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
