import { createHash } from 'node:crypto';
import type { KeySpec } from '@aws-sdk/client-kms';
import type { KeyPair } from '../../crypto';
import { keyPairFromPkcs8 } from '../../crypto/keyImport';

/**
 * Stored records as JSON text and back. Records hold what JSON lacks (dates, bytes, maps, key
 * pairs), written as one-member objects whose member starts with `$`; a member of the state's own
 * that starts with `$` (an encryption context key, say) gets a second `$`, so the two never meet.
 * @internal
 */

/** A stored text this version cannot read; its message never quotes the text. */
export class UnreadableRecord extends Error {}

const DATE = '$date';
const BYTES = '$bytes';
const MAP = '$map';
const KEY_PAIR = '$keyPair';

/** A derived cache (a key pair derived from a version's secret): rebuilt on first use, never written. */
const NOT_WRITTEN = new Set(['keyPair']);

function encodeValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return { [DATE]: value.getTime() };
  if (value instanceof Uint8Array) return { [BYTES]: Buffer.from(value).toString('base64') };
  if (value instanceof Map) return { [MAP]: [...(value as Map<unknown, unknown>)].map(([k, v]) => [encodeValue(k), encodeValue(v)]) };
  if (Array.isArray(value)) return value.map(encodeValue);
  if (isKeyPair(value)) return { [KEY_PAIR]: [value.spec, Buffer.from(value.privateKeyDer).toString('base64')] };
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto !== Object.prototype && proto !== null) throw new Error(`cannot store a ${value.constructor.name}`);
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(value)) {
    if (member === undefined || NOT_WRITTEN.has(name)) continue;
    out[name.startsWith('$') ? `$${name}` : name] = encodeValue(member);
  }
  return out;
}

const isKeyPair = (value: object): value is KeyPair =>
  'privateKeyDer' in value && value.privateKeyDer instanceof Uint8Array && 'spec' in value && typeof value.spec === 'string';

/** `value` (a stored record, or a part of the journal's lines) as JSON text. */
export const encode = (value: unknown): string => JSON.stringify(encodeValue(value));

function decodeValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(decodeValue);
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1) {
    const [tag, inner] = entries[0]!;
    if (tag === DATE) return new Date(inner as number);
    if (tag === BYTES) return new Uint8Array(Buffer.from(inner as string, 'base64'));
    if (tag === MAP) return new Map((inner as unknown[][]).map(([k, v]) => [decodeValue(k), decodeValue(v)]));
    if (tag === KEY_PAIR) return keyPairOf(inner as [KeySpec, string]);
  }
  const out: Record<string, unknown> = {};
  for (const [name, member] of entries) out[name.startsWith('$') ? name.slice(1) : name] = decodeValue(member);
  return out;
}

function keyPairOf([spec, der]: [KeySpec, string]): KeyPair {
  const pair = keyPairFromPkcs8(spec, new Uint8Array(Buffer.from(der, 'base64')));
  if (!pair) throw new UnreadableRecord(`a stored ${spec} key pair does not load`);
  return pair;
}

/** The value `encode` wrote. Throws (without quoting the text, which may hold key material) on anything else. */
export function decode(text: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // V8's message quotes the text it choked on.
    throw new UnreadableRecord('not JSON');
  }
  return decodeValue(parsed);
}

/** A short digest of a text: a line's checksum, and how a record's last written form is remembered. */
export const digest = (text: string): string => createHash('sha256').update(text).digest('base64url').slice(0, 22);
