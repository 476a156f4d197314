import { keyPolicy, policyDocument } from '../../errors';
import { isKnownOperator } from './conditions';
import { isValidPrincipalForm } from './principals';

/**
 * Policy documents (key policies and the identity policies given in the options), parsed into the
 * normalised form the evaluator reads. Validation follows the API Reference's `Policy` parameter
 * of CreateKey and PutKeyPolicy: JSON, at most 32 KB, printable characters, and every statement
 * names principals that exist in form. A statement without Action or Resource is accepted and
 * has no effect (API Reference: "the statement has no effect"; only the console refuses it).
 */

/** One condition block: operator → condition key → values (IAM JSON policy reference: Condition). */
export type ConditionBlock = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

/** The principal element, normalised: `'*'`, or lists per principal type (`AWS`, `Service`, …). */
export type PrincipalElement = '*' | Readonly<Record<string, readonly string[]>>;

/** One statement, normalised: every list element an array, absent elements `undefined`. */
export interface PolicyStatement {
  readonly sid: string | undefined;
  /** Position in the document, from 0: how `explain` names a statement without a Sid. */
  readonly index: number;
  readonly effect: 'Allow' | 'Deny';
  readonly principal?: PrincipalElement;
  readonly notPrincipal?: PrincipalElement;
  readonly action?: readonly string[];
  readonly notAction?: readonly string[];
  readonly resource?: readonly string[];
  readonly notResource?: readonly string[];
  readonly condition: ConditionBlock;
}

export interface PolicyDocument {
  readonly statements: readonly PolicyStatement[];
}

/** API Reference, CreateKey `Policy`: "The key policy size quota is 32 kilobytes (32768 bytes)." */
export const MAX_POLICY_BYTES = 32_768;
/** API Reference, CreateKey `Policy`: printable ASCII and Latin-1, plus tab, line feed and carriage return. */
const ALLOWED_CHARS = /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$/;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A string or a list of strings; anything else is malformed. */
function stringList(value: unknown): readonly string[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  throw policyDocument.malformed();
}

/**
 * A well-formed principal passes (the fake has no IAM directory to ask whether it exists). An IAM
 * ARN naming a group or without a 12-digit account is InvalidArnException; anything else that is
 * not a principal (a wrong service part, a wildcard inside an ARN) is "invalid principals".
 */
function checkPrincipalForm(value: string): void {
  if (isValidPrincipalForm(value)) return;
  const iam = /^arn:[^:]*:iam::([^:]*):(.*)$/.exec(value);
  if (iam && (!/^\d{12}$/.test(iam[1] ?? '') || (iam[2] ?? '').startsWith('group/'))) throw policyDocument.invalidArn();
  throw policyDocument.invalidPrincipals();
}

/** Condition keys a key policy may not use (they describe the key, which a key policy is attached to). */
const KEY_POLICY_FORBIDDEN = /^(aws:ResourceTag\/|kms:ResourceTag|kms:ResourceAliases$)/i;

function principalElement(value: unknown): PrincipalElement | undefined {
  if (value === undefined) return undefined;
  if (value === '*') return '*';
  if (!isObject(value)) throw policyDocument.invalidPrincipals();
  const out: Record<string, readonly string[]> = Object.create(null) as Record<string, readonly string[]>;
  for (const [type, ids] of Object.entries(value)) {
    const list = stringList(ids) ?? [];
    if (type === 'AWS') list.forEach(checkPrincipalForm);
    out[type] = list;
  }
  // `{}` or `{ "AWS": [] }` names no one: "one or more principals" are required (API Reference).
  if (!Object.values(out).some((list) => list.length > 0)) throw policyDocument.invalidPrincipals();
  return out;
}

function conditionBlock(value: unknown): ConditionBlock {
  if (value === undefined) return {};
  if (!isObject(value)) throw policyDocument.malformed();
  // Without a prototype, a key named `__proto__` (JSON.parse makes it an own property) stays a key.
  const out: Record<string, Record<string, readonly string[]>> = Object.create(null) as Record<string, Record<string, readonly string[]>>;
  for (const [operator, keys] of Object.entries(value)) {
    if (!isObject(keys) || !isKnownOperator(operator)) throw policyDocument.malformed();
    out[operator] = Object.create(null) as Record<string, readonly string[]>;
    for (const [key, values] of Object.entries(keys)) {
      // Bool and Numeric values may be written as JSON booleans and numbers.
      const list = Array.isArray(values) ? values : [values];
      if (!list.every((v) => ['string', 'boolean', 'number'].includes(typeof v))) throw policyDocument.malformed();
      out[operator][key] = list.map(String);
    }
  }
  return out;
}

function statement(raw: unknown, index: number): PolicyStatement {
  if (!isObject(raw)) throw policyDocument.malformed();
  const effect = raw.Effect;
  if (effect !== 'Allow' && effect !== 'Deny') throw policyDocument.malformed();
  const principal = principalElement(raw.Principal);
  const notPrincipal = principalElement(raw.NotPrincipal);
  // API Reference: "Each statement in the key policy must contain one or more principals."
  if (principal === undefined && notPrincipal === undefined) throw policyDocument.invalidPrincipals();
  return {
    sid: typeof raw.Sid === 'string' ? raw.Sid : undefined,
    index,
    effect,
    principal,
    notPrincipal,
    action: stringList(raw.Action),
    notAction: stringList(raw.NotAction),
    resource: stringList(raw.Resource),
    notResource: stringList(raw.NotResource),
    condition: conditionBlock(raw.Condition),
  };
}

/**
 * Parses and validates a key policy as CreateKey and PutKeyPolicy do; raises
 * MalformedPolicyDocumentException for what AWS refuses.
 */
export function parseKeyPolicy(text: string): PolicyDocument {
  if (new TextEncoder().encode(text).length > MAX_POLICY_BYTES) throw policyDocument.tooLarge();
  if (!ALLOWED_CHARS.test(text)) throw policyDocument.invalidCharacters();
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw keyPolicy.notJson();
  }
  if (!isObject(doc) || doc.Statement === undefined) throw keyPolicy.noStatement();
  const raw = Array.isArray(doc.Statement) ? (doc.Statement as unknown[]) : [doc.Statement];
  const statements = raw.map(statement);
  const conditionKeys = statements.flatMap((s) => Object.values(s.condition).flatMap((keys) => Object.keys(keys)));
  if (conditionKeys.some((key) => KEY_POLICY_FORBIDDEN.test(key))) throw policyDocument.forbiddenConditionKeys();
  return { statements };
}

/**
 * An identity policy from the options: the same grammar, except that identity policies have no
 * Principal (the principal is the one they are attached to). Raises a plain Error; the caller
 * turns it into a usage error naming the principal.
 */
export function parseIdentityPolicy(policy: unknown): PolicyDocument {
  const doc: unknown = typeof policy === 'string' ? JSON.parse(policy) : policy;
  if (!isObject(doc) || doc.Statement === undefined) throw new Error('an identity policy needs a Statement');
  const raw = Array.isArray(doc.Statement) ? (doc.Statement as unknown[]) : [doc.Statement];
  return {
    statements: raw.map((s, index) => {
      if (!isObject(s) || (s.Effect !== 'Allow' && s.Effect !== 'Deny')) throw new Error(`statement ${index} needs an Effect of Allow or Deny`);
      if (s.Principal !== undefined) throw new Error(`statement ${index} has a Principal; identity policies have none`);
      return statement({ ...s, Principal: '*' }, index);
    }),
  };
}
