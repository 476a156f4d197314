import type { Core } from '../core';
import type { IndexedMap } from '../indexedMap';
import { defaultKeyPolicy } from '../keyPolicy';
import { scopeOf, type KeyRecord, type RegionState, type Scope } from '../store';
import { decode, encode, UnreadableRecord } from './codec';

/**
 * The entries of a state directory's files, one per record of the store: JSON arrays
 * `[map, scope, name, digest, record]`, `[map, scope, name]` for a record that is gone, and
 * `["meta", meta]` for what lives outside the store (the fake clock's offset, the place in a
 * seeded random stream). The digest is that of the record's text, kept to tell a changed record
 * from one only read.
 * @internal
 */

/** The maps of a region whose records are stored, one record per name. */
export const MAP_NAMES = ['keys', 'aliases', 'grants', 'customKeyStores'] as const satisfies readonly (keyof RegionState)[];
export type MapName = (typeof MAP_NAMES)[number];

/** What the state holds beside the store's records. */
export interface Meta {
  readonly clockOffset: number;
  /** Bytes drawn from a seeded random stream, so IDs after a restart continue the stream instead of repeating it. */
  readonly entropyDrawn?: number;
}

export const mapOf = (region: RegionState, name: MapName): IndexedMap<unknown, string> => region[name] as unknown as IndexedMap<unknown, string>;

export const scopeIdOf = (scope: Scope): string => `${scope.accountId}/${scope.region}`;

const isMapName = (name: unknown): name is MapName => MAP_NAMES.includes(name as MapName);

/**
 * A record's text. A key with KMS's default policy (most keys) leaves it out (`null`): it is the
 * region's one string (keyPolicy.ts), and a third of the key's text.
 */
export function recordText(region: RegionState, map: MapName, record: unknown): string {
  if (map === 'keys' && (record as KeyRecord).policy === defaultKeyPolicy(region)) return encode({ ...(record as KeyRecord), policy: null });
  return encode(record);
}

/** A record's entry, around the record's text as `recordText` made it. */
export const recordEntry = (map: MapName, scopeId: string, name: string, recordDigest: string, recordText: string): string =>
  `${JSON.stringify([map, scopeId, name, recordDigest]).slice(0, -1)},${recordText}]`;

export const removalEntry = (map: MapName, scopeId: string, name: string): string => JSON.stringify([map, scopeId, name]);

export const metaEntry = (meta: Meta): string => `["meta",${encode(meta)}]`;

/** What a state directory remembers of each stored record: its digest, by scope, map and name. */
export type Digests = Map<string, Map<MapName, Map<string, string>>>;

export function digestsOf(digests: Digests, scopeId: string, map: MapName): Map<string, string> {
  let byMap = digests.get(scopeId);
  if (!byMap) digests.set(scopeId, (byMap = new Map<MapName, Map<string, string>>()));
  let byName = byMap.get(map);
  if (!byName) byMap.set(map, (byName = new Map<string, string>()));
  return byName;
}

/** Thrown for an entry that does not have the shape of one (the line checked out, so a bug or a hand edit). */
const malformed = () => new UnreadableRecord('an entry of unknown shape');

/**
 * Puts one entry's record (or its removal) into the store, or returns the meta it holds.
 * `line` is a checked line of a file: a list of entries (journal) or one entry (snapshot).
 */
export function applyEntry(core: Core, digests: Digests, entry: unknown): Meta | undefined {
  if (!Array.isArray(entry)) throw malformed();
  const [map, scopeId, name, recordDigest, record] = entry as unknown[];
  if (map === 'meta') return scopeId as Meta;
  if (!isMapName(map) || typeof scopeId !== 'string' || typeof name !== 'string') throw malformed();
  const [accountId, regionName] = scopeId.split('/');
  if (accountId === undefined || regionName === undefined) throw malformed();
  const region = core.store.region(scopeOf(accountId, regionName));
  const known = digestsOf(digests, scopeId, map);
  if (entry.length === 3) {
    mapOf(region, map).delete(name);
    known.delete(name);
    return undefined;
  }
  if (typeof recordDigest !== 'string' || record === null || typeof record !== 'object') throw malformed();
  if (map === 'keys' && (record as { policy: unknown }).policy === null) (record as KeyRecord).policy = defaultKeyPolicy(region);
  mapOf(region, map).set(name, record);
  known.set(name, recordDigest);
  return undefined;
}

/** The entries of one checked line: a journal line holds a list of them. */
export function entriesOf(text: string, journal: boolean): unknown[] {
  const value = decode(text);
  if (!journal) return [value];
  if (!Array.isArray(value)) throw malformed();
  return value;
}
