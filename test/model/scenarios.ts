import { DAY_MS } from '../support/client';
import type { Step } from './steps';

/**
 * Sequences every model run starts with (fast-check `examples`), so the deep states that need
 * several calls in a row are always reached, whatever the seed. The store sequence is the one
 * that found a fake bug (test/model/regressions.test.ts).
 */

/**
 * Replicas, a primary Region changed and redirected, rotation on the new primary, a primary
 * waiting in PendingReplicaDeletion for its replicas, then deleted after its own window.
 */
const multiRegionLife: Step[] = [
  { op: 'CreateKey', kind: 'SYMMETRIC', origin: 'AWS_KMS', multiRegion: true, region: 0 },
  { op: 'ReplicateKey', key: 0, region: 1 },
  { op: 'ReplicateKey', key: 0, region: 2 },
  { op: 'Use', key: 1 },
  { op: 'Settle' },
  { op: 'EnableKeyRotation', key: 0 },
  { op: 'UpdatePrimaryRegion', key: 0, region: 1 },
  { op: 'Use', key: 1 },
  { op: 'EnableKey', key: 1 },
  { op: 'UpdatePrimaryRegion', key: 0, region: 2 },
  { op: 'AdvanceTime', ms: 300 },
  { op: 'GetKeyRotationStatus', key: 2 },
  { op: 'ScheduleKeyDeletion', key: 2, days: 7 },
  { op: 'ScheduleKeyDeletion', key: 0, days: 8 },
  { op: 'ScheduleKeyDeletion', key: 1, days: 9 },
  { op: 'AdvanceTime', ms: 8 * DAY_MS },
  { op: 'CancelKeyDeletion', key: 1 },
  { op: 'ReplicateKey', key: 2, region: 0 },
  { op: 'ScheduleKeyDeletion', key: 1, days: 7 },
  { op: 'Settle' },
  { op: 'ScheduleKeyDeletion', key: 0, days: 7 },
  { op: 'AdvanceTime', ms: 30 * DAY_MS },
  { op: 'AdvanceTime', ms: 30 * DAY_MS },
];

/**
 * Imported material in a multi-Region key: each member imports the same material; deleting it
 * makes one member wait again; a grant and an alias on a key that is then deleted.
 */
const importedMultiRegion: Step[] = [
  { op: 'CreateKey', kind: 'SYMMETRIC', origin: 'EXTERNAL', multiRegion: true, region: 1 },
  { op: 'Import', key: 0, newMaterial: false },
  { op: 'ReplicateKey', key: 0, region: 0 },
  { op: 'Settle' },
  { op: 'Use', key: 1 },
  { op: 'Import', key: 1, newMaterial: false },
  { op: 'Use', key: 1 },
  { op: 'UpdatePrimaryRegion', key: 0, region: 0 },
  { op: 'Import', key: 1, newMaterial: false },
  { op: 'DeleteImportedKeyMaterial', key: 1 },
  { op: 'Settle' },
  { op: 'DeleteImportedKeyMaterial', key: 1 },
  { op: 'CreateAlias', alias: 0, key: 1 },
  { op: 'CreateGrant', key: 1 },
  { op: 'ScheduleKeyDeletion', key: 1, days: 7 },
  { op: 'ScheduleKeyDeletion', key: 0, days: 7 },
  { op: 'CancelKeyDeletion', key: 1 },
  { op: 'Import', key: 1, newMaterial: false },
  { op: 'AdvanceTime', ms: 7 * DAY_MS },
  { op: 'RetireGrant', grant: 0 },
];

/** Imported material that expires, imported again with a later date, expiring while disabled and while pending deletion. */
const expiringMaterial: Step[] = [
  { op: 'CreateKey', kind: 'SYMMETRIC', origin: 'EXTERNAL', multiRegion: false, region: 1 },
  { op: 'Import', key: 0, validDays: 3, newMaterial: false },
  { op: 'AdvanceTime', ms: DAY_MS },
  { op: 'Import', key: 0, validDays: 5, newMaterial: false },
  { op: 'AdvanceTime', ms: 3 * DAY_MS },
  { op: 'DisableKey', key: 0 },
  { op: 'AdvanceTime', ms: 3 * DAY_MS },
  { op: 'Import', key: 0, validDays: 1, newMaterial: false },
  { op: 'ScheduleKeyDeletion', key: 0, days: 7 },
  { op: 'AdvanceTime', ms: 3 * DAY_MS },
  { op: 'CancelKeyDeletion', key: 0 },
];

