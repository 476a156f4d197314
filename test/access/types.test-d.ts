// Type tests for the access-control surface (checked by `npm run typecheck`).
import { KMSClient } from '@aws-sdk/client-kms';
import { installKmsFake, KmsFake, type KmsAccessExplanation, type KmsFakeAccessOptions, type KmsPolicyDocument } from 'kms-fake';

const policy: KmsPolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['kms:Encrypt'], Resource: '*', Condition: { Bool: { 'kms:GrantIsForAWSResource': true } } }] };
const kms = new KmsFake({ authorization: 'enforce', principal: 'arn:aws:iam::111122223333:role/app', identityPolicies: { 'arn:aws:iam::111122223333:role/app': [policy, '{"Statement":[]}'] } });
kms.attach(new KMSClient({}), { principal: 'arn:aws:iam::111122223333:user/u' });
new KMSClient({}).middlewareStack.use(kms.plugin({ principal: 'arn:aws:iam::111122223333:root', region: 'us-east-1' }));
installKmsFake(KMSClient, { principal: 'arn:aws:iam::111122223333:role/app', authorization: 'off' });
const why: KmsAccessExplanation = kms.explain('arn:aws:iam::111122223333:role/app', 'kms:Decrypt', 'alias/app', { tenant: 'a' });
const allowed: boolean = why.allowed;
const reason: string = why.reason;
const sid: string | undefined = why.statement?.sid;
const grantId: string | undefined = why.grantId;

// @ts-expect-error -- authorization is 'enforce' or 'off'
new KmsFake({ authorization: true });
// @ts-expect-error -- an identity policy statement's Effect is Allow or Deny
new KmsFake({ identityPolicies: { x: [{ Statement: { Effect: 'Permit' } }] } });
const access: KmsFakeAccessOptions = { authorization: 'enforce', identityPolicies: { 'arn:aws:iam::111122223333:role/app': [policy] } };
kms.configureAccess(access);
kms.configureAccess({ principal: 'arn:aws:iam::111122223333:role/app' });
// @ts-expect-error -- configureAccess takes only who calls and what is enforced
kms.configureAccess({ accountId: '444455556666' });

// @ts-expect-error -- explain's context is an encryption context
kms.explain('arn:aws:iam::111122223333:root', 'kms:Encrypt', 'k', { n: 1 });

export { allowed, reason, sid, grantId };
