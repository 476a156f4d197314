import type { GetKeyPolicyRequest, ListKeyPoliciesRequest, PutKeyPolicyRequest } from '@aws-sdk/client-kms';
import { keyPolicy, notFound } from '../../errors';
import { KEY_ID_OR_ARN } from '../resolveKey';
import type { Scope } from '../store';
import { operation, type OperationGroup } from './operation';
import { keyIdParam, limitParam, markerParam, policyParam } from './params';

/** The only key policy name KMS knows (API Reference: GetKeyPolicy). */
const POLICY_NAME = 'default';
const policyName = { type: 'string', min: 1, max: 128, pattern: /^[\w]+$/ } as const;

/**
 * The key policy KMS attaches when CreateKey gives none (API Reference: GetKeyPolicy example),
 * in KMS's own layout: the account root may do everything.
 */
export function defaultKeyPolicy(scope: Scope): string {
  return [
    '{',
    '  "Version" : "2012-10-17",',
    '  "Id" : "key-default-1",',
    '  "Statement" : [ {',
    '    "Sid" : "Enable IAM User Permissions",',
    '    "Effect" : "Allow",',
    '    "Principal" : {',
    `      "AWS" : "arn:${scope.partition}:iam::${scope.accountId}:root"`,
    '    },',
    '    "Action" : "kms:*",',
    '    "Resource" : "*"',
    '  } ]',
    '}',
  ].join('\n');
}

/**
 * A key policy must be a JSON policy document with statements. The fake checks its form only;
 * it does not evaluate policies (no authorization is modelled).
 */
export function parsePolicy(policy: string): void {
  let doc: unknown;
  try {
    doc = JSON.parse(policy);
  } catch {
    throw keyPolicy.notJson();
  }
  const statement = (doc as { Statement?: unknown } | null)?.Statement;
  if (typeof doc !== 'object' || doc === null || statement === undefined) throw keyPolicy.noStatement();
}

const GetKeyPolicy = operation<GetKeyPolicyRequest>({
  input: { KeyId: keyIdParam(), PolicyName: policyName },
  key: { param: 'KeyId', forms: KEY_ID_OR_ARN },
  run(_ctx, input, key) {
    if ((input.PolicyName ?? POLICY_NAME) !== POLICY_NAME) throw notFound.policy(input.PolicyName ?? '');
    return { Policy: key.policy, PolicyName: POLICY_NAME };
  },
});

const PutKeyPolicy = operation<PutKeyPolicyRequest>({
  input: {
    KeyId: keyIdParam(),
    PolicyName: policyName,
    Policy: { ...policyParam, required: true },
    BypassPolicyLockoutSafetyCheck: { type: 'boolean' },
  },
  key: { param: 'KeyId', forms: KEY_ID_OR_ARN },
  run(_ctx, input, key) {
    if ((input.PolicyName ?? POLICY_NAME) !== POLICY_NAME) throw notFound.policy(input.PolicyName ?? '');
    parsePolicy(input.Policy ?? '');
    key.policy = input.Policy ?? '';
    return {};
  },
});

const ListKeyPolicies = operation<ListKeyPoliciesRequest>({
  input: { KeyId: keyIdParam(), Limit: limitParam(1000), Marker: markerParam },
  key: { param: 'KeyId', forms: KEY_ID_OR_ARN },
  run: () => ({ PolicyNames: [POLICY_NAME], Truncated: false }),
});

export const policyOperations: OperationGroup = { GetKeyPolicy, PutKeyPolicy, ListKeyPolicies };
