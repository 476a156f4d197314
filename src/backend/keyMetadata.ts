import type { KeyMetadata } from '@aws-sdk/client-kms';
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
  const algorithms = algorithmsOf(key.keySpec, key.keyUsage);
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
    ...(legacySpecOf(key.keySpec) && { CustomerMasterKeySpec: legacySpecOf(key.keySpec) }),
    KeySpec: key.keySpec,
    ...copy(algorithms),
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

function copy(algorithms: ReturnType<typeof algorithmsOf>): Partial<KeyMetadata> {
  const out: Partial<KeyMetadata> = {};
  if (algorithms.EncryptionAlgorithms) out.EncryptionAlgorithms = [...algorithms.EncryptionAlgorithms];
  if (algorithms.SigningAlgorithms) out.SigningAlgorithms = [...algorithms.SigningAlgorithms];
  if (algorithms.MacAlgorithms) out.MacAlgorithms = [...algorithms.MacAlgorithms];
  if (algorithms.KeyAgreementAlgorithms) out.KeyAgreementAlgorithms = [...algorithms.KeyAgreementAlgorithms];
  if (algorithms.EncapsulationAlgorithms) out.EncapsulationAlgorithms = [...algorithms.EncapsulationAlgorithms];
  return out;
}
