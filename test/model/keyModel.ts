import type { KeyState } from '@aws-sdk/client-kms';
import { DAY_MS } from '../support/client';

/**
 * A small model of KMS keys as the developer guide describes them (../shared/seeds, the key-state
 * table and "changing the primary Region"): per key its state and the few facts that decide
 * outcomes, per multi-Region key its set, the custom key stores, aliases, grants, and the things
 * that fall due on the fake clock. Written without any code of src/backend.
 */

export const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'] as const;
export type Region = (typeof REGIONS)[number];
export const HOME: Region = 'us-east-1';

/** How long the fake's transient states last by default (`transientDelays`). */
export const TRANSIENT_MS = 300;

export type Kind = 'SYMMETRIC' | 'HMAC' | 'ECC';
export type Origin = 'AWS_KMS' | 'EXTERNAL' | StoreType;
/** The two kinds of custom key store; a key in one has the store's type as its origin. */
export type StoreType = 'AWS_CLOUDHSM' | 'EXTERNAL_KEY_STORE';
export const STORE_TYPES: readonly StoreType[] = ['AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE'];
const inStore = (key: MKey): StoreType | undefined => (key.origin === 'AWS_CLOUDHSM' || key.origin === 'EXTERNAL_KEY_STORE' ? key.origin : undefined);

export interface Rotation {
  automatic: boolean;
  onDemand: number;
}

export interface MKey {
  keyId: string;
  arn: string;
  region: Region;
  kind: Kind;
  origin: Origin;
  state: KeyState;
  deleted: boolean;
  /** Epoch ms on the fake clock. */
  deletionDate?: number;
  /** The waiting period a primary in PendingReplicaDeletion will get once its last replica is gone. */
  windowDays?: number;
  /** EXTERNAL keys: their material versions, oldest first (the last is current), and one waiting in PENDING_ROTATION. */
  versions: Version[];
  pending?: Version;
  /** A key in a disconnected store: the state it returns to when the store connects. */
  enabledWhenAvailable?: boolean;
  /** Single-Region keys own their rotation; members of a multi-Region set share the set's. */
  rotation: Rotation;
  set?: MSet;
}

/** One version of imported material: present or deleted/expired, and when it expires. */
export interface Version {
  present: boolean;
  validTo?: number;
}

export interface MSet {
  primaryRegion: Region;
  /** The Region UpdatePrimaryRegion is moving the primary to, until it ends. */
  updatingTo?: Region;
  members: Map<Region, MKey>;
  rotation: Rotation;
}

export type StoreState = 'DISCONNECTED' | 'CONNECTING' | 'CONNECTED';

type DueAction = () => void;
interface Due {
  at: number;
  seq: number;
  transient: boolean;
  action: DueAction;
}

export class KeyModel {
  readonly keys: MKey[] = [];
  /** Per Region: alias name → key. */
  readonly aliases = new Map<Region, Map<string, MKey>>(REGIONS.map((r) => [r, new Map()]));
  /** Grant ID → key; removed when retired, revoked or the key is deleted. */
  readonly grants = new Map<string, MKey>();
  /** Every grant ID ever made and its key, so retiring a gone one can be tried too. */
  readonly grantIds: string[] = [];
  readonly grantKey = new Map<string, MKey>();
  /** One store of each type, connected when the run starts. */
  readonly stores: Record<StoreType, StoreState> = { AWS_CLOUDHSM: 'CONNECTED', EXTERNAL_KEY_STORE: 'CONNECTED' };
  now: number;
  #due: Due[] = [];
  #seq = 0;

  constructor(start: number) {
    this.now = start;
  }

  live = (): MKey[] => this.keys.filter((k) => !k.deleted);
  rotationOf = (key: MKey): Rotation => key.set?.rotation ?? key.rotation;
  isPrimary = (key: MKey): boolean => key.set !== undefined && key.set.primaryRegion === key.region;
  isReplica = (key: MKey): boolean => key.set !== undefined && !this.isPrimary(key);
  isPendingDeletion = (key: MKey): boolean => key.state === 'PendingDeletion' || key.state === 'PendingReplicaDeletion';
  /** An EXTERNAL key waits for material while it has none or any of its versions is missing (developer guide: Key states). */
  awaitsMaterial = (key: MKey): boolean => key.origin === 'EXTERNAL' && (key.versions.length === 0 || key.versions.some((v) => !v.present));

