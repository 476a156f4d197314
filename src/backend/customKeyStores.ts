import type { KeySpec, OriginType } from '@aws-sdk/client-kms';
import { customKeyStoreNotFound, keyStores as errors } from '../errors';
import { isSymmetricSpec } from './keySpecs';
import type { CustomKeyStoreRecord, KeyRecord, RegionState } from './store';

/**
 * Custom key stores as the key operations see them: looking one up, the keys in it, and the
 * rules CreateKey and GenerateRandom follow in one. The store operations are in
 * `operations/keyStores.ts`.
 * @internal
 */

/** The store with that ID in the region, or CustomKeyStoreNotFoundException. */
export function storeNamed(region: RegionState, id: string): CustomKeyStoreRecord {
  const store = region.customKeyStores.get(id);
  if (!store) throw customKeyStoreNotFound();
  return store;
}

/** The keys of the region in the store (keys pending deletion included). */
export const keysInStore = (region: RegionState, storeId: string): KeyRecord[] => region.keys.grouped('store', storeId);

interface NewKeyPlacement {
  CustomKeyStoreId?: string | undefined;
  Origin?: OriginType | undefined;
  XksKeyId?: string | undefined;
  MultiRegion?: boolean | undefined;
}

/**
 * The custom-key-store fields of a key CreateKey is about to make, or `{}` for a key outside any
 * store (API Reference: CreateKey, CustomKeyStoreId and XksKeyId). Only checks; writes nothing.
 */
export function placementOf(region: RegionState, input: NewKeyPlacement, spec: KeySpec): Partial<KeyRecord> {
  const origin = input.Origin ?? 'AWS_KMS';
  const inStore = origin === 'AWS_CLOUDHSM' || origin === 'EXTERNAL_KEY_STORE';
  if (input.CustomKeyStoreId === undefined) {
    if (inStore) throw errors.originNeedsStore(origin);
    if (input.XksKeyId !== undefined) throw errors.xksKeyIdNotAllowed();
    return {};
  }
  if (!inStore) throw errors.storeNeedsOrigin();
  const store = storeNamed(region, input.CustomKeyStoreId);
  const wanted = store.type === 'AWS_CLOUDHSM' ? 'AWS_CLOUDHSM' : 'EXTERNAL_KEY_STORE';
  if (origin !== wanted) throw errors.originMismatch(origin, store.type);
  if (!isSymmetricSpec(spec)) throw errors.symmetricOnly(spec);
  if (input.MultiRegion === true) throw errors.noMultiRegion();
  if (store.connectionState !== 'CONNECTED') throw errors.invalidState(store.id, store.connectionState, 'CreateKey');
  if (store.type === 'AWS_CLOUDHSM') {
    if (input.XksKeyId !== undefined) throw errors.xksKeyIdNotAllowed();
    return { customKeyStoreId: store.id, ...(store.cloudHsmClusterId && { cloudHsmClusterId: store.cloudHsmClusterId }) };
  }
  if (input.XksKeyId === undefined) throw errors.xksKeyIdRequired();
  if (keysInStore(region, store.id).some((k) => k.xksKeyId === input.XksKeyId)) throw errors.xksKeyInUse(input.XksKeyId);
  return { customKeyStoreId: store.id, xksKeyId: input.XksKeyId };
}

/** GenerateRandom from a CloudHSM key store: it must exist and be connected (API Reference: GenerateRandom). */
export function assertRandomSource(region: RegionState, storeId: string): void {
  const store = storeNamed(region, storeId);
  if (store.type === 'EXTERNAL_KEY_STORE') throw errors.randomFromExternal();
  if (store.connectionState !== 'CONNECTED') throw errors.invalidState(store.id, store.connectionState, 'GenerateRandom');
}
