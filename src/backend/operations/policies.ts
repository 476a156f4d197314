import type { GetKeyPolicyRequest, ListKeyPoliciesRequest, PutKeyPolicyRequest } from '@aws-sdk/client-kms';
import { notFound } from '../../errors';
import { checkGivenPolicy } from '../keyPolicy';
import { KEY_ID_OR_ARN } from '../resolveKey';
import { operation, type OperationGroup } from './operation';
import { keyIdParam, limitParam, markerParam, policyParam } from './params';

/** The only key policy name KMS knows (API Reference: GetKeyPolicy). */
const POLICY_NAME = 'default';
const policyName = { type: 'string', min: 1, max: 128, pattern: /^[\w]+$/ } as const;

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
  run(ctx, input, key) {
    if ((input.PolicyName ?? POLICY_NAME) !== POLICY_NAME) throw notFound.policy(input.PolicyName ?? '');
    checkGivenPolicy(ctx.access, input.Policy ?? '', key, input.BypassPolicyLockoutSafetyCheck);
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
