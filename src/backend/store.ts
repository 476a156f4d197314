import type { KeyPair } from '../crypto';
import type {
  ConnectionStateType,
  GrantConstraints,
  GrantOperation,
  CustomKeyStoreType,
  ExpirationModelType,
  KeySpec,
  KeyState,
  KeyUsageType,
  OriginType,
  WrappingKeySpec,
  XksProxyConnectivityType,
} from '@aws-sdk/client-kms';
import { IndexedMap } from './indexedMap';
import type { KeyLastUsageTrackingOperation, RotationType } from './newerSdkTypes';

/** Where a request lands: one account and one region of the fake. */
export interface Scope {
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
}

/** ARN partition of a region, as the SDK's partition table groups them. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  return 'aws';
}

/** The scope of one account in one region (its partition follows from the region). */
export const scopeOf = (accountId: string, region: string): Scope => ({ accountId, region, partition: partitionOf(region) });

/** ScheduleKeyDeletion's waiting period in days (API Reference: 7–30, default 30); keys scheduled otherwise wait the default. */
export const PENDING_WINDOW_DAYS = { min: 7, max: 30, default: 30 } as const;

/** One version of a key's material. `id` is what KMS reports as the key material ID. */
export interface KeyMaterial {
  readonly id: string;
  /** Raw secret for symmetric and HMAC keys; the seed the key pair is derived from for the others. */
  readonly secret: Uint8Array;
  /** The key pair derived from `secret`, once it has been (a cache: always the same pair). */
  keyPair?: KeyPair;
  /** Set on every version after the first: when and how it became current. */
  readonly rotated?: { readonly date: Date; readonly type: RotationType };
  /** Set on imported versions: `secret` is empty while `present` is false (deleted or expired). */
  readonly imported?: ImportedMaterial;
}

/** What an import recorded about one version of imported key material (API Reference: ImportKeyMaterial). */
export interface ImportedMaterial {
  readonly present: boolean;
  readonly expirationModel: ExpirationModelType;
  readonly validTo?: Date;
  readonly description?: string;
}

/** One GetParametersForImport answer: a wrapping key pair and the token that names it. */
export interface ImportParameters {
  /** The token's bytes, hex. */
  readonly token: string;
  readonly wrappingAlgorithm: string;
  readonly wrappingKeySpec: WrappingKeySpec;
  readonly wrappingKey: KeyPair;
  readonly validTo: Date;
}

/** Rotation settings and progress of a symmetric encryption key (API Reference: GetKeyRotationStatus). */
export interface KeyRotation {
  /** Present while automatic rotation is enabled. */
  automatic?: { periodInDays: number; nextRotationDate: Date };
  onDemandRotations: number;
  /** Imported material waiting for RotateKeyOnDemand (KeyMaterialState PENDING_ROTATION). */
  pendingMaterial?: KeyMaterial;
}

export interface KeyUsageRecord {
  readonly operation: KeyLastUsageTrackingOperation;
  readonly timestamp: Date;
  readonly requestId: string;
}

/** A KMS key as the fake stores it. Only `keyStates.ts` writes `state`. */
export interface KeyRecord {
  readonly keyId: string;
  readonly arn: string;
  readonly accountId: string;
  readonly region: string;
  readonly creationDate: Date;
  readonly keySpec: KeySpec;
  readonly keyUsage: KeyUsageType;
  readonly origin: OriginType;
  readonly multiRegion: boolean;
  state: KeyState;
  description: string;
  policy: string;
  tags: Map<string, string>;
  /** Oldest first; the last one is current. Empty until material exists (e.g. origin EXTERNAL). */
  materials: KeyMaterial[];
  deletionDate?: Date;
  pendingWindowInDays?: number;
  lastUsage?: KeyUsageRecord;
  rotation?: KeyRotation;
  /** Outstanding GetParametersForImport answers (origin EXTERNAL only). */
  importParameters?: ImportParameters[];
  /** Multi-Region keys: the set as this member sees it (the same immutable value on every member). */
  multiRegionSet?: MultiRegionSet;
  /** Keys in a custom key store: the store, and for external stores the external key's ID. */
  readonly customKeyStoreId?: string;
  cloudHsmClusterId?: string;
  xksKeyId?: string;
  /** While `Unavailable`: whether EnableKey/DisableKey asked for the key to be enabled once available. */
  enabledWhenAvailable?: boolean;
}

/** The members of a multi-Region key set, by region. Replaced, never mutated, so snapshots may share it. */
export interface MultiRegionSet {
  readonly primaryRegion: string;
  readonly regions: readonly string[];
  /** While UpdatePrimaryRegion is in progress: the region of the new primary. */
  readonly updatingTo?: string;
}

/** One custom key store (API Reference: CustomKeyStoresListEntry). */
export interface CustomKeyStoreRecord {
  readonly id: string;
  name: string;
  readonly type: CustomKeyStoreType;
  readonly creationDate: Date;
  connectionState: ConnectionStateType;
  cloudHsmClusterId?: string;
  trustAnchorCertificate?: string;
  keyStorePassword?: string;
  xks?: XksProxySettings;
}

