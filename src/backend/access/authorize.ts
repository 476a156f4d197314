import { accessDenied, policyDocument, type KmsError } from '../../errors';
import type { Core } from '../core';
import { scopeOf, type KeyRecord } from '../store';
import { grantOperationOf } from './actions';
import { evaluate, type AccessDecision, type AccessRequest, type Denial } from './evaluate';
import { parseKeyPolicy, type PolicyDocument } from './policyDocument';
import type { Caller } from './principals';
import { conditionValuesOf, encryptionContextOf } from './requestValues';

/**
 * The authorizer as operations use it: builds the evaluator's request from the stored key, its
 * grants and the request's input, and turns a denial into AWS's AccessDeniedException. With
 * `authorization: 'enforce'` off it decides nothing (the lockout safety check aside, which AWS
 * applies whoever asks).
 */

/** The access settings of one fake, from its options. */
export interface AccessSettings {
  readonly enforce: boolean;
  /** Identity policies by principal ARN (a role's apply to its sessions too). */
  readonly identityPolicies: ReadonlyMap<string, readonly PolicyDocument[]>;
}

/** Who asks what, in which operation. */
export interface AccessQuery {
  readonly core: Core;
  readonly caller: Caller;
  readonly operation: string;
  readonly input: Readonly<Record<string, unknown>>;
  /** The Region the request is sent to (aws:RequestedRegion). */
  readonly region: string;
}

/** The caller's identity policies: its own, and for a role session those of its role (named with any path). */
function identityPoliciesOf(settings: AccessSettings, caller: Caller): readonly PolicyDocument[] {
  const own = settings.identityPolicies.get(caller.arn) ?? [];
  if (caller.kind !== 'assumed-role') return own;
  const roles = [...settings.identityPolicies].filter(
    ([arn]) => arn.startsWith(`arn:${caller.partition}:iam::${caller.accountId}:role/`) && arn.split('/').pop() === caller.roleName,
  );
  return [...own, ...roles.flatMap(([, docs]) => docs)];
}

/** Outside enforcement the lockout check reads the key policy alone: every identity is taken to allow. */
const ALLOW_EVERYTHING: PolicyDocument = {
  statements: [{ sid: undefined, index: 0, effect: 'Allow', principal: '*', action: ['*'], resource: ['*'], condition: {} }],
};

/** `everyIdentityAllows`: outside enforcement, the lockout check takes every identity policy to allow. */
function requestOf(q: AccessQuery, action: string, key: KeyRecord | undefined, resource: string, everyIdentityAllows = false): AccessRequest {
  const keyRegion = key && q.core.store.region(scopeOf(key.accountId, key.region));
  const input = q.input;
  return {
    caller: q.caller,
    action,
    resource,
    ...(key && { key: { accountId: key.accountId, policy: parseKeyPolicy(key.policy) } }),
    identityPolicies: everyIdentityAllows ? [ALLOW_EVERYTHING] : identityPoliciesOf(q.core.access, q.caller),
    grants: key && keyRegion ? keyRegion.grants.grouped('key', key.keyId) : [],
    grant: {
      operation: grantOperationOf(action),
      encryptionContext: encryptionContextOf(action, input),
      ...(action === 'kms:CreateGrant' && {
        newGrantConstraints: (input.Constraints ?? {}),
        newGrantOperations: (input.Operations ?? []) as string[],
      }),
    },
    conditions: conditionValuesOf({ caller: q.caller, action, input, region: q.region, now: q.core.clock.now(), ...(key && { key }), ...(keyRegion && { keyRegion }) }),
  };
}

/** The decision on `action`, on `key` (or, with none, on `resource`, e.g. an alias ARN, or `*`). */
export function decide(q: AccessQuery, action: string, key?: KeyRecord, resource = key?.arn ?? '*'): AccessDecision {
  return evaluate(requestOf(q, action, key, resource));
}

/** The AccessDeniedException AWS answers for a denial. */
export function denialError(denial: Denial, principal: string, action: string, resource: string): KmsError {
  return denial === 'crossAccount' ? accessDenied.crossAccount(principal, action) : accessDenied[denial](principal, action, resource);
}

/** Raises AWS's AccessDeniedException unless the caller may do `action` (only under `authorization: 'enforce'`). */
export function authorize(q: AccessQuery, action: string, key?: KeyRecord, resource = key?.arn ?? '*'): void {
  if (!q.core.access.enforce) return;
  const decision = decide(q, action, key, resource);
  if (!decision.allowed) throw denialError(decision.denial ?? 'noResourceAllow', q.caller.arn, action, resource);
}

/**
 * The lockout safety check (API Reference: CreateKey, PutKeyPolicy and ReplicateKey, `Policy` and
 * BypassPolicyLockoutSafetyCheck): the new policy must let the caller make a later PutKeyPolicy
 * request. Run in both modes.
 */
export function assertLockoutSafe(q: AccessQuery, policy: PolicyDocument, key: Pick<KeyRecord, 'arn' | 'accountId'>): void {
  const request = requestOf(q, 'kms:PutKeyPolicy', undefined, key.arn, !q.core.access.enforce);
  const decision = evaluate({ ...request, key: { accountId: key.accountId, policy }, grants: [] });
  if (!decision.allowed) throw policyDocument.lockout();
}

/** A grant RetireGrant may retire (API Reference: RetireGrant): its retiring principal's, its grantee's when it allows RetireGrant, or its key account's root. */
export function assertMayRetire(
  q: AccessQuery,
  grant: { readonly retiringPrincipal?: string; readonly granteePrincipal?: string; readonly operations: readonly string[] },
  key: KeyRecord,
): void {
  if (!q.core.access.enforce) return;
  const { caller } = q;
  // Developer guide, retiring grants: an explicit Deny of kms:RetireGrant in IAM still blocks whoever the grant names.
  const decision = decide(q, 'kms:RetireGrant', key);
  if (decision.denial === 'explicitIdentityDeny') throw denialError(decision.denial, caller.arn, 'kms:RetireGrant', key.arn);
  const names = (arn: string | undefined) =>
    arn !== undefined && (arn === caller.arn || (caller.kind === 'assumed-role' && /:role\//.test(arn) && arn.split('/').pop() === caller.roleName && arn.split(':')[4] === caller.accountId));
  const rootOfKeyAccount = caller.kind === 'root' && caller.accountId === key.accountId;
  if (rootOfKeyAccount || names(grant.retiringPrincipal) || (grant.operations.includes('RetireGrant') && names(grant.granteePrincipal))) return;
  throw accessDenied.noResourceAllow(caller.arn, 'kms:RetireGrant', key.arn);
}


