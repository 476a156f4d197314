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
  bothContextConstraints: () =>
    validation('A grant cannot have both an EncryptionContextSubset and an EncryptionContextEquals constraint.'),
  contextConstraintNotSupported: (arn: string) =>
    validation(`Encryption context grant constraints are supported only on symmetric encryption KMS keys, not on ${arn}.`),
  servicePrincipalNeeds: () =>
    validation('A grant for a GranteeServicePrincipal needs a SourceArn constraint and a RetiringPrincipal or RetiringServicePrincipal.'),
  retireTarget: () => validation('Specify the grant to retire with a GrantToken, or with a KeyId and a GrantId.'),
};
