import { KmsError, usageError } from '../../errors';
import type { AccessSettings } from './authorize';
import { parseIdentityPolicy, type PolicyDocument } from './policyDocument';
import { parseCaller } from './principals';

/** The `authorization` option's values: `'enforce'` evaluates policies and grants; `'off'` (the default) permits everything. */
export type AuthorizationMode = 'enforce' | 'off';

/** Checks and parses the access options; misuse is a usage error naming the option. */
export function accessSettingsOf(authorization: unknown, identityPolicies: unknown): AccessSettings {
  if (authorization !== undefined && authorization !== 'enforce' && authorization !== 'off') {
    throw usageError(`authorization must be 'enforce' or 'off', not ${JSON.stringify(authorization)}`);
  }
  const parsed = new Map<string, readonly PolicyDocument[]>();
  if (identityPolicies !== undefined) {
    if (typeof identityPolicies !== 'object' || identityPolicies === null) throw usageError('identityPolicies must be an object: { [principalArn]: PolicyDocument[] }');
    for (const [arn, docs] of Object.entries(identityPolicies)) {
      if (!parseCaller(arn)) throw usageError(`identityPolicies: ${arn} is not an IAM principal ARN (arn:aws:iam::<account>:role/<name>, …:user/<name>, …:root, or an assumed-role session)`);
      if (!Array.isArray(docs)) throw usageError(`identityPolicies[${arn}] must be an array of policy documents`);
      parsed.set(arn, docs.map((doc, i) => {
        try {
          return parseIdentityPolicy(doc);
        } catch (error) {
          const detail = error instanceof KmsError ? (error.wireMessage ?? 'not a policy document') : error instanceof Error ? error.message : String(error);
          throw usageError(`identityPolicies[${arn}][${i}] is not a valid policy: ${detail}`);
        }
      }));
    }
  }
  return { enforce: authorization === 'enforce', identityPolicies: parsed };
}

/** The caller a principal option names; a usage error if it is not an IAM principal ARN. */
export function callerOption(principal: unknown) {
  const caller = typeof principal === 'string' ? parseCaller(principal) : undefined;
  if (!caller) throw usageError(`principal must be an IAM principal ARN (arn:aws:iam::<account>:role/<name>, …:user/<name>, …:root, or arn:aws:sts::<account>:assumed-role/<role>/<session>), not ${String(principal)}`);
  return caller;
}