/** Custom key stores: one disconnected again while it is still connecting; a key cancelled while its store is away. */
const storeReconnected: Step[] = [
  { op: 'CreateKey', kind: 'SYMMETRIC', origin: 'AWS_CLOUDHSM', multiRegion: false, region: 0 },
  { op: 'CreateKey', kind: 'SYMMETRIC', origin: 'AWS_CLOUDHSM', multiRegion: false, region: 0 },
  { op: 'DisableKey', key: 1 },
  { op: 'DisconnectCustomKeyStore', store: 'AWS_CLOUDHSM' },
  { op: 'ConnectCustomKeyStore', store: 'AWS_CLOUDHSM' },
  { op: 'EnableKey', key: 1 },
  { op: 'DisconnectCustomKeyStore', store: 'AWS_CLOUDHSM' },
  { op: 'ScheduleKeyDeletion', key: 0, days: 7 },
  { op: 'CancelKeyDeletion', key: 0 },
  { op: 'ConnectCustomKeyStore', store: 'AWS_CLOUDHSM' },
  { op: 'Use', key: 1 },
  { op: 'Settle' },
  { op: 'Use', key: 1 },
  { op: 'CreateKey', kind: 'SYMMETRIC', origin: 'EXTERNAL_KEY_STORE', multiRegion: false, region: 0 },
  { op: 'RotateKeyOnDemand', key: 2 },
  { op: 'DisconnectCustomKeyStore', store: 'EXTERNAL_KEY_STORE' },
  { op: 'GetKeyRotationStatus', key: 2 },
  { op: 'ScheduleKeyDeletion', key: 2, days: 7 },
  { op: 'CancelKeyDeletion', key: 2 },
  { op: 'ConnectCustomKeyStore', store: 'EXTERNAL_KEY_STORE' },
  { op: 'AdvanceTime', ms: 300 },
  { op: 'RotateKeyOnDemand', key: 2 },
  { op: 'Use', key: 2 },
];

/**
 * On-demand rotation of imported keys: new material waits in PENDING_ROTATION, then becomes
 * current; an older version expiring makes the key wait for it again, whatever the current one;
 * a replica takes the key's material while its primary has new material waiting.
 */
const importedRotation: Step[] = [
  { op: 'CreateKey', kind: 'SYMMETRIC', origin: 'EXTERNAL', multiRegion: false, region: 0 },
  { op: 'RotateKeyOnDemand', key: 0 },
  { op: 'Import', key: 0, validDays: 10, newMaterial: false },
  { op: 'RotateKeyOnDemand', key: 0 },
  { op: 'Import', key: 0, newMaterial: true },
  { op: 'Import', key: 0, newMaterial: true },
  { op: 'RotateKeyOnDemand', key: 0 },
  { op: 'AdvanceTime', ms: 11 * DAY_MS },
  { op: 'Import', key: 0, newMaterial: false },
  { op: 'RotateKeyOnDemand', key: 0 },
  { op: 'CreateKey', kind: 'SYMMETRIC', origin: 'EXTERNAL', multiRegion: true, region: 1 },
  { op: 'Import', key: 1, newMaterial: false },
  { op: 'ReplicateKey', key: 1, region: 2 },
  { op: 'Settle' },
  { op: 'Import', key: 1, newMaterial: true },
  { op: 'Import', key: 2, newMaterial: false },
  { op: 'RotateKeyOnDemand', key: 1 },
  { op: 'Import', key: 2, newMaterial: true },
  { op: 'DeleteImportedKeyMaterial', key: 1 },
  { op: 'Use', key: 1 },
  { op: 'Import', key: 1, validDays: 2, newMaterial: false },
  { op: 'Use', key: 1 },
  { op: 'AdvanceTime', ms: 2 * DAY_MS },
  { op: 'Use', key: 1 },
];

export const SCENARIOS: Step[][] = [storeReconnected, multiRegionLife, importedMultiRegion, expiringMaterial, importedRotation];
