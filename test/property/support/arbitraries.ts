import fc from 'fast-check';
import type { Shape } from '../../../src/backend/shapes';
import type { Pools } from './world';

/**
 * Generated member values. Each member mixes values from the world's pools (so calls reach
 * deep paths), values the declared shape accepts, values at and one past each limit, odd
 * Unicode, huge values and values of any JSON type that ignore the shape. Members the fake
 * declares no shape for (the SDK models more) get pool values and random JSON only.
 */

/** Strings that have broken parsers, renderers and length counts elsewhere. */
export const ODD_STRINGS = [
  '',
  ' ',
  '\uD800',
  'a\uDC00b',
  'a\u0000b',
  '\u202Eevil\u202C',
  '\u200F\u200E',
  '😀',
  '👩‍👩‍👧‍👦'.repeat(3),
  'e\u0301\u0301\u0301',
  'Z̸̡̛̖͎̀a̷l̶g̴o̵',
  '\uFEFF',
  '\r\n\t',
  '%00',
  '../../etc/passwd',
  '${jndi:x}',
  '__proto__',
  'constructor',
  'toString',
  'null',
  'undefined',
  '{}',
  'NaN',
];

const HUGE = 300_000;

const pick = <T>(values: readonly T[]): fc.Arbitrary<T> => (values.length > 0 ? fc.constantFrom(...values) : fc.constant(undefined as T));

/** Key references that are not the home region's keys: other regions, accounts, partitions, malformed. */
const MALFORMED_KEY_REFS = [
  'arn:aws:kms:us-east-1:111122223333:key/',
  'arn:aws:kms::111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  'arn:aws:kms:us-east-1:111122223333:alias/',
  'arn:aws:kms:us-east-1:111122223333:alias/missing',
  'arn:aws:kms:us-east-1:111122223333',
  'arn:aws:kms',
  'arn:',
  'alias/',
  'alias/aws/ebs',
  'alias/missing',
  'mrk-1234abcd12ab34cd56ef1234567890ab',
  '1234abcd-12ab-34cd-56ef-1234567890ab',
  'key/1234abcd-12ab-34cd-56ef-1234567890ab',
  'arn:aws:iam::111122223333:role/x',
];

/** Extra values by member name: what a caller would put there. */
function poolFor(name: string, p: Pools): fc.Arbitrary<unknown> | undefined {
  const keyRef = fc.oneof(
    { arbitrary: pick(p.keyRefs), weight: 8 },
    { arbitrary: pick(p.foreignKeyRefs), weight: 2 },
    { arbitrary: pick(MALFORMED_KEY_REFS), weight: 2 },
    { arbitrary: fc.uuid(), weight: 1 },
  );
  const grantToken = fc.oneof(pick(p.grantTokens), fc.constantFrom('bogus', 'a'.repeat(8193)));
  const byName: Record<string, fc.Arbitrary<unknown>> = {
    KeyId: keyRef,
    TargetKeyId: keyRef,
    SourceKeyId: keyRef,
    DestinationKeyId: keyRef,
    AliasName: fc.oneof(pick(p.aliasNames), fc.constantFrom('alias/new-one', 'alias/aws/new', 'alias/', 'new-one', `alias/${'a'.repeat(250)}`, 'alias/with space')),
    GrantId: fc.oneof(pick(p.grantIds), fc.constantFrom('0'.repeat(64), 'bogus')),
    GrantToken: grantToken,
    GrantTokens: fc.array(grantToken, { maxLength: 3 }),
    CustomKeyStoreId: fc.oneof(pick(p.storeIds), fc.constantFrom('cks-1234567890abcdef0', 'cks-')),
    CustomKeyStoreName: fc.oneof(pick(p.storeNames), fc.constant('a-new-store')),
    NewCustomKeyStoreName: fc.oneof(pick(p.storeNames), fc.constant('a-new-store')),
    Marker: pick(p.markers),
    Policy: pick(p.policies),
    ReplicaRegion: pick(p.regions),
    PrimaryRegion: pick(p.regions),
    GranteePrincipal: pick(p.principals),
    RetiringPrincipal: pick(p.principals),
    CiphertextBlob: pick(p.ciphertexts),
    SharedSecretCiphertextBlob: pick(p.ciphertexts),
    Signature: pick(p.signatures),
    Mac: pick(p.macs),
    Message: pick(p.messages),
    Plaintext: pick(p.messages),
    PublicKey: pick(p.publicKeys),
    ImportToken: pick(p.importTokens),
    EncryptedKeyMaterial: pick(p.wrappedMaterial),
    EncryptionContext: pick(p.contexts),
    SourceEncryptionContext: pick(p.contexts),
    DestinationEncryptionContext: pick(p.contexts),
  };
  return byName[name];
}

