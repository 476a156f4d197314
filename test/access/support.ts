import { KMSClient } from '@aws-sdk/client-kms';
import type { KmsFake, KmsFakeOptions } from 'kms-fake';
import { setup } from '../support/client';

/** The fake's account, and another one, as least-privilege tests name them. */
export const ACCOUNT = '111122223333';
export const OTHER_ACCOUNT = '444455556666';
export const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
export const APP_ROLE = `arn:aws:iam::${ACCOUNT}:role/app`;
export const ADMIN_ROLE = `arn:aws:iam::${ACCOUNT}:role/admin`;

/** The default key policy's statement: the account root may do everything, and IAM policies count. */
export const DELEGATION = { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:*', Resource: '*' } as const;

export const keyPolicy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: [DELEGATION, ...statements] });

/** An enforcing fake, its admin client (the account root) and a client per principal. */
export function enforcing(options: KmsFakeOptions = {}) {
  const { kms, client: admin } = setup({ authorization: 'enforce', ...options });
  return { kms, admin, as: (principal: string, region = 'us-east-1') => clientAs(kms, principal, region) };
}

/** A real KMSClient whose calls the fake attributes to `principal`. */
export function clientAs(kms: KmsFake, principal: string, region = 'us-east-1'): KMSClient {
  const client = new KMSClient({ region, maxAttempts: 1 });
  client.middlewareStack.use(kms.plugin({ principal }));
  return client;
}

/** AWS's denial texts (errors/access.ts cites their sources), for the assertions. */
export const denied = {
  noResourceAllow: (p: string, action: string, arn: string) =>
    `User: ${p} is not authorized to perform: ${action} on resource: ${arn} because no resource-based policy allows the ${action} action`,
  noIdentityAllow: (p: string, action: string, arn: string) =>
    `User: ${p} is not authorized to perform: ${action} on resource: ${arn} because no identity-based policy allows the ${action} action`,
  explicitResourceDeny: (p: string, action: string, arn: string) =>
    `User: ${p} is not authorized to perform: ${action} on resource: ${arn} with an explicit deny in a resource-based policy`,
  crossAccount: (p: string, action: string) =>
    `User: ${p} is not authorized to perform: ${action} on this resource because the resource does not exist in this Region, no resource-based policies allow access, or a resource-based policy explicitly denies access`,
};
