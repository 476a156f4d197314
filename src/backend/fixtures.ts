import type { KeySpec, KeyUsageType, Tag } from '@aws-sdk/client-kms';
import { KmsError, usageError } from '../errors';
import { parseKeyPolicy } from './access/policyDocument';
import { DAY_MS } from './clock';
import { scheduleDeletion } from './deletion';
import { deriveBytes } from './entropy';
import { isSymmetricSpec, KEY_SPECS, materialBytes, specInfo } from './keySpecs';
import { enterDeclaredState, initialState, isPendingDeletion, type DeclarableState } from './keyStates';
import type { Core } from './core';
import { defaultKeyPolicy } from './keyPolicy';
import { KEY_ID_PATTERN } from './resolveKey';
import { aliasArn, keyArn, PENDING_WINDOW_DAYS, scopeOf, type KeyRecord, type RegionState } from './store';

/** One declared key. Everything but `keyId` has AWS's default. */
export interface FixtureKey {
  /** A key ID as KMS makes them (UUID, or `mrk-` + 32 hex digits with `multiRegion`). */
  keyId: string;
  region?: string;
  keySpec?: KeySpec;
  /** Required for every spec but SYMMETRIC_DEFAULT, as in CreateKey. */
  keyUsage?: KeyUsageType;
  /** `EXTERNAL` declares a key awaiting imported material (PendingImport). */
  origin?: 'AWS_KMS' | 'EXTERNAL';
  state?: DeclarableState;
  description?: string;
  tags?: Record<string, string> | Tag[];
  /** A JSON policy document (string or object); default: KMS's default key policy. */
  policy?: string | object;
  aliases?: string[];
  multiRegion?: boolean;
  /** ISO date; default: the fake clock's time at load. */
  creationDate?: string;
  /** ISO date for keys declared PendingDeletion; default: 30 days after load. */
  deletionDate?: string;
}

/** A set of declared keys, from code or from a JSON/YAML file. */
export interface Fixture {
  /** Key material derives from this seed and each key ID, so ciphertexts stay valid across runs. */
  seed?: string;
  accountId?: string;
  /** Region of keys that name none. */
  region?: string;
  keys: FixtureKey[];
}

const DEFAULT_FIXTURE_SEED = 'kms-fake-fixture';

/**
 * Adds the fixture's keys and aliases to the store, exactly as CreateKey and CreateAlias would.
 * All or nothing: every declared key is built and checked before the first one is stored.
 */
export function loadFixture(core: Core, fixture: Fixture, defaults: { accountId: string; region: string; seed?: string }): void {
  if (!fixture || !Array.isArray(fixture.keys)) throw usageError('fixture: expected an object with a "keys" array');
  if (fixture.accountId !== undefined && fixture.accountId !== defaults.accountId) {
    throw usageError(`fixture: accountId ${fixture.accountId} is not this fake's account (${defaults.accountId}); pass it as the accountId option`);
  }
  const seed = fixture.seed ?? defaults.seed ?? DEFAULT_FIXTURE_SEED;
  const now = core.clock.now();
  const planned = fixture.keys.map((declared) => {
    const scope = scopeOf(defaults.accountId, declared.region ?? fixture.region ?? defaults.region);
    return { declared, scope, key: keyOf(declared, core.store.region(scope), seed, now) };
  });
  const taken = new Set<string>();
  for (const { declared, scope, key } of planned) {
    const region = core.store.region(scope);
    const id = `${scope.region}/${key.keyId}`;
    if (region.keys.has(key.keyId) || taken.has(id)) throw usageError(`fixture: key ${key.keyId} is declared twice in ${scope.region}`);
    taken.add(id);
    for (const name of declared.aliases ?? []) {
      if (!name.startsWith('alias/') || region.aliases.has(name) || taken.has(`${scope.region}/${name}`)) {
        throw usageError(`fixture: alias ${name} is invalid or taken`);
      }
      taken.add(`${scope.region}/${name}`);
    }
  }
  for (const { declared, scope, key } of planned) {
    const region = core.store.region(scope);
    region.keys.set(key.keyId, key);
    // Declared keys have no rotation, expiry or transient state: a declared deletion is all that falls due.
    scheduleDeletion(core, region, key);
    for (const name of declared.aliases ?? []) {
      region.aliases.set(name, { aliasName: name, aliasArn: aliasArn(scope, name), targetKeyId: key.keyId, creationDate: now, lastUpdatedDate: now });
    }
  }
}