/** A value of any JSON type (and bytes and dates), ignoring the member's shape. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.uint8Array({ maxLength: 8 }),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 0.5, 1e308, -0),
);

/**
 * How a generated input treats its members: `plausible` keeps to the world's values and the
 * declared shapes (so calls get past validation to lookups, key states and crypto); `hostile`
 * also sends edge values and values of any type.
 */
export type Mode = 'plausible' | 'hostile';

/**
 * Members that name one of the world's keys and values that fit it (the algorithms it offers, its
 * import parameters), so a call can succeed (or fail deep inside: key state, material,
 * ciphertext) rather than on a mismatch.
 */
export function keyCoherent(pools: Pools, operationMembers: readonly string[]): fc.Arbitrary<Record<string, fc.Arbitrary<unknown>>> {
  // Keys that can fill every member of the operation some key can fill (Decrypt: a key that made a ciphertext).
  const fillable = operationMembers.filter((m) => pools.keys.some((k) => (k.members[m]?.length ?? 0) > 0));
  const fitting = pools.keys.filter((k) => fillable.every((m) => (k.members[m]?.length ?? 0) > 0));
  const key = fitting.length > 0 ? fc.oneof({ arbitrary: pick(fitting), weight: 3 }, { arbitrary: pick(pools.keys), weight: 1 }) : pick(pools.keys);
  return key.map(({ refs, members }) => {
    const ref = pick(refs);
    const chosen: Record<string, fc.Arbitrary<unknown>> = { KeyId: ref, SourceKeyId: ref, DestinationKeyId: ref, TargetKeyId: ref };
    for (const [member, values] of Object.entries(members)) if (values.length > 0) chosen[member] = pick(values);
    return chosen;
  });
}

/** A value for one member, by its declared shape (if the fake declares one) and its name. */
export function memberValue(name: string, shape: Shape | undefined, pools: Pools, mode: Mode): fc.Arbitrary<unknown> {
  const parts: fc.WeightedArbitrary<unknown>[] = [];
  const pool = poolFor(name, pools);
  if (pool) parts.push({ arbitrary: pool, weight: 6 });
  if (shape) parts.push({ arbitrary: valid(shape, pools, mode), weight: 4 });
  if (mode === 'hostile' || parts.length === 0) parts.push({ arbitrary: anyValue, weight: 1 });
  if (mode === 'hostile' && shape) parts.push({ arbitrary: edge(shape), weight: 2 });
  return fc.oneof(...parts);
}

/** Values the shape accepts (enums, lengths and ranges inside their bounds). */
function valid(shape: Shape, pools: Pools, mode: Mode): fc.Arbitrary<unknown> {
  switch (shape.type) {
    case 'string':
      if (shape.enum) return fc.constantFrom(...shape.enum);
      return fc.string({ minLength: shape.min ?? 0, maxLength: Math.min(shape.max ?? 40, (shape.min ?? 0) + 40), unit: 'grapheme-ascii' });
    case 'integer':
      return fc.integer({ min: shape.min ?? -1000, max: shape.max ?? 1000 });
    case 'boolean':
      return fc.boolean();
    case 'blob':
      return fc.uint8Array({ minLength: shape.min ?? 0, maxLength: Math.min(shape.max ?? 64, (shape.min ?? 0) + 64) });
    case 'timestamp':
      return fc.date({ min: new Date(0), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true });
    case 'list':
      return fc.array(memberValue('', shape.member, pools, mode), { minLength: shape.min ?? 0, maxLength: Math.min(shape.max ?? 4, 4) });
    case 'map':
      return fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), pick(ODD_STRINGS)), fc.string({ maxLength: 8 }), { maxKeys: 3 });
    case 'structure':
      return structure(shape.members, pools, mode);
  }
}

