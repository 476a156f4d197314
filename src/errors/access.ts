import { kmsError } from './core';

/**
 * Authorization (issue 10): denials, and key policy documents as CreateKey, PutKeyPolicy and
 * ReplicateKey validate them. Sources are collected in /work/briefs/access-research.md and cited
 * per text; "IAM User Guide" means its page "Troubleshoot access denied error messages".
 */

/** The start every denial shares (recorded in each sample below: AccessDeniedException, HTTP 400, no trailing period). */
const notAuthorized = (principal: string, action: string) => `User: ${principal} is not authorized to perform: ${action}`;

/**
 * Where a denial names the resource: the key ARN (never the alias or ID as given), Decrypt's too,
 * whose key the ciphertext names (recorded direct Decrypt calls, without a KeyId among them:
 * aws/aws-nitro-enclaves-sdk-c#157, 2025, raw wire; an `aws kms decrypt --ciphertext-blob` CLI
 * answer of 2025). `*` for an operation on no key (recorded for kms:ListAliases, 2026). The
 * wording `on the resource associated with this ciphertext` is recorded only where another
 * service relays KMS's answer (IAM Identity Center User Guide; S3), and for another account.
 */
const onResource = (resource: string) => `on resource: ${resource}`;

export const accessDenied = {
  /**
   * Recorded: kms:DescribeKey by an IAM user (jbrt/ec2cryptomatic#26); kms:Decrypt by an assumed
   * role (4dn-dcic/tibanna#402); kms:CreateGrant (ACK dynamodb controller notes, 2026).
   */
  noResourceAllow: (principal: string, action: string, resource: string) =>
    kmsError('AccessDeniedException', `${notAuthorized(principal, action)} ${onResource(resource)} because no resource-based policy allows the ${action} action`),
  /**
   * Recorded: kms:Decrypt by an assumed role whose account the key policy trusts
   * (ministryofjustice/modernisation-platform PR #11726, trussworks/terraform-aws-s3-anti-virus PR #48,
   * cattle-ops/terraform-aws-gitlab-runner PR #1253).
   */
  noIdentityAllow: (principal: string, action: string, resource: string) =>
    kmsError('AccessDeniedException', `${notAuthorized(principal, action)} ${onResource(resource)} because no identity-based policy allows the ${action} action`),
  /** Recorded: kms:Decrypt denied by a key policy Deny (aws/aws-nitro-enclaves-sdk-c#157, 2025, raw wire, no trailing period). */
  explicitResourceDeny: (principal: string, action: string, resource: string) =>
    kmsError('AccessDeniedException', `${notAuthorized(principal, action)} ${onResource(resource)} with an explicit deny in a resource-based policy`),
  /**
   * Recorded: kms:Decrypt, an exact test assertion of 2025 (S3 relaying KMS's message). The newest
   * IAM form appends `: <policy ARN>`; identity policies given as documents have none, so it is left off.
   */
  explicitIdentityDeny: (principal: string, action: string, resource: string) =>
    kmsError('AccessDeniedException', `${notAuthorized(principal, action)} ${onResource(resource)} with an explicit deny in an identity-based policy`),
  /**
   * A caller from another account, for any reason: AWS does not say which. Recorded (2025): kms:Encrypt
   * by another account's role; kms:DescribeKey through the ACK controller; kubernetes-sigs/aws-encryption-provider PR #141.
   */
  crossAccount: (principal: string, action: string) =>
    kmsError(
      'AccessDeniedException',
      `${notAuthorized(principal, action)} ${action === 'kms:Decrypt' ? 'on the resource associated with this ciphertext' : 'on this resource'} because the resource does not exist in this Region, no resource-based policies allow access, or a resource-based policy explicitly denies access`,
    ),
};

/** Key policy documents (API Reference: CreateKey and PutKeyPolicy, `Policy`). */
export const policyDocument = {
  /** Recorded: awslabs/minimum-viable-dataspace-on-aws#6 (CreateKey), LBHackney-IT/Data-Platform PR #2238 (PutKeyPolicy). */
  invalidPrincipals: () => kmsError('MalformedPolicyDocumentException', 'Policy contains a statement with one or more invalid principals.'),
  /** Recorded: trussworks/terraform-aws-cloudtrail#178 (CreateKey), widdix/aws-cf-templates#259. */
  lockout: () => kmsError('MalformedPolicyDocumentException', 'The new key policy will not allow you to update the key policy in the future.'),
  /**
   * An ARN-shaped principal AWS cannot read: an IAM group, an account field that is not 12 digits.
   * Recorded: aws/aws-cdk#24125 (a group), Terraform runs with an empty account ID.
   */
  invalidArn: () => kmsError('InvalidArnException', 'An ARN in the specified key policy is invalid.'),
  /** Recorded: awsdocs/aws-kms-developer-guide PR #47 (a PutKeyPolicy failure, 2022), listing the keys whatever the policy used. */
  forbiddenConditionKeys: () =>
    kmsError('MalformedPolicyDocumentException', 'These condition keys are not permitted in a key policy: aws:ResourceTag, kms:ResourceTag, kms:ResourceAliases'),
  /** The 32 KB quota is documented; no record shows the text: the fake's own. */
  tooLarge: () => kmsError('MalformedPolicyDocumentException', 'The key policy exceeds the maximum size of 32768 bytes.'),
  /** The allowed characters are documented; no record shows the text: the fake's own. */
  invalidCharacters: () => kmsError('MalformedPolicyDocumentException', 'The key policy contains characters that are not allowed.'),
  /** A statement AWS cannot read (no Effect, an unknown condition operator, …); the fake's own text. */
  malformed: () => kmsError('MalformedPolicyDocumentException', 'The key policy contains a statement that is not valid.'),
};
