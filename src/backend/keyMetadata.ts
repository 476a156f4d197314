import type { KeyMetadata, KeySpec, KeyUsageType } from '@aws-sdk/client-kms';
import { expirationOf } from './keyMaterials';
import { algorithmsOf, isSymmetricSpec, legacySpecOf } from './keySpecs';
import { isEnabled, isPendingReplicaDeletion } from './keyStates';
import { multiRegionConfiguration } from './replicas';
import type { KeyRecord } from './store';

/**
 * `KeyMetadata` as CreateKey and DescribeKey return it (API Reference: KeyMetadata): every
 * field AWS sends for this kind of key, and none it omits.
 */
export function keyMetadata(key: KeyRecord): KeyMetadata {
  const current = key.materials[key.materials.length - 1];
  return {
    AWSAccountId: key.accountId,
    KeyId: key.keyId,
    Arn: key.arn,
    CreationDate: key.creationDate,
    Enabled: isEnabled(key),
    Description: key.description,
    KeyUsage: key.keyUsage,
    KeyState: key.state,
    ...(key.deletionDate && { DeletionDate: key.deletionDate }),
    Origin: key.origin,
    ...expirationOf(key),
    KeyManager: 'CUSTOMER',
    ...algorithmFields(key.keySpec, key.keyUsage),
    MultiRegion: key.multiRegion,
    ...(key.multiRegion && { MultiRegionConfiguration: multiRegionConfiguration(key) }),
    ...(key.customKeyStoreId && { CustomKeyStoreId: key.customKeyStoreId }),
    ...(key.cloudHsmClusterId && { CloudHsmClusterId: key.cloudHsmClusterId }),
    ...(key.xksKeyId && { XksKeyConfiguration: { Id: key.xksKeyId } }),
    // Only while a primary waits for its replicas to be deleted (API Reference: KeyMetadata).
    ...(isPendingReplicaDeletion(key) && { PendingDeletionWindowInDays: key.pendingWindowInDays }),
    // KMS reports a material ID for symmetric encryption keys only.
    ...(isSymmetricSpec(key.keySpec) && current && { CurrentKeyMaterialId: current.id }),
  };
}

type AlgorithmFields = Pick<
  KeyMetadata,
  'CustomerMasterKeySpec' | 'KeySpec' | 'EncryptionAlgorithms' | 'SigningAlgorithms' | 'MacAlgorithms' | 'KeyAgreementAlgorithms' | 'EncapsulationAlgorithms'
>;

/**
 * The spec and algorithm fields KeyMetadata and GetPublicKey share: the deprecated
 * CustomerMasterKeySpec where the spec has one, KeySpec, and the algorithms of the key's usage.
 */
export function algorithmFields(spec: KeySpec, usage: KeyUsageType): AlgorithmFields {
  const legacy = legacySpecOf(spec);
  return { ...(legacy && { CustomerMasterKeySpec: legacy }), KeySpec: spec, ...copy(algorithmsOf(spec, usage)) };
}

function copy(algorithms: ReturnType<typeof algorithmsOf>): AlgorithmFields {
  const out: AlgorithmFields = {};
  if (algorithms.EncryptionAlgorithms) out.EncryptionAlgorithms = [...algorithms.EncryptionAlgorithms];
  if (algorithms.SigningAlgorithms) out.SigningAlgorithms = [...algorithms.SigningAlgorithms];
  if (algorithms.MacAlgorithms) out.MacAlgorithms = [...algorithms.MacAlgorithms];
  if (algorithms.KeyAgreementAlgorithms) out.KeyAgreementAlgorithms = [...algorithms.KeyAgreementAlgorithms];
  if (algorithms.EncapsulationAlgorithms) out.EncapsulationAlgorithms = [...algorithms.EncapsulationAlgorithms];
  return out;
}
