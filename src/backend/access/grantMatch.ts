import type { GrantConstraints } from '@aws-sdk/client-kms';
import type { Caller, PrincipalMatch } from './principals';
import { matchPrincipal } from './principals';

/**
 * Whether a grant allows an operation (developer guide: Grants in AWS KMS, Grant constraints).
 * Only live grants reach here: RetireGrant and RevokeGrant delete them, so they stop at once.
 */

/** What the evaluator reads of a grant. */
export interface GrantView {
  readonly grantId: string;
  readonly name?: string;
  readonly granteePrincipal?: string;
  readonly operations: readonly string[];
  readonly constraints?: GrantConstraints;
}

/** The request as a grant sees it. */
export interface GrantRequest {
  /** The grant operation (`Encrypt`, `ReEncryptFrom`, …); `undefined` when no grant can allow the action. */
  readonly operation: string | undefined;
  /** The request's encryption context ({} when it has none). */
  readonly encryptionContext: Readonly<Record<string, string>>;
  /** CreateGrant only: the constraints of the grant being created. */
  readonly newGrantConstraints?: GrantConstraints;
  /** CreateGrant only: the operations of the grant being created. */
  readonly newGrantOperations?: readonly string[];
}

type Context = Readonly<Record<string, string>>;

/** API Reference, GrantConstraints: the keys of a constraint's encryption context are not case-sensitive; the values are. */
const byLowerKey = (c: Context) => new Map(Object.entries(c).map(([k, v]) => [k.toLowerCase(), v]));
const includes = (whole: Context, part: Context) => {
  const w = byLowerKey(whole);
  return [...byLowerKey(part)].every(([k, v]) => w.get(k) === v);
};
const sameContext = (a: Context, b: Context) => byLowerKey(a).size === byLowerKey(b).size && includes(a, b);

/**
 * Developer guide, grant constraints: "they do not apply to DescribeKey and RetireGrant", and a
 * grant that allows CreateGrant lets the grantee create only grants with an equally strict or
 * stricter encryption context constraint.
 */
export function constraintsAllow(constraints: GrantConstraints | undefined, request: GrantRequest): boolean {
  const equals = constraints?.EncryptionContextEquals;
  const subset = constraints?.EncryptionContextSubset;
  if (!equals && !subset) return true;
  if (request.operation === 'DescribeKey' || request.operation === 'RetireGrant') return true;
  if (request.operation === 'CreateGrant') {
    const next = request.newGrantConstraints;
    if (equals) return next?.EncryptionContextEquals !== undefined && sameContext(next.EncryptionContextEquals, equals);
    const nextContext = next?.EncryptionContextEquals ?? next?.EncryptionContextSubset;
    return nextContext !== undefined && subset !== undefined && includes(nextContext, subset);
  }
  if (equals) return sameContext(request.encryptionContext, equals);
  return subset !== undefined && includes(request.encryptionContext, subset);
}

/** How a grant reaches the caller (as a key policy principal would), when it allows the operation. */
export function grantMatch(grant: GrantView, caller: Caller, request: GrantRequest): PrincipalMatch | undefined {
  if (request.operation === undefined || !grant.operations.includes(request.operation)) return undefined;
  if (grant.granteePrincipal === undefined) return undefined;
  // Developer guide, grant operations: a grant's CreateGrant permission creates grants with at most its own operations.
  if (request.operation === 'CreateGrant' && !(request.newGrantOperations ?? []).every((op) => grant.operations.includes(op))) return undefined;
  const match = matchPrincipal({ AWS: [grant.granteePrincipal] }, caller);
  return match && constraintsAllow(grant.constraints, request) ? match : undefined;
}

/** A grant that would allow the operation to the caller but for its encryption context constraint: what explain points at. */
export function grantConstraintMissed(grant: GrantView, caller: Caller, request: GrantRequest): boolean {
  const operation = request.operation;
  if (operation === undefined || !grant.operations.includes(operation) || grant.granteePrincipal === undefined) return false;
  return matchPrincipal({ AWS: [grant.granteePrincipal] }, caller) !== undefined && !constraintsAllow(grant.constraints, request);
}
