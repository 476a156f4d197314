import { invalidMarker } from '../../errors';
import { bound } from '../indexedMap';
import type { BooleanShape, ListShape, MapShape, Shape, StringShape } from '../shapes';

/**
 * Shapes shared by many operations, with the limits of the KMS service model.
 * One home for each limit: operations compose these rather than restating them.
 */
export const keyIdParam = (required = true): StringShape => ({ type: 'string', required, min: 1, max: 2048 });

export const grantTokens: ListShape = {
  type: 'list',
  min: 0,
  max: 10,
  member: { type: 'string', min: 1, max: 8192 },
};

export const encryptionContext: MapShape = {
  type: 'map',
  key: { type: 'string' },
  value: { type: 'string' },
};

export const dryRunParam: BooleanShape = { type: 'boolean' };

export const DATA_KEY_SPECS = ['AES_256', 'AES_128'] as const;

export const ENCRYPTION_ALGORITHMS = ['SYMMETRIC_DEFAULT', 'RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'SM2PKE'] as const;

export const encryptionAlgorithm: StringShape = { type: 'string', enum: ENCRYPTION_ALGORITHMS };

/** Nitro Enclaves attestation (Decrypt, GenerateDataKey, GenerateRandom, ...). */
export const recipientParam: Shape = {
  type: 'structure',
  members: {
    KeyEncryptionAlgorithm: { type: 'string', enum: ['RSAES_OAEP_SHA_256'] },
    AttestationDocument: { type: 'blob', min: 1, max: 262144 },
  },
};

export const customKeyStoreIdParam: StringShape = { type: 'string', min: 1, max: 64 };

export const descriptionParam: StringShape = { type: 'string', min: 0, max: 8192 };

export const tagList: ListShape = {
  type: 'list',
  member: {
    type: 'structure',
    members: {
      TagKey: { type: 'string', required: true, min: 1, max: 128 },
      TagValue: { type: 'string', required: true, min: 0, max: 256 },
    },
  },
};

export const policyParam: StringShape = { type: 'string', min: 1, max: 131072, pattern: /[\u0009\u000A\u000D\u0020-\u00FF]+/ };

export const markerParam: StringShape = { type: 'string', min: 1, max: 1024, pattern: /[\u0020-\u00FF]*/ };

export const limitParam = (max: number): Shape => ({ type: 'integer', min: 1, max });

// ---- pagination: one marker scheme for every List* operation ----

export interface Page<T> {
  items: T[];
  truncated: boolean;
  nextMarker?: string;
}

/**
 * Pages over `items` sorted by `nameOf`. The marker names the last item returned, so a page
 * boundary survives deletions between calls; a marker the fake did not issue is rejected.
 * For the few items of one key (tags, grants, rotations); a whole region's keys or aliases page
 * through their index with {@link paginateIndexed}.
 */
export function paginate<T>(
  items: readonly T[],
  nameOf: (item: T) => string,
  limit: number,
  marker: string | undefined,
): Page<T> {
  const sorted = [...items].sort((a, b) => compare(nameOf(a), nameOf(b)));
  const after = marker === undefined ? undefined : decodeMarker(marker);
  const start = after === undefined ? 0 : bound(sorted.map(nameOf), after, true);
  return pageOf(sorted.slice(start, start + limit), start + limit < sorted.length, nameOf);
}

/** An index that yields items in name order after a given name (see `IndexedMap`). */
export interface NameOrdered<T> {
  pageAfter(after: string | undefined, limit: number): { items: T[]; more: boolean };
}

/**
 * {@link paginate}'s pages and markers, read from an index kept in name order: O(log n + page)
 * per call. Items created or deleted between calls move no boundary: a page starts after the
 * name its marker holds, so every item present throughout is listed exactly once.
 */
export function paginateIndexed<T>(index: NameOrdered<T>, nameOf: (item: T) => string, limit: number, marker: string | undefined): Page<T> {
  const { items, more } = index.pageAfter(marker === undefined ? undefined : decodeMarker(marker), limit);
  return pageOf(items, more, nameOf);
}

function pageOf<T>(items: T[], truncated: boolean, nameOf: (item: T) => string): Page<T> {
  const last = items[items.length - 1];
  return truncated && last !== undefined ? { items, truncated, nextMarker: encodeMarker(nameOf(last)) } : { items, truncated };
}

/** A page's `Truncated` and, when there is more, `NextMarker`, as every List* output carries them. */
export const pageFields = (page: Page<unknown>): { Truncated: boolean; NextMarker?: string } => ({
  Truncated: page.truncated,
  ...(page.nextMarker && { NextMarker: page.nextMarker }),
});

const MARKER_PREFIX = 'kmsfake1';
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function encodeMarker(name: string): string {
  return MARKER_PREFIX + Buffer.from(name, 'utf8').toString('hex');
}

function decodeMarker(marker: string): string {
  const hex = marker.slice(MARKER_PREFIX.length);
  if (!marker.startsWith(MARKER_PREFIX) || hex.length === 0 || !/^(?:[0-9a-f]{2})+$/.test(hex)) throw invalidMarker();
  return Buffer.from(hex, 'hex').toString('utf8');
}