  // ---- the fake clock ----

  #add(at: number, transient: boolean, action: DueAction): void {
    this.#due.push({ at, seq: this.#seq++, transient, action });
    this.#due.sort((a, b) => a.at - b.at || a.seq - b.seq);
  }

  /** advanceTime: everything due by the new time happens, in time order. */
  advance(ms: number): void {
    this.now += ms;
    for (;;) {
      const next = this.#due[0];
      if (!next || next.at > this.now) return;
      this.#due.shift();
      next.action();
    }
  }

  /** settle: every transient state ends now; deletions keep their dates. */
  settle(): void {
    const transient = this.#due.filter((d) => d.transient);
    this.#due = this.#due.filter((d) => !d.transient);
    for (const d of transient) d.action();
  }

  // ---- keys coming and going ----

  /** A replica made again where an earlier one was deleted has its ARN: it takes that key's place. */
  addKey(key: MKey): void {
    const earlier = this.keys.findIndex((k) => k.arn === key.arn);
    if (earlier === -1) this.keys.push(key);
    else this.keys[earlier] = key;
  }

  addGrant(grantId: string, key: MKey): void {
    this.grants.set(grantId, key);
    this.grantKey.set(grantId, key);
    this.grantIds.push(grantId);
  }

  /** ScheduleKeyDeletion, once the table allowed it. */
  scheduleDeletion(key: MKey, days: number): void {
    // A primary that still has replicas (even ones only pending deletion) waits for them, undated.
    if (this.isPrimary(key) && key.set!.members.size > 1) {
      key.state = 'PendingReplicaDeletion';
      key.windowDays = days;
      delete key.deletionDate;
      return;
    }
    key.state = 'PendingDeletion';
    key.windowDays = days;
    this.#dateDeletion(key, this.now + days * DAY_MS);
  }

  #dateDeletion(key: MKey, at: number): void {
    key.deletionDate = at;
    this.#add(at, false, () => {
      // Cancelled, or rescheduled to a later date: nothing to do now.
      if (key.deleted || !this.isPendingDeletion(key) || key.deletionDate === undefined || key.deletionDate > this.now) return;
      this.#delete(key);
    });
  }

  #delete(key: MKey): void {
    key.deleted = true;
    const aliases = this.aliases.get(key.region)!;
    for (const [name, target] of aliases) if (target === key) aliases.delete(name);
    for (const [id, target] of this.grants) if (target === key) this.grants.delete(id);
    const set = key.set;
    if (!set) return;
    set.members.delete(key.region);
    // The primary waited for this, its last replica: its own waiting period starts now.
    const primary = set.members.get(set.primaryRegion);
    if (primary && set.members.size === 1 && primary.state === 'PendingReplicaDeletion') {
      primary.state = 'PendingDeletion';
      this.#dateDeletion(primary, key.deletionDate! + primary.windowDays! * DAY_MS);
    }
  }

  /** CancelKeyDeletion: Disabled, or back to waiting for material; unavailable while its store is not connected. */
  cancelDeletion(key: MKey): void {
    key.state = this.awaitsMaterial(key) ? 'PendingImport' : 'Disabled';
    delete key.deletionDate;
    delete key.windowDays;
    const store = inStore(key);
    if (store && this.stores[store] !== 'CONNECTED') {
      key.state = 'Unavailable';
      key.enabledWhenAvailable = false;
    }
  }

  // ---- imported material ----

  /**
   * ImportKeyMaterial of the current version (the first, or the same material again): it is
   * present, expiring at `validTo` if given; a key waiting for nothing else is Enabled.
   */
  imported(key: MKey, validTo: number | undefined): void {
    if (key.versions.length === 0) key.versions.push({ present: true });
    const version = key.versions[key.versions.length - 1]!;
    version.present = true;
    if (validTo === undefined) delete version.validTo;
    else version.validTo = validTo;
    if (key.state === 'PendingImport' && !this.awaitsMaterial(key)) key.state = 'Enabled';
    if (validTo === undefined) return;
    this.#add(validTo, false, () => {
      // A later import set another date, or the material is already gone.
      if (!key.deleted && version.present && version.validTo === validTo) this.lose(key, version);
    });
  }

  /** ImportKeyMaterial of new material (ImportType NEW_KEY_MATERIAL) into a key that has some: it waits in PENDING_ROTATION. */
  importedPending(key: MKey): void {
    key.pending = { present: true };
  }

  /** RotateKeyOnDemand of an imported key: the material waiting in PENDING_ROTATION becomes current. */
  rotatedToPending(key: MKey): void {
    key.versions.push(key.pending!);
    delete key.pending;
  }

  /** DeleteImportedKeyMaterial: the current version's material goes (nothing happens if it is gone already). */
  deleteCurrentMaterial(key: MKey): void {
    const current = key.versions[key.versions.length - 1];
    if (current?.present) this.lose(key, current);
  }

  /** Deleted or expired material: a key that used it waits for it again; one pending deletion stays so. */
  lose(key: MKey, version: Version): void {
    version.present = false;
    delete version.validTo;
    if (key.state === 'Enabled' || key.state === 'Disabled') key.state = 'PendingImport';
  }

  /** DescribeKey's ValidTo: the earliest expiry of any version that is present. */
  validToOf(key: MKey): number | undefined {
    const dates = key.versions.flatMap((v) => (v.present && v.validTo !== undefined ? [v.validTo] : []));
    return dates.length === 0 ? undefined : Math.min(...dates);
  }

  // ---- multi-Region ----

  /** ReplicateKey: the replica is Creating, then Enabled, or PendingImport when its material is imported. */
  replicate(primary: MKey, region: Region, replica: Omit<MKey, 'state' | 'deleted' | 'versions' | 'rotation' | 'set'>): MKey {
    const set = primary.set!;
    // Imported material is imported into each member itself (the versions of other keys are not modelled).
    const key: MKey = { ...replica, state: 'Creating', deleted: false, versions: [], rotation: set.rotation, set };
    set.members.set(region, key);
    this.addKey(key);
    this.#add(this.now + TRANSIENT_MS, true, () => {
      if (!key.deleted && key.state === 'Creating') key.state = key.origin === 'EXTERNAL' ? 'PendingImport' : 'Enabled';
    });
    return key;
  }

  /** UpdatePrimaryRegion: both keys Updating; at the end the target is the primary and both are Enabled. */
  updatePrimary(primary: MKey, target: MKey): void {
    const set = primary.set!;
    // A second update while one runs redirects it: the replica it was heading to stops updating.
    const previous = set.updatingTo !== undefined && set.updatingTo !== target.region ? set.members.get(set.updatingTo) : undefined;
    if (previous?.state === 'Updating') previous.state = 'Enabled';
    set.updatingTo = target.region;
    for (const key of [primary, target]) if (key.state === 'Enabled') key.state = 'Updating';
    this.#add(this.now + TRANSIENT_MS, true, () => {
      if (set.updatingTo !== target.region || set.primaryRegion !== primary.region) return;
      set.primaryRegion = target.region;
      delete set.updatingTo;
      for (const key of [primary, target]) if (key.state === 'Updating') key.state = 'Enabled';
    });
  }

  // ---- the custom key stores ----

  storeKeys = (type: StoreType): MKey[] => this.live().filter((k) => k.origin === type);

  connect(type: StoreType): void {
    if (this.stores[type] !== 'DISCONNECTED') return;
    this.stores[type] = 'CONNECTING';
    this.#add(this.now + TRANSIENT_MS, true, () => {
      if (this.stores[type] !== 'CONNECTING') return;
      this.stores[type] = 'CONNECTED';
      for (const key of this.storeKeys(type)) {
        if (key.state !== 'Unavailable') continue;
        key.state = key.enabledWhenAvailable === false ? 'Disabled' : 'Enabled';
        delete key.enabledWhenAvailable;
      }
    });
  }

  /**
   * DisconnectCustomKeyStore: its keys become Unavailable and remember whether they were enabled.
   * A key pending deletion stays so (footnote 13); one already Unavailable (the store was still
   * connecting) keeps what it remembered: disconnecting never disables a key.
   */
  disconnect(type: StoreType): void {
    this.stores[type] = 'DISCONNECTED';
    for (const key of this.storeKeys(type)) {
      if (key.state !== 'Enabled' && key.state !== 'Disabled') continue;
      key.enabledWhenAvailable = key.state === 'Enabled';
      key.state = 'Unavailable';
    }
  }
}
