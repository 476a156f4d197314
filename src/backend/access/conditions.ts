import type { ConditionBlock } from './policyDocument';

/**
 * Condition evaluation (IAM JSON policy reference: Condition operators, multivalued context
 * keys). The request's values come in as a map from condition key, lower-cased (condition key
 * names are not case-sensitive), to its values; a key the request does not carry is absent.
 */
export type ConditionValues = ReadonlyMap<string, readonly string[]>;

type Compare = (requestValue: string, policyValue: string) => boolean;

/**
 * `*` and `?` wildcards, as StringLike and ArnLike read them. Matched in linear steps, without a
 * regular expression: a pattern of many `*`s made a backtracking RegExp run for years.
 */
export function globMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const v = ignoreCase ? value.toLowerCase() : value;
  let pi = 0;
  let vi = 0;
  // The last `*` seen, and where in the value its match currently ends: where to resume on a mismatch.
  let star = -1;
  let resume = 0;
  while (vi < v.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === v[vi])) {
      pi += 1;
      vi += 1;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi;
      pi += 1;
      resume = vi;
    } else if (star >= 0) {
      pi = star + 1;
      resume += 1;
      vi = resume;
    } else {
      return false;
    }
  }
  while (p[pi] === '*') pi += 1;
  return pi === p.length;
}

/** ArnLike: each of the six colon-separated parts matched on its own, so a wildcard never spans a colon (IAM: ARN condition operators). */
const arnMatch: Compare = (arn, pattern) => {
  const [a, p] = [arn.split(':'), pattern.split(':')];
  const parts = (x: string[]) => [...x.slice(0, 5), x.slice(5).join(':')];
  return a.length >= 6 && p.length >= 6 && parts(p).every((part, i) => globMatch(part, parts(a)[i] ?? ''));
};

const numeric = (test: (a: number, b: number) => boolean): Compare => (a, b) => test(Number(a), Number(b));
const date = (test: (a: number, b: number) => boolean): Compare => (a, b) => test(Date.parse(a), Date.parse(b));

function ipv4(text: string): number | undefined {
  const parts = text.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return parts.reduce((acc, p) => acc * 256 + p, 0);
}

/** IpAddress: the request's address inside the policy's CIDR block (IPv4). */
const inCidr: Compare = (address, cidr) => {
  const [base = '', bitsText = '32'] = cidr.split('/');
  const a = ipv4(address);
  const b = ipv4(base);
  const bits = Number(bitsText);
  if (a === undefined || b === undefined || !(bits >= 0 && bits <= 32)) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(a / size) === Math.floor(b / size);
};

/** Each base operator: how one request value compares with one policy value, and whether it is negated. */
const OPERATORS: Readonly<Record<string, { compare: Compare; negated: boolean }>> = {
  StringEquals: { compare: (a, b) => a === b, negated: false },
  StringNotEquals: { compare: (a, b) => a === b, negated: true },
  StringEqualsIgnoreCase: { compare: (a, b) => a.toLowerCase() === b.toLowerCase(), negated: false },
  StringNotEqualsIgnoreCase: { compare: (a, b) => a.toLowerCase() === b.toLowerCase(), negated: true },
  StringLike: { compare: (a, b) => globMatch(b, a), negated: false },
  StringNotLike: { compare: (a, b) => globMatch(b, a), negated: true },
  NumericEquals: { compare: numeric((a, b) => a === b), negated: false },
  NumericNotEquals: { compare: numeric((a, b) => a === b), negated: true },
  NumericLessThan: { compare: numeric((a, b) => a < b), negated: false },
  NumericLessThanEquals: { compare: numeric((a, b) => a <= b), negated: false },
  NumericGreaterThan: { compare: numeric((a, b) => a > b), negated: false },
  NumericGreaterThanEquals: { compare: numeric((a, b) => a >= b), negated: false },
  DateEquals: { compare: date((a, b) => a === b), negated: false },
  DateNotEquals: { compare: date((a, b) => a === b), negated: true },
  DateLessThan: { compare: date((a, b) => a < b), negated: false },
  DateLessThanEquals: { compare: date((a, b) => a <= b), negated: false },
  DateGreaterThan: { compare: date((a, b) => a > b), negated: false },
  DateGreaterThanEquals: { compare: date((a, b) => a >= b), negated: false },
  Bool: { compare: (a, b) => a.toLowerCase() === b.toLowerCase(), negated: false },
  BinaryEquals: { compare: (a, b) => a === b, negated: false },
  IpAddress: { compare: inCidr, negated: false },
  NotIpAddress: { compare: inCidr, negated: true },
  ArnEquals: { compare: arnMatch, negated: false },
  ArnLike: { compare: arnMatch, negated: false },
  ArnNotEquals: { compare: arnMatch, negated: true },
  ArnNotLike: { compare: arnMatch, negated: true },
};

interface ParsedOperator {
  readonly set: 'ForAllValues' | 'ForAnyValue' | undefined;
  readonly base: string;
  readonly ifExists: boolean;
}

function parseOperator(name: string): ParsedOperator | undefined {
  const m = /^(?:(ForAllValues|ForAnyValue):)?(.+?)(IfExists)?$/.exec(name);
  if (!m) return undefined;
  const base = m[2] ?? '';
  if (base !== 'Null' && !(base in OPERATORS)) return undefined;
  return { set: m[1] as ParsedOperator['set'], base, ifExists: m[3] !== undefined };
}

/** Whether a policy may use this condition operator (an unknown one makes the policy malformed). */
export const isKnownOperator = (name: string): boolean => parseOperator(name) !== undefined;

function keyHolds(op: ParsedOperator, requestValues: readonly string[] | undefined, policyValues: readonly string[]): boolean {
  if (op.base === 'Null') return policyValues.some((v) => (v.toLowerCase() === 'true') === (requestValues === undefined));
  const { compare, negated } = OPERATORS[op.base] ?? { compare: () => false, negated: false };
  // One request value satisfies the operator: a positive one matches any policy value, a negated one matches none.
  const satisfies = (value: string) => policyValues.some((p) => compare(value, p)) !== negated;
  if (op.set === 'ForAllValues') return (requestValues ?? []).every(satisfies);
  if (op.set === 'ForAnyValue') return (requestValues ?? []).some(satisfies);
  // A single-valued test of a key the request lacks: IfExists and negated operators hold, the rest fail.
  if (requestValues === undefined || requestValues.length === 0) return op.ifExists || negated;
  return negated ? requestValues.every(satisfies) : requestValues.some(satisfies);
}

/** Whether every operator and every key of a statement's Condition holds for the request. */
export function conditionsHold(block: ConditionBlock, values: ConditionValues): boolean {
  return Object.entries(block).every(([name, keys]) => {
    const op = parseOperator(name);
    if (!op) return false;
    return Object.entries(keys).every(([key, policyValues]) => keyHolds(op, values.get(key.toLowerCase()), policyValues));
  });
}
