import { keysInStore } from './customKeyStores';
import { isCreating, isEnabled, isUnavailable, isUpdating, transition } from './keyStates';
import type { Core } from './core';
import { scheduleRotation } from './keyMaterials';
import { memberIn, setOf, syncFromPrimary, writeSet } from './replicas';
import { scopeOf, type CustomKeyStoreRecord, type KeyRecord, type MultiRegionSet, type RegionState } from './store';

/**
 * The ends of transient states, put on the fake clock's due list as `transient` items: they
 * happen once their delay has passed on the fake clock (checked at every request, so on the
 * default real-time clock they also end in real time), or at once on `kms.settle()`.
 * Each ending re-checks that nothing has superseded it.
 * @internal
 */

const after = (core: Core, ms: number) => new Date(core.clock.now().getTime() + ms);
const regionOf = (core: Core, key: KeyRecord) => core.store.region(scopeOf(key.accountId, key.region));
const stillStored = (core: Core, key: KeyRecord) => regionOf(core, key).keys.get(key.keyId) === key;

/** A replica made by ReplicateKey leaves `Creating`: Enabled, or PendingImport when its material is imported. */
export function scheduleReplicaCreated(core: Core, replica: KeyRecord, ms = core.delays.creating): void {
  core.due.add(after(core, ms), () => {
    if (!stillStored(core, replica) || !isCreating(replica)) return;
    transition(replica, replica.materials.length > 0 ? 'replicaCreated' : 'replicaCreatedAwaitingImport');
  }, 'transient');
}

/**
 * The end of UpdatePrimaryRegion: the new primary takes the shared properties (material versions,
 * rotation) from the old one and becomes the primary of every member, its automatic rotation goes
 * on the due list, and both keys return to Enabled. The set value is replaced meanwhile when a
 * member is deleted, so the update is recognised by its regions, not by identity; a later
 * UpdatePrimaryRegion to another Region changes them, and this one then does nothing.
 */
export function scheduleUpdateEnd(core: Core, oldPrimary: KeyRecord, set: MultiRegionSet, ms = core.delays.updating): void {
  core.due.add(after(core, ms), () => {
    const current = setOf(oldPrimary);
    const updatingTo = current.updatingTo;
    // Looked up, not only held: a state directory learns from the lookup which key this changes.
    if (!stillStored(core, oldPrimary) || updatingTo === undefined || updatingTo !== set.updatingTo || current.primaryRegion !== set.primaryRegion) return;
    const newPrimary = memberIn(core.store, oldPrimary, updatingTo);
    if (newPrimary) syncFromPrimary(core.store, newPrimary);
    writeSet(core.store, oldPrimary, { primaryRegion: updatingTo, regions: current.regions });
    if (newPrimary) scheduleRotation(core, regionOf(core, newPrimary), newPrimary);
    for (const key of [oldPrimary, newPrimary]) if (key && isUpdating(key)) transition(key, 'endUpdate');
  }, 'transient');
}

/** ConnectCustomKeyStore: CONNECTING, then CONNECTED, and the store's keys are available again. */
export function scheduleConnected(core: Core, region: RegionState, store: CustomKeyStoreRecord, ms = core.delays.connecting): void {
  core.due.add(after(core, ms), () => {
    if (region.customKeyStores.get(store.id) !== store || store.connectionState !== 'CONNECTING') return;
    store.connectionState = 'CONNECTED';
    for (const key of keysInStore(region, store.id)) makeAvailable(key);
  }, 'transient');
}

/** Footnote 12: the state EnableKey/DisableKey asked for while the key was unavailable applies now. */
function makeAvailable(key: KeyRecord): void {
  if (!isUnavailable(key)) return;
  transition(key, key.enabledWhenAvailable === false ? 'storeConnectedDisabled' : 'storeConnectedEnabled');
  delete key.enabledWhenAvailable;
}

/** DisconnectCustomKeyStore: the store's keys become Unavailable, remembering whether they were enabled. */
export function makeUnavailable(key: KeyRecord): void {
  // Already unavailable (its store was still connecting): it keeps the state it returns to.
  if (isUnavailable(key)) return;
  const wasEnabled = isEnabled(key);
  transition(key, 'storeDisconnected');
  if (isUnavailable(key)) key.enabledWhenAvailable = wasEnabled;
}

/** After a snapshot is restored: transient states in it end as they would have (at once on `settle()`). */
export function rescheduleTransients(core: Core): void {
  for (const region of core.store.regions()) {
    for (const key of region.keys.values()) {
      if (isCreating(key)) scheduleReplicaCreated(core, key);
      const set = setOf(key);
      if (set.updatingTo !== undefined && set.primaryRegion === key.region) scheduleUpdateEnd(core, key, set);
    }
    for (const store of region.customKeyStores.values()) if (store.connectionState === 'CONNECTING') scheduleConnected(core, region, store);
  }
}
