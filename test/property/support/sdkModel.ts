import * as Sdk from '@aws-sdk/client-kms';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * What the SDK (not the fake) models per operation: the exceptions it may throw, the members of
 * its request, and the types of its output. Read from the installed @aws-sdk/client-kms so the
 * fake's own shapes cannot agree with themselves: the `@throws` list of each command's
 * declaration file, and the static schemas the SDK exports (`<Op>$`: operation, input, output).
 * The schema format is smithy's (`@smithy/types` static-schemas.d.ts); kms-fake's src never
 * imports these, only this test does.
 */

const typesDir = join(dirname(require.resolve('@aws-sdk/client-kms')), '..', 'dist-types', 'commands');

/** The exception names the SDK's model lists for one operation. */
export function modelledErrors(operation: string): ReadonlySet<string> {
  const text = readFileSync(join(typesDir, `${operation}Command.d.ts`), 'utf8');
  return new Set([...text.matchAll(/@throws \{@link (\w+)\}/g)].map((m) => m[1]!).filter((name) => name !== 'KMSServiceException'));
}

/**
 * Error codes KMS's front end sends that no operation models: the SDK makes a plain
 * `KMSServiceException` of them. `KMSInternalException` is modelled, but from the fake it marks a
 * bug of its own, so it is never an acceptable outcome here.
 */
export const UNMODELLED_FORMS: ReadonlySet<string> = new Set(['ValidationException', 'SerializationException', 'NotAuthorizedException', 'UnknownOperationException']);

/**
 * The fake's declared limits (STYLE.md 3.12: nothing silently missing): what it cannot do, such
 * as verifying a Nitro Enclaves attestation document or SM2 cryptography, it answers with an
 * `UnsupportedOperationException` saying so, on any operation.
 */
export const isDeclaredLimit = (name: string, message: string) =>
  name === 'UnsupportedOperationException' && /^kms-fake (does not|cannot) /.test(message);

type Ref = number | (() => StaticSchema);
type Member = Ref | [Ref, unknown];
type StaticSchema = [number, string, string, unknown, ...unknown[]];

/** A schema: a sentinel number, `'unit'` (no members), or a static schema (a length-2 array is a member ref with traits). */
function resolve(ref: Ref): number | 'unit' | StaticSchema {
  const schema = typeof ref === 'function' ? ref() : (ref as unknown);
  if (Array.isArray(schema) && schema.length === 2) return resolve(schema[0] as Ref);
  return schema as number | 'unit' | StaticSchema;
}
const memberRef = (m: Member): Ref => (Array.isArray(m) ? m[0] : m);

function operationSchema(operation: string): StaticSchema {
  const schema = (Sdk as unknown as Record<string, StaticSchema | undefined>)[`${operation}$`];
  if (!schema || schema[0] !== 9) throw new Error(`the SDK has no operation schema ${operation}$`);
  return schema;
}

/** The member names of an operation's request, as the SDK models them. */
export function requestMembers(operation: string): string[] {
  const input = resolve(operationSchema(operation)[4] as Ref);
  return typeof input === 'object' ? ((input[4] as string[] | undefined) ?? []) : [];
}

/**
 * Where an output departs from the SDK's output shape: members the shape does not have, or
 * values of the wrong type. Enum values are not checked (the schema does not carry them).
 */
export function outputProblems(operation: string, output: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const { $metadata: _metadata, ...members } = output;
  check(operationSchema(operation)[5] as Ref, members, operation, problems);
  return problems;
}

function check(ref: Ref, value: unknown, path: string, problems: string[]): void {
  const schema = resolve(ref);
  const wrong = (expected: string) => void problems.push(`${path}: expected ${expected}, got ${describe(value)}`);
  if (typeof schema === 'number') return checkSimple(schema, value, path, problems, wrong);
  if (schema === 'unit') {
    if (isObject(value) && Object.keys(value).length === 0) return;
    return wrong('no members');
  }
  switch (schema[0]) {
    case 0: // a simple shape with traits (e.g. sensitive): its target is the type
      return check(schema[4] as Ref, value, path, problems);
    case 1:
      if (!Array.isArray(value)) return wrong('a list');
      return value.forEach((item, i) => check(schema[4] as Ref, item, `${path}[${i}]`, problems));
    case 2:
      if (!isObject(value)) return wrong('a map');
      return Object.entries(value).forEach(([k, v]) => check(schema[5] as Ref, v, `${path}.${k}`, problems));
    case 3: {
      if (!isObject(value)) return wrong('a structure');
      const names = (schema[4] as string[] | undefined) ?? [];
      const refs = (schema[5] as Member[] | undefined) ?? [];
      for (const [name, v] of Object.entries(value)) {
        const i = names.indexOf(name);
        if (i < 0) problems.push(`${path}.${name}: not a member of ${schema[2]}`);
        else if (v !== undefined) check(memberRef(refs[i]!), v, `${path}.${name}`, problems);
      }
      return;
    }
    default:
      problems.push(`${path}: schema kind ${schema[0]} not understood by this test`);
  }
}

function checkSimple(code: number, value: unknown, path: string, problems: string[], wrong: (expected: string) => void): void {
  if (code & 0b0100_0000) {
    if (!Array.isArray(value)) return wrong('a list');
    return value.forEach((item, i) => check(code & 0b0011_1111, item, `${path}[${i}]`, problems));
  }
  if (code & 0b1000_0000) {
    if (!isObject(value)) return wrong('a map');
    return Object.entries(value).forEach(([k, v]) => check(code & 0b0111_1111, v, `${path}.${k}`, problems));
  }
  if (code === 0 && typeof value !== 'string') return wrong('a string');
  if (code === 1 && typeof value !== 'number') return wrong('a number');
  if (code === 2 && typeof value !== 'boolean') return wrong('a boolean');
  if (code === 0b0001_0101 && !(value instanceof Uint8Array)) return wrong('bytes');
  if (code >= 4 && code <= 7 && !(value instanceof Date && !Number.isNaN(value.getTime()))) return wrong('a valid Date');
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const describe = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : v instanceof Uint8Array ? 'bytes' : typeof v);
