import { conditionsHold, globMatch, type ConditionValues } from './conditions';
import { grantConstraintMissed, grantMatch, type GrantRequest, type GrantView } from './grantMatch';
import type { PolicyDocument, PolicyStatement } from './policyDocument';
import { matchPrincipal, type Caller, type PrincipalMatch } from './principals';

/**
 * The decision on one action (developer guide: Determining access to an AWS KMS key; IAM policy
 * evaluation logic): an explicit deny anywhere wins; then a grant, or a key policy statement that
 * names the caller, allows; a key policy statement that names the caller's account delegates to
 * its identity policies; everything else is an implicit deny. Across accounts both the key policy
 * and the caller's identity policies must allow. Operations on no key are decided by identity
 * policies alone. The account root is not subject to identity policies.
 */

export interface AccessRequest {
  readonly caller: Caller;
  /** `kms:<Operation>` (ReEncrypt is asked as kms:ReEncryptFrom and kms:ReEncryptTo). */
  readonly action: string;
  /** The key's ARN, or `*` for an operation on no key. */
  readonly resource: string;
  /** The key's account and policy; both absent for an operation on no key. */
  readonly key?: { readonly accountId: string; readonly policy: PolicyDocument };
  /** The caller's identity policies (its own, and for a role session its role's). */
  readonly identityPolicies: readonly PolicyDocument[];
  /** The key's live grants. */
  readonly grants: readonly GrantView[];
  readonly grant: GrantRequest;
  readonly conditions: ConditionValues;
}

/** Why a request is denied; each has its message form in errors/access.ts. */
export type Denial = 'explicitResourceDeny' | 'explicitIdentityDeny' | 'noResourceAllow' | 'noIdentityAllow' | 'crossAccount';

/** Names one statement of one policy. */
export interface StatementRef {
  readonly policy: 'key policy' | 'identity policy';
  /** The statement's position in its policy's Statement list, from 0. */
  readonly index: number;
  readonly sid: string | undefined;
  readonly effect: 'Allow' | 'Deny';
}

export interface AccessDecision {
  readonly allowed: boolean;
  /** The statements and grant that decided, when one did. */
  readonly statement?: StatementRef;
  /** The identity policy statement a delegation relied on. */
  readonly identityStatement?: StatementRef;
  readonly grantId?: string;
  readonly denial?: Denial;
  /** A sentence a test author can read in a failing test. */
  readonly reason: string;
}

const actionMatches = (patterns: readonly string[], action: string) => patterns.some((p) => globMatch(p, action, true));
const resourceMatches = (patterns: readonly string[], resource: string) => patterns.some((p) => globMatch(p, resource));

/** Whether a statement's Action, Resource and Condition cover the request (its principal aside). */
function covers(s: PolicyStatement, request: AccessRequest): boolean {
  const action = s.action ? actionMatches(s.action, request.action) : s.notAction ? !actionMatches(s.notAction, request.action) : false;
  const resource = s.resource ? resourceMatches(s.resource, request.resource) : s.notResource ? !resourceMatches(s.notResource, request.resource) : false;
  return action && resource && conditionsHold(s.condition, request.conditions);
}

function principalOf(s: PolicyStatement, caller: Caller): PrincipalMatch | undefined {
  if (s.principal) return matchPrincipal(s.principal, caller);
  return s.notPrincipal && !matchPrincipal(s.notPrincipal, caller) ? 'direct' : undefined;
}

const ref = (policy: StatementRef['policy'], s: PolicyStatement): StatementRef => ({ policy, index: s.index, sid: s.sid, effect: s.effect });

export const describeStatement = (s: StatementRef) => `the ${s.policy} statement ${s.sid === undefined ? `#${s.index}` : `"${s.sid}" (#${s.index})`}`;

interface Matched {
  readonly statement: PolicyStatement;
  readonly match: PrincipalMatch;
}

export function evaluate(request: AccessRequest): AccessDecision {
  const { caller, key } = request;
  const crossAccount = key !== undefined && key.accountId !== caller.accountId;
  const keyStatements: Matched[] = (key?.policy.statements ?? [])
    .filter((s) => covers(s, request))
    .flatMap((statement) => {
      const match = principalOf(statement, caller);
      return match ? [{ statement, match }] : [];
    });
  const identityStatements = request.identityPolicies.flatMap((p) => p.statements).filter((s) => covers(s, request));

  const keyDeny = keyStatements.find((m) => m.statement.effect === 'Deny');
  if (keyDeny) {
    const statement = ref('key policy', keyDeny.statement);
    return deny(crossAccount ? 'crossAccount' : 'explicitResourceDeny', `${describeStatement(statement)} denies it`, { statement });
  }
  const identityDeny = identityStatements.find((s) => s.effect === 'Deny');
  if (identityDeny) {
    const statement = ref('identity policy', identityDeny);
    return deny('explicitIdentityDeny', `${describeStatement(statement)} denies it`, { statement });
  }

  // The account root is not subject to identity policies; anyone else needs an Allow in one.
  const identityAllow = identityStatements.find((s) => s.effect === 'Allow');
  const identity = caller.kind === 'root' ? 'the caller is its account root' : identityAllow ? describeStatement(ref('identity policy', identityAllow)) : undefined;
  const identityStatement = identityAllow && caller.kind !== 'root' ? ref('identity policy', identityAllow) : undefined;
  if (!key) {
    return identity
      ? { allowed: true, identityStatement, reason: `Allowed: an operation on no key, and ${identity} allows it.` }
      : deny('noIdentityAllow', 'an operation on no key is decided by identity policies, and none allows it');
  }

  const grant = request.grants.find((g) => grantMatch(g, caller, request.grant) === 'direct' || (identity && grantMatch(g, caller, request.grant)));
  if (grant) return { allowed: true, grantId: grant.grantId, reason: `Allowed by grant ${grant.grantId}${grant.name ? ` ("${grant.name}")` : ''}.` };

  // A denial near a grant says so: the usual cause is an encryption context that does not match its constraint.
  const missed = request.grants.find((g) => grantConstraintMissed(g, caller, request.grant));
  const hint = missed ? `; grant ${missed.grantId} gives the caller this operation, but its encryption context constraint does not hold for this request` : '';

  const direct = keyStatements.find((m) => m.statement.effect === 'Allow' && m.match === 'direct');
  const delegation = keyStatements.find((m) => m.statement.effect === 'Allow' && m.match === 'account');
  const allow = direct ?? delegation;
  if (allow) {
    const statement = ref('key policy', allow.statement);
    // Same account, the key policy names the caller: that is enough. Otherwise identity must allow too.
    if (allow === direct && !crossAccount) return { allowed: true, statement, reason: `Allowed by ${describeStatement(statement)}, which names the caller.` };
    if (identity) {
      return { allowed: true, statement, identityStatement, reason: `Allowed by ${describeStatement(statement)}, which ${allow === direct ? 'names the caller' : "delegates to the caller's account"}, and ${identity}.` };
    }
    return deny('noIdentityAllow', `${describeStatement(statement)} ${allow === direct ? 'names the caller from another account' : "delegates to the caller's account"}, but no identity policy of the caller allows it${hint}`, { statement });
  }
  return deny(crossAccount ? 'crossAccount' : 'noResourceAllow', `no key policy statement or grant allows it, and the key policy does not delegate to the caller's account${hint}`);
}

function deny(denial: Denial, why: string, refs: { statement?: StatementRef } = {}): AccessDecision {
  return { allowed: false, denial, ...refs, reason: `Denied: ${why}.` };
}
