import fc from 'fast-check';
import { DAY_MS } from '../support/client';
import type { Kind, Origin, StoreType } from './keyModel';

/**
 * The calls a model run is made of. Keys, aliases, grants and Regions are named by small
 * integers, resolved modulo what exists when the step runs, so every generated sequence is
 * runnable and shrinks well. Deleted keys stay addressable: calls on them must fail as not found.
 */

const KEY_OPS = [
  'EnableKey',
  'DisableKey',
  'CancelKeyDeletion',
  'Use',
  'EnableKeyRotation',
  'DisableKeyRotation',
  'GetKeyRotationStatus',
  'RotateKeyOnDemand',
  'DeleteImportedKeyMaterial',
  'CreateGrant',
  'TagResource',
  'UpdateKeyDescription',
  'ListKeyRotations',
] as const;

export type Step =
  | { op: 'CreateKey'; kind: Kind; origin: Origin; multiRegion: boolean; region: number }
  | { op: (typeof KEY_OPS)[number]; key: number }
  | { op: 'ScheduleKeyDeletion'; key: number; days: number }
  /** Imports the key's current material again (expiring after `validDays` or never), or new material for rotation. */
  | { op: 'Import'; key: number; validDays?: number | undefined; newMaterial: boolean }
  | { op: 'CreateAlias' | 'UpdateAlias'; alias: number; key: number }
  | { op: 'DeleteAlias'; alias: number; region: number }
  | { op: 'RetireGrant' | 'RevokeGrant'; grant: number }
  | { op: 'ReplicateKey' | 'UpdatePrimaryRegion'; key: number; region: number }
  | { op: 'ConnectCustomKeyStore' | 'DisconnectCustomKeyStore'; store: StoreType }
  | { op: 'Settle' }
  | { op: 'AdvanceTime'; ms: number };

const index = fc.nat({ max: 15 });
const region = fc.nat({ max: 2 });

/** Key kinds by origin: imported material for symmetric keys; custom key stores hold symmetric keys only. */
const createKey: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    op: fc.constant('CreateKey' as const),
    kind: fc.constantFrom<Kind>('SYMMETRIC', 'HMAC', 'ECC'),
    origin: fc.constant<Origin>('AWS_KMS'),
    multiRegion: fc.boolean(),
    region,
  }),
  fc.record({ op: fc.constant('CreateKey' as const), kind: fc.constant<Kind>('SYMMETRIC'), origin: fc.constant<Origin>('EXTERNAL'), multiRegion: fc.boolean(), region }),
  fc.record({ op: fc.constant('CreateKey' as const), kind: fc.constant<Kind>('SYMMETRIC'), origin: fc.constantFrom<Origin>('AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE'), multiRegion: fc.constant(false), region: fc.constant(0) }),
);

/** From a tenth of a transient state to a month: transient ends, waiting periods, deletions. */
const advance = fc.constantFrom(100, 300, DAY_MS, 7 * DAY_MS, 8 * DAY_MS, 30 * DAY_MS);

const groups = {
  createKey,
  createStoreKey: createKey.filter((step) => step.op === 'CreateKey' && step.origin !== 'AWS_KMS' && step.origin !== 'EXTERNAL'),
  createMultiRegionKey: createKey.filter((step) => step.op === 'CreateKey' && step.multiRegion),
  keyOp: fc.record({ op: fc.constantFrom(...KEY_OPS), key: index }),
  lifecycle: fc.record({ op: fc.constantFrom('EnableKey' as const, 'DisableKey' as const, 'CancelKeyDeletion' as const, 'Use' as const), key: index }),
  schedule: fc.record({ op: fc.constant('ScheduleKeyDeletion' as const), key: index, days: fc.integer({ min: 7, max: 30 }) }),
  importMaterial: fc.oneof(
    fc.record({ op: fc.constant('Import' as const), key: index, validDays: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }), newMaterial: fc.constant(false) }),
    fc.record({ op: fc.constant('Import' as const), key: index, newMaterial: fc.constant(true) }),
  ),
  alias: fc.record({ op: fc.constantFrom('CreateAlias' as const, 'UpdateAlias' as const), alias: index, key: index }),
  deleteAlias: fc.record({ op: fc.constant('DeleteAlias' as const), alias: index, region }),
  endGrant: fc.record({ op: fc.constantFrom('RetireGrant' as const, 'RevokeGrant' as const), grant: index }),
  multiRegion: fc.record({ op: fc.constantFrom('ReplicateKey' as const, 'UpdatePrimaryRegion' as const), key: index, region }),
  store: fc.record({ op: fc.constantFrom('ConnectCustomKeyStore' as const, 'DisconnectCustomKeyStore' as const), store: fc.constantFrom<StoreType>('AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE') }),
  advance: fc.record({ op: fc.constant('AdvanceTime' as const), ms: advance }),
  settle: fc.record({ op: fc.constant('Settle' as const) }),
} satisfies Record<string, fc.Arbitrary<Step>>;

type Profile = Partial<Record<keyof typeof groups, number>>;

/**
 * Each run draws its steps with one of these weightings: a mix of everything, and two that
 * dwell on the custom key store and on multi-Region keys, whose states need several calls in a
 * row (disconnect, connect, disconnect again; replicate, update the primary, delete replicas).
 */
const PROFILES: Profile[] = [
  { createKey: 4, keyOp: 10, importMaterial: 2, schedule: 2, alias: 2, deleteAlias: 1, endGrant: 1, multiRegion: 4, store: 2, advance: 3, settle: 1 },
  { createStoreKey: 3, lifecycle: 6, schedule: 2, store: 6, advance: 2, settle: 1, alias: 1, keyOp: 2 },
  { createMultiRegionKey: 3, multiRegion: 8, lifecycle: 3, schedule: 3, keyOp: 4, importMaterial: 2, advance: 3, settle: 1, alias: 1 },
];

const stepsOf = (profile: Profile, maxLength: number): fc.Arbitrary<Step[]> =>
  fc.array(
    fc.oneof(...Object.entries(profile).map(([group, weight]) => ({ weight, arbitrary: groups[group as keyof typeof groups] }))),
    { minLength: 10, maxLength, size: 'max' },
  );

/** A run's steps: up to `maxLength` calls, drawn with one of the profiles. */
export const runArbitrary = (maxLength: number): fc.Arbitrary<Step[]> => fc.oneof(...PROFILES.map((p) => stepsOf(p, maxLength)));
