import type { KeySpec, KeyState, KeyUsageType, MultiRegionKeyType, OriginType } from '@aws-sdk/client-kms';
import type { Core } from '../../backend/core';
import { keyMetadata } from '../../backend/keyMetadata';
import { automaticRotationOf } from '../../backend/operations/rotation';
import type { KeyRecord, RegionState } from '../../backend/store';

/**
 * One key as the dashboard shows it: what DescribeKey, ListAliases, ListResourceTags and
 * GetKeyRotationStatus would tell about it. Never its material, policy or grants' tokens.
 * Dates are ISO 8601 strings on the fake's clock.
 */
export interface DashboardKey {
  readonly accountId: string;
  readonly region: string;
  readonly keyId: string;
  readonly arn: string;
  readonly state: KeyState;
  readonly keySpec: KeySpec;
  readonly keyUsage: KeyUsageType;
  readonly origin: OriginType;
  readonly description: string;
  readonly creationDate: string;
  /** Alias names (`alias/...`) that point at this key, in name order. */
  readonly aliases: readonly string[];
  readonly tags: readonly { readonly key: string; readonly value: string }[];
  /** Set while automatic rotation is enabled. */
  readonly rotation?: { readonly periodInDays: number; readonly nextRotationDate: string };
  /** Set for multi-Region keys: this member's role and the regions of the set. */
  readonly multiRegion?: { readonly role: MultiRegionKeyType; readonly primaryRegion: string; readonly replicaRegions: readonly string[] };
  /** Set while the key is pending deletion (the date it will be deleted). */
  readonly deletionDate?: string;
}

/**
 * `GET /dashboard/api/state`: one page of the keys of every account and region, in account,
 * region and creation order, and the fake's current time.
 *
 * @example
 * ```json
 * { "now": "2026-01-01T00:00:00.000Z", "total": 1, "offset": 0, "limit": 500,
 *   "keys": [{ "accountId": "111122223333", "region": "us-east-1", "keyId": "…", "state": "Enabled", … }] }
 * ```
 */
export interface DashboardState {
  readonly now: string;
  /** Keys in all accounts and regions. */
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
  readonly keys: readonly DashboardKey[];
}

/** How many keys one state answer holds at most, and by default. @internal */
export const STATE_PAGE = { default: 500, max: 1000 } as const;

/** The page of keys from `offset`, at most `limit` of them, walking regions in account and region order. @internal */
export function dashboardState(core: Core, offset: number, limit: number): DashboardState {
  const regions = [...core.store.regions()].sort(byScope);
  const keys: DashboardKey[] = [];
  let skip = offset;
  for (const region of regions) {
    if (keys.length >= limit) break;
    if (skip >= region.keys.size) {
      skip -= region.keys.size;
      continue;
    }
    for (const key of region.keys.readOnlyValues()) {
      if (skip > 0) skip -= 1;
      else if (keys.length < limit) keys.push(dashboardKey(core, region, key));
      else break;
    }
  }
  const total = regions.reduce((sum, region) => sum + region.keys.size, 0);
  return { now: core.clock.now().toISOString(), total, offset, limit, keys };
}

const byScope = (a: RegionState, b: RegionState) =>
  a.scope.accountId.localeCompare(b.scope.accountId) || a.scope.region.localeCompare(b.scope.region);

function dashboardKey(core: Core, region: RegionState, key: KeyRecord): DashboardKey {
  const metadata = keyMetadata(key);
  const rotation = automaticRotationOf(core.store, key);
  const multiRegion = metadata.MultiRegionConfiguration;
  return {
    accountId: key.accountId,
    region: key.region,
    keyId: key.keyId,
    arn: key.arn,
    state: key.state,
    keySpec: key.keySpec,
    keyUsage: key.keyUsage,
    origin: key.origin,
    description: key.description,
    creationDate: key.creationDate.toISOString(),
    aliases: region.aliases.grouped('target', key.keyId).map((alias) => alias.aliasName).sort(),
    tags: [...key.tags].map(([tagKey, value]) => ({ key: tagKey, value })),
    ...(rotation && { rotation: { periodInDays: rotation.periodInDays, nextRotationDate: rotation.nextRotationDate.toISOString() } }),
    ...(multiRegion && {
      multiRegion: {
        role: multiRegion.MultiRegionKeyType ?? 'PRIMARY',
        primaryRegion: multiRegion.PrimaryKey?.Region ?? key.region,
        replicaRegions: (multiRegion.ReplicaKeys ?? []).map((replica) => replica.Region ?? ''),
      },
    }),
    ...(metadata.DeletionDate && { deletionDate: metadata.DeletionDate.toISOString() }),
  };
}
