import { kmsError, validation } from './core';

/**
 * Grants (API Reference: CreateGrant, ListGrants, ListRetirableGrants, RetireGrant, RevokeGrant).
 * The exceptions are the ones those pages list (an operation the key does not support is a
 * ValidationException, as CreateGrant's Operations states); no public record shows the texts, so
 * they are the fake's own.
 */
export const grants = {
  notFound: (grantId: string) => kmsError('NotFoundException', `Grant ${grantId} does not exist`),
  invalidId: (grantId: string) => kmsError('InvalidGrantIdException', `Invalid grant ID '${grantId}'`),
  invalidToken: () => kmsError('InvalidGrantTokenException', 'The grant token is not valid.'),
  operationNotSupported: (operation: string, arn: string) =>
    validation(`Grant operation ${operation} is not supported on ${arn}.`),
  /** Recorded: aws/aws-sdk-java#328 (CreateGrant with both constraints, real AWS, 2014). */
  bothContextConstraints: () => validation('More than one constraint supplied'),
  /** Recorded: ACK dynamodb controller notes (2026), CreateGrant with a context constraint on RSA_2048 and HMAC_256 keys. */
  contextConstraintNotSupported: () => validation('EncryptionContext is supported only when creating a grant for a symmetric encryption KMS key.'),
  /** Recorded: boto/boto PR #3883 (the raw wire answer to CreateGrant naming an alias, 2019). */
  aliasNotSupported: () => kmsError('InvalidArnException', 'Key Aliases are not supported for this operation.'),
  /** Recorded: ansible/ansible PR #31960 (boto3 output, 2019). */
  onlyCreateGrant: () => validation('Grants must not contain only the CreateGrant operation.'),
  servicePrincipalNeeds: () =>
    validation('A grant for a GranteeServicePrincipal needs a SourceArn constraint and a RetiringPrincipal or RetiringServicePrincipal.'),
  retireTarget: () => validation('Specify the grant to retire with a GrantToken, or with a KeyId and a GrantId.'),
};
