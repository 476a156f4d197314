import type { ExpirationModelType, KeySpec } from '@aws-sdk/client-kms';
import type { RotationType } from './newerSdkTypes';
import { DAY_MS } from './clock';
import { isEnabled, transition } from './keyStates';
import { materialBytes } from './keySpecs';
import { isReplica } from './replicas';
import type { Core } from './core';
import type { KeyMaterial, KeyRecord, RegionState } from './store';

/**
 * The life of a key's material versions on the fake clock: imported material that expires or
 * is deleted, and rotation (automatic, on demand) that adds a version and makes it current.
 * @internal
 */

/**
 * A new version of key material: the raw secret for symmetric and HMAC keys, a seed for the
 * others. The ID is 64 hex digits, as KMS reports `CurrentKeyMaterialId`.
 */
export function newMaterial(ctx: { readonly core: Core }, spec: KeySpec): KeyMaterial {
  return {
    id: ctx.core.entropy.hex(64),
    secret: ctx.core.entropy.bytes(materialBytes(spec)),
  };
}

/** A version whose imported material was deleted or has expired: KMS keeps its ID, not its bytes. */
export const isMissing = (material: KeyMaterial): boolean => material.imported !== undefined && !material.imported.present;

/** Whether the key waits for material: none yet, or any imported version missing (developer guide: Key states). */
export const awaitingImport = (key: KeyRecord): boolean => key.materials.length === 0 || key.materials.some(isMissing);

/** The version without its secret, as deletion or expiry leaves it. */
export function withoutSecret(material: KeyMaterial): KeyMaterial {
  const imported = material.imported && { ...material.imported, present: false };
  return { id: material.id, secret: new Uint8Array(0), ...(material.rotated && { rotated: material.rotated }), ...(imported && { imported }) };
}

/** Every version of the key, oldest first: its materials, then any imported material waiting in PENDING_ROTATION. */
export function versionsOf(key: KeyRecord): KeyMaterial[] {
  const pending = key.rotation?.pendingMaterial;
  return pending ? [...key.materials, pending] : key.materials;
}

/** The key's version `id`, current, former or waiting in PENDING_ROTATION. */
export const versionOf = (key: KeyRecord, id: string): KeyMaterial | undefined => versionsOf(key).find((m) => m.id === id);

/**
 * Removes the secret of the key's version `id` (deletion or expiry). A version the key used waits
 * for its import (the key becomes PendingImport); one waiting in PENDING_ROTATION just loses its bytes.
 */
export function loseMaterial(key: KeyRecord, id: string): void {
  const rotation = key.rotation;
  if (rotation?.pendingMaterial?.id === id) {
    rotation.pendingMaterial = withoutSecret(rotation.pendingMaterial);
    return;
  }
  const i = key.materials.findIndex((m) => m.id === id);
  if (i === -1) return;
  key.materials[i] = withoutSecret(key.materials[i]!);
  transition(key, 'loseMaterial');
}

/**
 * `ExpirationModel` and `ValidTo` of an EXTERNAL key's metadata (API Reference: KeyMetadata), from
 * the imported versions that are present: ValidTo is the earliest expiry among them. With none
 * present (deleted or expired) both members are absent (recorded: LocalStack test_kms snapshots
 * test_import_key_symmetric and test_import_key_asymmetric, `describe-key-after-deleted-import`).
 */
export function expirationOf(key: KeyRecord): { ExpirationModel?: ExpirationModelType; ValidTo?: Date } {
  const imported = key.materials.flatMap((m) => (m.imported?.present ? [m.imported] : []));
  if (key.origin !== 'EXTERNAL' || imported.length === 0) return {};
  const expiries = imported.flatMap((m) => (m.validTo ? [m.validTo.getTime()] : []));
  if (expiries.length === 0) return { ExpirationModel: imported[imported.length - 1]!.expirationModel };
  return { ExpirationModel: 'KEY_MATERIAL_EXPIRES', ValidTo: new Date(Math.min(...expiries)) };
}

/** Puts the expiry of an imported version on the due list; a later import or deletion makes it a no-op. */
export function scheduleExpiry(core: Core, region: RegionState, key: KeyRecord, material: KeyMaterial): void {
  const validTo = material.imported?.validTo;
  if (!validTo || !material.imported?.present) return;
  core.due.add(validTo, () => {
    const current = versionOf(key, material.id);
    if (region.keys.get(key.keyId) !== key || current?.imported?.validTo?.getTime() !== validTo.getTime() || isMissing(current)) return;
    loseMaterial(key, material.id);
  });
}

/** Makes `material` the key's current version, recording when and how (ListKeyRotations reports both). */
export function rotateTo(key: KeyRecord, material: KeyMaterial, date: Date, type: RotationType): void {
  key.materials.push({ ...material, rotated: { date, type } });
}

/** Puts the next automatic rotation of the key on the due list. */
export function scheduleRotation(core: Core, region: RegionState, key: KeyRecord): void {
  const at = key.rotation?.automatic?.nextRotationDate;
  if (at) core.due.add(at, () => rotateIfDue(core, region, key, at, at));
}

/**
 * The automatic rotation due at `due`, looked at on `check`. A disabled key is not rotated;
 * once it is enabled again, KMS rotates an overdue key at once (API Reference:
 * GetKeyRotationStatus). The fake looks again every fake day, so that happens within a day.
 * Only a primary rotates a multi-Region key; after UpdatePrimaryRegion the new primary has its own entry.
 */
function rotateIfDue(core: Core, region: RegionState, key: KeyRecord, due: Date, check: Date): void {
  const automatic = key.rotation?.automatic;
  if (region.keys.get(key.keyId) !== key || isReplica(key) || automatic?.nextRotationDate.getTime() !== due.getTime()) return;
  if (!isEnabled(key)) {
    const again = new Date(check.getTime() + DAY_MS);
    core.due.add(again, () => rotateIfDue(core, region, key, due, again));
    return;
  }
  rotateTo(key, newMaterial({ core }, key.keySpec), check, 'AUTOMATIC');
  automatic.nextRotationDate = new Date(check.getTime() + automatic.periodInDays * DAY_MS);
  scheduleRotation(core, region, key);
}

/** Rebuilds the due entries of every key's rotations and expiries (after a snapshot is restored). */
export function rescheduleMaterials(core: Core): void {
  for (const region of core.store.regions()) {
    for (const key of region.keys.values()) {
      scheduleRotation(core, region, key);
      for (const material of versionsOf(key)) scheduleExpiry(core, region, key, material);
    }
  }
}
