import type { AliasRecord, CustomKeyStoreRecord, GrantRecord, KeyRecord, KeyRotation, Store } from './store';

/** A deep copy of every account × region: keys (with material), aliases, tags and grants. */
export interface StoreSnapshot {
  readonly regions: readonly { scope: { accountId: string; region: string; partition: string }; keys: KeyRecord[]; aliases: AliasRecord[]; customKeyStores?: CustomKeyStoreRecord[]; grants?: GrantRecord[] }[];
}

/**
 * A copy of rotation settings for snapshots, and for the rotation a replica takes from its primary
 * (ReplicateKey, and on every request). Material versions (here the pending one, in `copyKey` the
 * key's) are shared, not copied: nothing changes one once made (a rotation or deletion replaces it),
 * except its key-pair cache, which is the same pair whoever derives it. Sharing spares each rollback
 * (the test-runner entries roll back before every test) an RSA key derivation. @internal
 */
export const copyRotation = (r: KeyRotation): KeyRotation => ({
  onDemandRotations: r.onDemandRotations,
  ...(r.automatic && { automatic: { ...r.automatic } }),
  ...(r.pendingMaterial && { pendingMaterial: r.pendingMaterial }),
});

const copyKey = (key: KeyRecord): KeyRecord => ({
  ...key,
  tags: new Map(key.tags),
  materials: [...key.materials],
  ...(key.rotation && { rotation: copyRotation(key.rotation) }),
  ...(key.importParameters && { importParameters: [...key.importParameters] }),
  ...(key.lastUsage && { lastUsage: { ...key.lastUsage } }),
});

/** Constraints and operations are never mutated; only the issued tokens grow. */
const copyGrant = (grant: GrantRecord): GrantRecord => ({ ...grant, tokens: [...grant.tokens] });

const copyStore = (store: CustomKeyStoreRecord): CustomKeyStoreRecord => ({ ...store, ...(store.xks && { xks: { ...store.xks } }) });

export function takeSnapshot(store: Store): StoreSnapshot {
  return shownWithoutSecrets({
    regions: [...store.regions()].map((r) => ({
      scope: { ...r.scope },
      keys: [...r.keys.values()].map(copyKey),
      aliases: [...r.aliases.values()].map((a) => ({ ...a })),
      customKeyStores: [...r.customKeyStores.values()].map(copyStore),
      grants: [...r.grants.values()].map(copyGrant),
    })),
  });
}

// ---- what a snapshot shows when printed ----

const NOT_SHOWN = '[not shown]';

/**
 * A custom key store as printed: its password and XKS credential (members the SDK model marks
 * sensitive) not shown. Hidden where they are stored, not by member name: an encryption context
 * key or a tag may be called `secret` too, and it is no secret.
 */
const storeWithoutSecrets = (store: CustomKeyStoreRecord): CustomKeyStoreRecord => ({
  ...store,
  ...(store.keyStorePassword !== undefined && { keyStorePassword: NOT_SHOWN }),
  ...(store.xks && { xks: { ...store.xks, accessKeyId: NOT_SHOWN, secret: NOT_SHOWN } }),
});

/** A copy of a stored value for printing: byte arrays (key material, seeds, private keys) and crypto handles (node's KeyObject) not shown. */
function withoutSecrets(value: unknown): unknown {
  if (value instanceof Uint8Array) return `[${value.length} bytes, not shown]`;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [k, withoutSecrets(v)]));
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto !== Object.prototype && proto !== null) return `[${value.constructor.name}, not shown]`;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutSecrets(v)]));
}

const printed = (snapshot: StoreSnapshot): unknown =>
  withoutSecrets({
    regions: snapshot.regions.map((r) => ({ ...r, ...(r.customKeyStores && { customKeyStores: r.customKeyStores.map(storeWithoutSecrets) }) })),
  });

/**
 * A snapshot keeps every secret as data: `rollback` restores them, and comparing two snapshots
 * (`toEqual`) sees a change of material. Printed or written (console.log, util.inspect,
 * JSON.stringify), it shows the state without them, so a snapshot in a test log or a file
 * leaks no key material, custom key store password or XKS credential.
 */
const printedWithoutSecrets = {
  toJSON(this: StoreSnapshot): unknown {
    return printed(this);
  },
  // util.inspect formats what this returns, with the caller's options.
  [Symbol.for('nodejs.util.inspect.custom')](this: StoreSnapshot): unknown {
    return printed(this);
  },
};

function shownWithoutSecrets(snapshot: StoreSnapshot): StoreSnapshot {
  return Object.assign(Object.create(printedWithoutSecrets) as StoreSnapshot, snapshot);
}

/** Replaces the store's whole content with a copy of the snapshot (which stays reusable). */
export function restoreSnapshot(store: Store, snapshot: StoreSnapshot): void {
  store.reset();
  for (const saved of snapshot.regions) {
    const region = store.region(saved.scope);
    for (const key of saved.keys) region.keys.set(key.keyId, copyKey(key));
    for (const alias of saved.aliases) region.aliases.set(alias.aliasName, { ...alias });
    for (const store of saved.customKeyStores ?? []) region.customKeyStores.set(store.id, copyStore(store));
    for (const grant of saved.grants ?? []) region.grants.set(grant.grantId, copyGrant(grant));
  }
}
