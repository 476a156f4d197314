import type { KeyPair } from '../crypto';
import type {
  KeyLastUsageTrackingOperation,
  KeySpec,
  KeyState,
  KeyUsageType,
  OriginType,
} from '@aws-sdk/client-kms';

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

/** One version of a key's material. `id` is what KMS reports as the key material ID. */
export interface KeyMaterial {
  readonly id: string;
  /** Raw secret for symmetric and HMAC keys; the seed the key pair is derived from for the others. */
  readonly secret: Uint8Array;
  /** The key pair derived from `secret`, once it has been (a cache: always the same pair). */
  keyPair?: KeyPair;
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
}

export interface AliasRecord {
  readonly aliasName: string;
  readonly aliasArn: string;
  targetKeyId: string;
  readonly creationDate: Date;
  lastUpdatedDate: Date;
}

/** The keys and aliases of one account in one region. */
export interface RegionState {
  readonly scope: Scope;
  readonly keys: Map<string, KeyRecord>;
  readonly aliases: Map<string, AliasRecord>;
}

/**
 * Accounts × regions, each created on first use; `reset()` empties all of them.
 * @internal
 */
export interface Store {
  region(scope: Scope): RegionState;
  regions(): Iterable<RegionState>;
  reset(): void;
}

export function createStore(): Store {
  const byScope = new Map<string, RegionState>();
  return {
    region(scope) {
      const id = `${scope.accountId}/${scope.region}`;
      let state = byScope.get(id);
      if (!state) {
        state = { scope, keys: new Map(), aliases: new Map() };
        byScope.set(id, state);
      }
      return state;
    },
    regions: () => byScope.values(),
    reset: () => byScope.clear(),
  };
}

export const keyArn = (scope: Scope, keyId: string) =>
  `arn:${scope.partition}:kms:${scope.region}:${scope.accountId}:key/${keyId}`;

export const aliasArn = (scope: Scope, aliasName: string) =>
  `arn:${scope.partition}:kms:${scope.region}:${scope.accountId}:${aliasName}`;
