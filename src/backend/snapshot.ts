import type { AliasRecord, KeyRecord, Store } from './store';

/** A deep copy of every account × region: keys (with material), aliases and tags. */
export interface StoreSnapshot {
  readonly regions: readonly { scope: { accountId: string; region: string; partition: string }; keys: KeyRecord[]; aliases: AliasRecord[] }[];
}

const copyKey = (key: KeyRecord): KeyRecord => ({
  ...key,
  tags: new Map(key.tags),
  materials: key.materials.map((m) => ({ id: m.id, secret: new Uint8Array(m.secret) })),
  ...(key.lastUsage && { lastUsage: { ...key.lastUsage } }),
});

export function takeSnapshot(store: Store): StoreSnapshot {
  return {
    regions: [...store.regions()].map((r) => ({
      scope: { ...r.scope },
      keys: [...r.keys.values()].map(copyKey),
      aliases: [...r.aliases.values()].map((a) => ({ ...a })),
    })),
  };
}

/** Replaces the store's whole content with a copy of the snapshot (which stays reusable). */
export function restoreSnapshot(store: Store, snapshot: StoreSnapshot): void {
  store.reset();
  for (const saved of snapshot.regions) {
    const region = store.region(saved.scope);
    for (const key of saved.keys) region.keys.set(key.keyId, copyKey(key));
    for (const alias of saved.aliases) region.aliases.set(alias.aliasName, { ...alias });
  }
}