/** Values at and one past each limit, odd Unicode, and huge values. */
function edge(shape: Shape): fc.Arbitrary<unknown> {
  const lengths = (min = 0, max?: number) => [min, min - 1, ...(max === undefined ? [] : [max, max + 1])].filter((n) => n >= 0);
  switch (shape.type) {
    case 'string': {
      const enumOdd = shape.enum ? [shape.enum[0]!.toLowerCase(), ` ${shape.enum[0]}`] : [];
      return fc.constantFrom(...lengths(shape.min, shape.max).map((n) => 'a'.repeat(n)), ...ODD_STRINGS, ...enumOdd, '😀'.repeat(shape.max ?? 4), 'x'.repeat(HUGE));
    }
    case 'integer':
      return fc.constantFrom(...[shape.min, shape.max].flatMap((n) => (n === undefined ? [] : [n - 1, n, n + 1])), 0, -1, 2 ** 31, 2 ** 53, 1.5);
    case 'blob':
      return fc.oneof(fc.constantFrom(...lengths(shape.min, shape.max), HUGE).map((n) => new Uint8Array(n).fill(0x61)));
    case 'list':
      return fc.constantFrom(...lengths(shape.min, shape.max ?? 20)).map((n) => Array.from({ length: n }, () => 'a'));
    case 'map':
      return fc.constantFrom({ '': '' }, define({}, '__proto__', 'x'), Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, 'v'])), { k: 'x'.repeat(HUGE) });
    case 'timestamp':
      // Epoch seconds past any date travel only as raw numbers (the SDK's Date cannot hold them).
      return fc.constantFrom(new Date(-8.64e15), new Date(8.64e15), new Date(0), new Date(Number.NaN), 8.64e12 + 1, -1e308, 1e308);
    case 'boolean':
      return fc.constantFrom('true', 0, 1);
    case 'structure':
      return fc.constant({});
  }
}

/**
 * An input object. Plausible: every required member, optional ones now and then, none the fake
 * declares no shape for. Hostile: any member may be missing, and unknown members come now and then.
 * `chosen` members take their values from the given arbitraries instead (and, plausible, are always sent).
 */
export function structure(
  members: Readonly<Record<string, Shape | undefined>>,
  pools: Pools,
  mode: Mode,
  chosen: Readonly<Record<string, fc.Arbitrary<unknown>>> = {},
): fc.Arbitrary<Record<string, unknown>> {
  const entries = Object.entries(members).map(([name, shape]) => {
    const value = (chosen[name] ?? memberValue(name, shape, pools, mode)).map((v) => [name, v] as const);
    if (mode === 'plausible' && (shape?.required || name in chosen)) return value;
    if (mode === 'plausible' && !shape) return fc.constant(undefined);
    // An optional member comes in one plausible call in three (each one can send the call down another path).
    if (mode === 'plausible') return fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary: value, weight: 1 });
    return fc.option(value, { nil: undefined, freq: shape?.required ? 10 : 2 });
  });
  const extra = fc.dictionary(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('__proto__', 'constructor')), anyValue, { maxKeys: 2 });
  const unknown = mode === 'hostile' ? fc.option(extra, { freq: 6 }) : fc.constant(null);
  return fc.tuple(fc.tuple(...entries), unknown).map(([present, extra]) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(extra ?? {})) if (!(k in members)) define(out, k, v);
    for (const entry of present) if (entry) define(out, entry[0], entry[1]);
    return out;
  });
}

/** A plain property even for `__proto__`, as a JSON body would carry it. */
function define(o: Record<string, unknown>, k: string, v: unknown): Record<string, unknown> {
  return Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}
