import { nullViolation, rule, validationErrors, violation, wireType } from '../errors';
import type { InputShape, Shape } from '../backend/shapes';

/**
 * The one validation engine. It decodes a parsed JSON body against an operation's declared
 * shape (base64 blobs become bytes) and collects every constraint violation into one
 * ValidationException, worded as AWS's front end words them (see `errors/request.ts`).
 * A value of the wrong JSON type is a `SerializationException`, as AWS answers it.
 */
export function decodeInput(shape: InputShape, body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw wireType.notStructure();
  }
  const raw = body as Record<string, unknown>;
  const violations: string[] = [];
  const decoded: Record<string, unknown> = {};
  for (const [name, memberShape] of Object.entries(shape)) {
    const value = decodeMember(memberShape, raw[name], wirePath(name), violations);
    if (value !== undefined) decoded[name] = value;
  }
  if (violations.length > 0) throw validationErrors(violations);
  return decoded;
}

/** AWS names members in lower camel case in validation messages (`numberOfBytes`). */
function wirePath(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function decodeMember(shape: Shape, value: unknown, path: string, violations: string[]): unknown {
  if (value === undefined || value === null) {
    if (shape.required) violations.push(nullViolation(path, shape.sensitive));
    return undefined;
  }
  const fail: Fail = (rendered, broken) => violations.push(violation(path, broken, rendered));
  // The table is typed per shape; TypeScript cannot correlate `shape.type` with its entry.
  const decode = decoders[shape.type] as Decoder<Shape>;
  return decode(shape, value, { path, violations, fail });
}

type Fail = (rendered: string | undefined, broken: string) => void;

/** Where a value is decoded: its wire path, the request's violations so far, and how to add one. */
interface At {
  readonly path: string;
  readonly violations: string[];
  readonly fail: Fail;
}

type Decoder<S extends Shape> = (shape: S, value: unknown, at: At) => unknown;

/** One decoder per shape type; typed over the whole union, so a new shape type fails to compile until it is decoded. */
const decoders: { [T in Shape['type']]: Decoder<Extract<Shape, { type: T }>> } = {
  string(shape, value, at) {
    const s = expect(value, 'string', at.path);
    const rendered = render(shape, s);
    checkLength(shape, [...s].length, rendered, at.fail);
    if (shape.pattern && !shape.pattern.test(s)) at.fail(rendered, rule.pattern(shape.pattern.source));
    if (shape.enum && !shape.enum.includes(s)) at.fail(rendered, rule.enumValue(shape.enum));
    return s;
  },
  integer(shape, value, at) {
    const n = expect(value, 'number', at.path);
    if (!Number.isInteger(n)) throw wireType.expected('an integer', at.path);
    const rendered = render(shape, String(n));
    if (shape.min !== undefined && n < shape.min) at.fail(rendered, rule.minValue(shape.min));
    if (shape.max !== undefined && n > shape.max) at.fail(rendered, rule.maxValue(shape.max));
    return n;
  },
  boolean: (_shape, value, at) => expect(value, 'boolean', at.path),
  blob(shape, value, at) {
    const bytes = decodeBase64(expect(value, 'string', at.path), at.path);
    // AWS never echoes a blob's content: its messages read "Value at 'plaintext' failed ...".
    checkLength(shape, bytes.length, undefined, at.fail);
    return bytes;
  },
  timestamp(_shape, value, at) {
    const date = new Date(expect(value, 'number', at.path) * 1000);
    // Epoch seconds past ±8.64e12 name no date; stored, they would be an expiry that never comes.
    if (Number.isNaN(date.getTime())) throw wireType.invalidTimestamp(at.path);
    return date;
  },
  list(shape, value, at) {
    if (!Array.isArray(value)) throw wireType.expected('a list', at.path);
    checkLength(shape, value.length, shape.sensitive || shape.member.sensitive ? undefined : renderList(value), at.fail);
    // A list never holds nulls: a null member is reported like a missing required value.
    return value.map((item, i) => decodeMember({ ...shape.member, required: true }, item, `${at.path}.${i + 1}.member`, at.violations));
  },
  map(shape, value, at) {
    if (typeof value !== 'object' || Array.isArray(value)) throw wireType.expected('a map', at.path);
    const entries = Object.entries(value as Record<string, unknown>);
    checkLength(shape, entries.length, shape.sensitive || shape.key.sensitive || shape.value.sensitive ? undefined : renderMap(entries), at.fail);
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) {
      decodeMember(shape.key, k, `${at.path}.${k}.key`, at.violations);
      // defineProperty, so that a key such as `__proto__` is kept as data (an encryption context may use it).
      const decoded = decodeMember({ ...shape.value, required: true }, v, `${at.path}.${k}.value`, at.violations);
      Object.defineProperty(out, k, { value: decoded, enumerable: true, writable: true, configurable: true });
    }
    return out;
  },
  structure(shape, value, at) {
    if (typeof value !== 'object' || Array.isArray(value)) throw wireType.expected('a structure', at.path);
    const obj = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [name, memberShape] of Object.entries(shape.members)) {
      const decoded = decodeMember(memberShape, obj[name], `${at.path}.${wirePath(name)}`, at.violations);
      if (decoded !== undefined) out[name] = decoded;
    }
    return out;
  },
};

/** The length bounds of strings (in code points), blobs (in bytes), lists and maps (in entries). */
function checkLength(shape: { min?: number; max?: number }, size: number, rendered: string | undefined, fail: Fail): void {
  if (shape.min !== undefined && size < shape.min) fail(rendered, rule.minLength(shape.min));
  if (shape.max !== undefined && size > shape.max) fail(rendered, rule.maxLength(shape.max));
}

function expect<T extends 'string' | 'number' | 'boolean'>(
  value: unknown,
  type: T,
  path: string,
): T extends 'string' ? string : T extends 'number' ? number : boolean {
  if (typeof value !== type) throw wireType.mismatch(type, path, typeof value);
  return value as never;
}

/**
 * Strict, padded base64 (what the SDK sends). Node's decoder skips characters outside the
 * alphabet, so any such character shows as a shorter result; this costs nothing beyond the
 * decode itself, where a validating regex costs 20 µs per 4 KiB.
 */
function decodeBase64(text: string, path: string): Uint8Array {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const buf = Buffer.from(text, 'base64');
  if (text.length % 4 !== 0 || buf.length !== (text.length / 4) * 3 - padding) {
    throw wireType.invalidBase64(path);
  }
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

const quote = (s: string) => `'${s}'`;

/**
 * A value as a violation shows it: quoted, or not at all for a member the SDK model marks
 * sensitive, as AWS's front end words it ("Value at 'keyStorePassword' failed to satisfy ...").
 */
const render = (shape: Shape, text: string): string | undefined => (shape.sensitive ? undefined : quote(text));
const renderList = (items: unknown[]) => quote(`[${items.map(String).join(', ')}]`);
const renderMap = (entries: [string, unknown][]) => quote(`{${entries.map(([k, v]) => `${k}=${String(v)}`).join(', ')}}`);
