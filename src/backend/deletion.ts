import { isPendingDeletion } from './keyStates';
import type { Core } from './core';
import { afterMemberDeleted } from './replicas';
import { rescheduleTransients } from './transients';
import { rescheduleMaterials } from './keyMaterials';
import type { KeyRecord, RegionState } from './store';

/**
 * Puts a key's deletion on the fake clock's due list. At the end of the waiting period the
 * key, every alias that points to it and its grants are gone (API Reference: ScheduleKeyDeletion).
 */
export function scheduleDeletion(core: Core, region: RegionState, key: KeyRecord): void {
  if (!key.deletionDate) return;
  core.due.add(key.deletionDate, () => deleteIfDue(core, region, key));
}

function deleteIfDue(core: Core, region: RegionState, key: KeyRecord): void {
  // A cancelled or rescheduled deletion leaves nothing to do here.
  if (region.keys.get(key.keyId) !== key || !isPendingDeletion(key) || !key.deletionDate) return;
  if (key.deletionDate.getTime() > core.clock.now().getTime()) return;
  region.keys.delete(key.keyId);
  for (const alias of region.aliases.grouped('target', key.keyId)) region.aliases.delete(alias.aliasName);
  // Its grants go with it; a replica's grants are its own (developer guide: multi-Region keys, independent properties).
  for (const grant of region.grants.grouped('key', key.keyId)) region.grants.delete(grant.grantId);
  // A primary waiting for this, its last replica, now starts its own waiting period.
  const primary = afterMemberDeleted(core.store, key, key.deletionDate);
  if (primary) scheduleDeletion(core, primary.region, primary.key);
}

/** Rebuilds the due list from the stored keys (after a snapshot is restored or fixtures load). */
export function rescheduleAll(core: Core): void {
  core.due.clear();
  for (const region of core.store.regions()) for (const key of region.keys.values()) scheduleDeletion(core, region, key);
  rescheduleTransients(core);
  rescheduleMaterials(core);
}
