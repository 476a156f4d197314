import type { MultiRegionConfiguration } from '@aws-sdk/client-kms';
import { DAY_MS } from './clock';
import { isPendingReplicaDeletion, isUpdating, transition } from './keyStates';
import { copyRotation } from './snapshot';
import { keyArn, PENDING_WINDOW_DAYS, scopeOf, type KeyRecord, type KeyRotation, type MultiRegionSet, type RegionState, type Store } from './store';

/**
 * The members of a multi-Region key set. Members share the key ID and live in other regions of
 * the same account and partition; each carries the same immutable {@link MultiRegionSet}.
 * @internal
 */

const scopeIn = (key: KeyRecord, region: string) => scopeOf(key.accountId, region);

/** The set of a key made by CreateKey (MultiRegion=true): a primary alone. */
export const singleMemberSet = (region: string): MultiRegionSet => ({ primaryRegion: region, regions: [region] });

/** The set as `key` sees it; keys loaded without one (fixtures) are a primary alone. */
export const setOf = (key: KeyRecord): MultiRegionSet => key.multiRegionSet ?? singleMemberSet(key.region);

/** The member of `key`'s set in `region`, if any. */
export function memberIn(store: Store, key: KeyRecord, region: string): KeyRecord | undefined {
  if (region === key.region) return key;
  return store.region(scopeIn(key, region)).keys.get(key.keyId);
}

/** Every member that exists now, the primary first. */
export function membersOf(store: Store, key: KeyRecord): KeyRecord[] {
  const set = setOf(key);
  const ordered = [set.primaryRegion, ...set.regions.filter((r) => r !== set.primaryRegion)];
  return ordered.map((r) => memberIn(store, key, r)).filter((k): k is KeyRecord => k !== undefined);
}

/** Gives every member the same new set value. */
export function writeSet(store: Store, key: KeyRecord, set: MultiRegionSet): void {
  for (const region of new Set([...setOf(key).regions, ...set.regions])) {
    const member = memberIn(store, key, region);
    if (member) member.multiRegionSet = set;
  }
}

/** Whether `key` is its set's primary; during an update the old primary stays it until the update ends. */
export const isPrimary = (key: KeyRecord) => key.multiRegion && setOf(key).primaryRegion === key.region;

/** Whether `key` is a multi-Region replica (as {@link isPrimary} sees it). */
export const isReplica = (key: KeyRecord) => key.multiRegion && !isPrimary(key);

/** The primary of `key`'s set (the key itself for a single-Region key), if it exists. */
export const primaryOf = (store: Store, key: KeyRecord) => memberIn(store, key, setOf(key).primaryRegion);

/** The ARN of the primary of `key`'s set. */
export const primaryArn = (key: KeyRecord) => keyArn(scopeIn(key, setOf(key).primaryRegion), key.keyId);

/**
 * DescribeKey's MultiRegionConfiguration as this member sees it (API Reference:
 * MultiRegionConfiguration). Every member lists all the replicas of its set, itself included when
 * it is one (recorded: LocalStack test_kms snapshot, test_replicate_key, `ReplicaKeyMetadata` and
 * `describe-replicated-key`). While the primary Region is being updated, both keys in `Updating`
 * report themselves as replicas of the new primary, as the developer guide allows.
 */
export function multiRegionConfiguration(key: KeyRecord): MultiRegionConfiguration {
  const set = setOf(key);
  const primaryRegion = set.updatingTo ?? set.primaryRegion;
  const type = set.updatingTo !== undefined && isUpdating(key) ? 'REPLICA' : key.region === primaryRegion ? 'PRIMARY' : 'REPLICA';
  const ref = (region: string) => ({ Arn: keyArn(scopeIn(key, region), key.keyId), Region: region });
  return {
    MultiRegionKeyType: type,
    PrimaryKey: ref(primaryRegion),
    ReplicaKeys: set.regions.filter((r) => r !== primaryRegion).map(ref),
  };
}

/**
 * Copies the shared properties from the primary to a replica (developer guide: multi-Region keys,
 * "shared properties"): the material versions, and the rotation settings. Material of EXTERNAL-origin
 * keys is imported into each member separately, so it is not copied.
 */
export function syncFromPrimary(store: Store, key: KeyRecord): void {
  if (!key.multiRegion || isPrimary(key)) return;
  const primary = primaryOf(store, key);
  if (!primary || primary === key) return;
  if (key.origin !== 'EXTERNAL' && primary.materials !== key.materials) key.materials = [...primary.materials];
  if (primary.rotation) key.rotation = sharedRotation(primary.rotation, key);
}

/**
 * The rotation settings a member takes from its primary. Imported material, including new
 * material waiting in PENDING_ROTATION, is imported into each member itself, so a member of an
 * EXTERNAL-origin key keeps its own pending material (or has none).
 */
export function sharedRotation(primary: KeyRotation, member: Pick<KeyRecord, 'origin' | 'rotation'>): KeyRotation {
  const rotation = copyRotation(primary);
  if (member.origin !== 'EXTERNAL') return rotation;
  delete rotation.pendingMaterial;
  const own = member.rotation?.pendingMaterial;
  return own ? { ...rotation, pendingMaterial: own } : rotation;
}

/**
 * After a member is deleted: it leaves the set, and a primary waiting in PendingReplicaDeletion
 * for its last replica starts its own waiting period then (API Reference: ScheduleKeyDeletion).
 * Returns the primary whose deletion is now scheduled, for the due list.
 */
export function afterMemberDeleted(store: Store, deleted: KeyRecord, at: Date): { region: RegionState; key: KeyRecord } | undefined {
  if (!deleted.multiRegion) return undefined;
  const set = setOf(deleted);
  const rest = set.regions.filter((r) => r !== deleted.region);
  const remaining = rest.map((r) => memberIn(store, deleted, r)).filter((k): k is KeyRecord => k !== undefined);
  if (remaining.length === 0) return undefined;
  const next: MultiRegionSet = { ...set, regions: remaining.map((k) => k.region) };
  for (const member of remaining) member.multiRegionSet = next;
  const primary = remaining.find((k) => k.region === set.primaryRegion);
  if (!primary || remaining.length > 1 || !isPendingReplicaDeletion(primary)) return undefined;
  transition(primary, 'replicasDeleted');
  primary.deletionDate = new Date(at.getTime() + (primary.pendingWindowInDays ?? PENDING_WINDOW_DAYS.default) * DAY_MS);
  return { region: store.region(scopeIn(primary, primary.region)), key: primary };
}

/** Whether the primary still has replicas (ScheduleKeyDeletion's PendingReplicaDeletion). */
export const hasReplicas = (store: Store, key: KeyRecord) => isPrimary(key) && membersOf(store, key).length > 1;