/** An external key store's proxy settings (API Reference: XksProxyConfigurationType). */
export interface XksProxySettings {
  uriEndpoint: string;
  uriPath: string;
  connectivity: XksProxyConnectivityType;
  accessKeyId: string;
  secret: string;
  vpcEndpointServiceName?: string;
  vpcEndpointServiceOwner?: string;
}

/** Immutable once stored (the region indexes aliases by target): UpdateAlias stores a new record. */
export interface AliasRecord {
  readonly aliasName: string;
  readonly aliasArn: string;
  readonly targetKeyId: string;
  readonly creationDate: Date;
  readonly lastUpdatedDate: Date;
}

/**
 * One grant on one key (API Reference: GrantListEntry). Recorded state only: the fake models no
 * authorization, so a grant permits nothing. Grants belong to one key in one region; replicas
 * have their own.
 */
export interface GrantRecord {
  readonly grantId: string;
  readonly keyId: string;
  readonly creationDate: Date;
  readonly name?: string;
  readonly granteePrincipal?: string;
  readonly granteeServicePrincipal?: string;
  readonly retiringPrincipal?: string;
  readonly retiringServicePrincipal?: string;
  readonly operations: readonly GrantOperation[];
  /** As CreateGrant received them (API Reference: GrantConstraints); never mutated. */
  readonly constraints?: GrantConstraints;
  /** Every token CreateGrant issued for this grant (a repeated CreateGrant with its Name adds one). */
  readonly tokens: string[];
}

/**
 * The keys, aliases and grants of one account in one region. Keys and aliases are kept in name
 * order for paging; aliases are grouped by target key, keys by custom key store, grants by key and
 * by retiring principal, so nothing that concerns one key or principal walks the whole region.
 */
export interface RegionState {
  readonly scope: Scope;
  readonly keys: IndexedMap<KeyRecord, 'store'>;
  readonly aliases: IndexedMap<AliasRecord, 'target'>;
  readonly customKeyStores: IndexedMap<CustomKeyStoreRecord>;
  /** By grant ID. */
  readonly grants: IndexedMap<GrantRecord, 'key' | 'retiring'>;
  /** KMS's default key policy here, once made: one string for every key that has it (keyPolicy.ts). */
  defaultPolicy?: string;
}

/** The group of a grant's retiring principal or retiring service principal, as ListRetirableGrants names them. */
export const retiringGroup = (principal: { RetiringPrincipal?: string | undefined; RetiringServicePrincipal?: string | undefined }): string | undefined =>
  principal.RetiringPrincipal !== undefined ? `principal:${principal.RetiringPrincipal}`
  : principal.RetiringServicePrincipal !== undefined ? `service:${principal.RetiringServicePrincipal}`
  : undefined;

function emptyRegion(scope: Scope): RegionState {
  return {
    scope,
    keys: new IndexedMap<KeyRecord, 'store'>({ store: (k) => k.customKeyStoreId }),
    aliases: new IndexedMap<AliasRecord, 'target'>({ target: (a) => a.targetKeyId }),
    customKeyStores: new IndexedMap<CustomKeyStoreRecord>({}),
    grants: new IndexedMap<GrantRecord, 'key' | 'retiring'>({
      key: (g) => g.keyId,
      retiring: (g) => retiringGroup({ RetiringPrincipal: g.retiringPrincipal, RetiringServicePrincipal: g.retiringServicePrincipal }),
    }),
  };
}

/**
 * Accounts × regions, each created on first use; `reset()` empties all of them.
 * @internal
 */
export interface Store {
  region(scope: Scope): RegionState;
  regions(): Iterable<RegionState>;
  reset(): void;
  /** Tells `observer` of every region there is and will be, and of each `reset()` (a state directory records them). */
  watch(observer: StoreObserver): void;
}

/** @internal What a state directory hears of a store. */
export interface StoreObserver {
  regionCreated(region: RegionState): void;
  reset(): void;
}

export function createStore(): Store {
  const byScope = new Map<string, RegionState>();
  let observer: StoreObserver | undefined;
  return {
    region(scope) {
      const id = `${scope.accountId}/${scope.region}`;
      let state = byScope.get(id);
      if (!state) {
        state = emptyRegion(scope);
        byScope.set(id, state);
        observer?.regionCreated(state);
      }
      return state;
    },
    regions: () => byScope.values(),
    reset: () => {
      byScope.clear();
      observer?.reset();
    },
    watch(given) {
      observer = given;
      for (const region of byScope.values()) given.regionCreated(region);
    },
  };
}

/** The account root, the principal KMS names for an account (key policies, grants, call history). */
export const rootPrincipal = (scope: Pick<Scope, 'partition' | 'accountId'>) => `arn:${scope.partition}:iam::${scope.accountId}:root`;

export const keyArn = (scope: Scope, keyId: string) =>
  `arn:${scope.partition}:kms:${scope.region}:${scope.accountId}:key/${keyId}`;

export const aliasArn = (scope: Scope, aliasName: string) =>
  `arn:${scope.partition}:kms:${scope.region}:${scope.accountId}:${aliasName}`;