/** A declared ISO date, or a usage error naming the field. */
function dateOf(value: string, field: string, keyId: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw usageError(`fixture: ${keyId}: ${field} ${value} is not a date`);
  return date;
}

function keyOf(declared: FixtureKey, region: RegionState, seed: string, now: Date): KeyRecord {
  const { keyId } = declared;
  const { scope } = region;
  if (typeof keyId !== 'string' || !KEY_ID_PATTERN.test(keyId)) throw usageError(`fixture: invalid keyId ${String(keyId)}`);
  if ((declared.multiRegion === true) !== keyId.startsWith('mrk-')) throw usageError(`fixture: ${keyId}: mrk- IDs are for multiRegion keys only`);
  const keySpec = declared.keySpec ?? 'SYMMETRIC_DEFAULT';
  if (!KEY_SPECS.includes(keySpec)) throw usageError(`fixture: ${keyId}: unknown keySpec ${keySpec}`);
  const keyUsage = declared.keyUsage ?? (isSymmetricSpec(keySpec) ? 'ENCRYPT_DECRYPT' : undefined);
  if (!keyUsage || !(keyUsage in specInfo(keySpec).usages)) throw usageError(`fixture: ${keyId}: keyUsage ${String(keyUsage)} does not fit ${keySpec}`);
  const origin = declared.origin ?? (declared.state && initialState(false) === declared.state ? 'EXTERNAL' : 'AWS_KMS');
  const hasMaterial = origin !== 'EXTERNAL';
  const key: KeyRecord = {
    keyId,
    arn: keyArn(scope, keyId),
    accountId: scope.accountId,
    region: scope.region,
    creationDate: declared.creationDate ? dateOf(declared.creationDate, 'creationDate', keyId) : now,
    keySpec,
    keyUsage,
    origin,
    multiRegion: declared.multiRegion === true,
    state: initialState(hasMaterial),
    description: declared.description ?? '',
    policy: policyText(declared.policy, region, keyId),
    tags: new Map(Array.isArray(declared.tags) ? declared.tags.map((t) => [t.TagKey ?? '', t.TagValue ?? '']) : Object.entries(declared.tags ?? {})),
    materials: hasMaterial
      ? [
          {
            id: Buffer.from(deriveBytes(seed, `${keyId}:material-id:0`, 32)).toString('hex'),
            secret: deriveBytes(seed, `${keyId}:material:0`, materialBytes(keySpec)),
          },
        ]
      : [],
  };
  applyState(key, declared, now);
  return key;
}

function applyState(key: KeyRecord, declared: FixtureKey, now: Date): void {
  if (declared.state && enterDeclaredState(key, declared.state) === 'materialMismatch') {
    throw usageError(`fixture: ${key.keyId}: PendingImport goes with origin EXTERNAL, and only with it`);
  }
  if (isPendingDeletion(key)) {
    key.deletionDate = declared.deletionDate ? dateOf(declared.deletionDate, 'deletionDate', key.keyId) : new Date(now.getTime() + PENDING_WINDOW_DAYS.default * DAY_MS);
    key.pendingWindowInDays = PENDING_WINDOW_DAYS.default;
  }
}

/** A declared policy is validated as CreateKey would (not the lockout check): an invalid one would fail every call on the key under enforcement. */
function policyText(policy: string | object | undefined, region: RegionState, keyId: string): string {
  if (policy === undefined) return defaultKeyPolicy(region);
  const text = typeof policy === 'string' ? policy : JSON.stringify(policy, null, 2);
  try {
    parseKeyPolicy(text);
  } catch (error) {
    if (!(error instanceof KmsError)) throw error;
    throw usageError(`fixture: ${keyId}: policy is not a valid key policy (${error.code}${error.wireMessage ? `: ${error.wireMessage}` : ''})`);
  }
  return text;
}
