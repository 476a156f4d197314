import { assertLockoutSafe, type AccessQuery } from './access/authorize';
import { parseKeyPolicy } from './access/policyDocument';
import { rootPrincipal, type RegionState, type Scope } from './store';

/**
 * The key policy KMS attaches when CreateKey gives none (API Reference: GetKeyPolicy example),
 * in KMS's own layout: the account root may do everything. Made once per region and shared by
 * its keys (a copy per key would be a quarter of a key's memory).
 */
export function defaultKeyPolicy(region: RegionState): string {
  return (region.defaultPolicy ??= policyFor(region.scope));
}

function policyFor(scope: Scope): string {
  return [
    '{',
    '  "Version" : "2012-10-17",',
    '  "Id" : "key-default-1",',
    '  "Statement" : [ {',
    '    "Sid" : "Enable IAM User Permissions",',
    '    "Effect" : "Allow",',
    '    "Principal" : {',
    `      "AWS" : "${rootPrincipal(scope)}"`,
    '    },',
    '    "Action" : "kms:*",',
    '    "Resource" : "*"',
    '  } ]',
    '}',
  ].join('\n');
}

/**
 * A key policy a request gives (CreateKey, PutKeyPolicy, ReplicateKey): validated as AWS validates
 * it (access/policyDocument.ts), then the lockout safety check unless BypassPolicyLockoutSafetyCheck,
 * in both authorization modes (API Reference: CreateKey, `Policy`). `key` is the key it will
 * govern (its ARN `*` while CreateKey has not named it yet).
 */
export function checkGivenPolicy(access: AccessQuery, policy: string, key: { arn: string; accountId: string }, bypass: boolean | undefined): void {
  const doc = parseKeyPolicy(policy);
  if (bypass !== true) assertLockoutSafe(access, doc, key);
}
