import { CreateKeyCommand, DescribeKeyCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { installKmsFake, KmsFake, KmsFakeUsageError } from 'kms-fake';
import { mockClient } from 'kms-fake/client-mock';
import { setup } from '../support/client';
import { expectKmsError } from '../support/errors';
import { ACCOUNT, APP_ROLE, denied, enforcing, keyPolicy, ROOT } from './support';

/** Who calls: each way of attaching the fake names its caller, the history records it, and explain says why. */

const plaintext = new TextEncoder().encode('x');
const encryptOnly = keyPolicy({ Sid: 'app encrypts', Effect: 'Allow', Principal: { AWS: APP_ROLE }, Action: 'kms:Encrypt', Resource: '*' });

describe('the caller', () => {
  it('is the account root by default, and the attachment\'s principal otherwise, as the call history records', async () => {
    const { kms, client } = setup();
    const app = new KMSClient({ region: 'eu-west-1', maxAttempts: 1 });
    kms.attach(app, { principal: APP_ROLE });
    await client.send(new CreateKeyCommand({}));
    await app.send(new CreateKeyCommand({}));
    expect(kms.calls().map((c) => c.principal)).toEqual([ROOT, APP_ROLE]);
  });

  it('is named by installKmsFake and by mockClient through the fake\'s principal option', async () => {
    const installed = installKmsFake(KMSClient, { principal: APP_ROLE, authorization: 'enforce', override: true });
    try {
      const client = new KMSClient({ region: 'us-east-1', maxAttempts: 1 });
      await expectKmsError(client.send(new CreateKeyCommand({})), 'AccessDeniedException', denied.noIdentityAllow(APP_ROLE, 'kms:CreateKey', '*'));
      expect(installed.calls()[0]?.principal).toBe(APP_ROLE);
    } finally {
      installed.restore();
    }
    const stub = mockClient(KMSClient, { principal: APP_ROLE });
    try {
      await new KMSClient({ region: 'us-east-1', maxAttempts: 1 }).send(new CreateKeyCommand({}));
      expect(stub.kmsFake.calls()[0]?.principal).toBe(APP_ROLE);
    } finally {
      stub.restore();
    }
  });

  it('is refused when it is not an IAM principal ARN, as are bad access options', () => {
    const kms = new KmsFake();
    expect(() => kms.plugin({ principal: 'app' })).toThrow(KmsFakeUsageError);
    expect(() => kms.attach(new KMSClient({}), { principal: 'arn:aws:iam::1:role/x' })).toThrow(/principal must be an IAM principal ARN/);
    expect(() => new KmsFake({ principal: 'arn:aws:s3:::bucket' })).toThrow(KmsFakeUsageError);
    expect(() => new KmsFake({ authorization: 'on' as never })).toThrow(/authorization must be 'enforce' or 'off'/);
    expect(() => new KmsFake({ identityPolicies: { [APP_ROLE]: [{ Statement: [{ Effect: 'Maybe' as never }] }] } })).toThrow(/identityPolicies\[arn:aws:iam::111122223333:role\/app\]\[0\]/);
    expect(() => new KmsFake({ identityPolicies: { app: [] } })).toThrow(/not an IAM principal ARN/);
    expect(() => new KmsFake({ authorisation: 'enforce' } as never)).toThrow(/no option authorisation/);
  });
});

describe('kms.explain', () => {
  it('names the statement that allowed, and says why a denial happened, with the message the call answers', async () => {
    const { kms, admin } = enforcing();
    const key = (await admin.send(new CreateKeyCommand({ Policy: encryptOnly }))).KeyMetadata!;
    expect(kms.explain(APP_ROLE, 'kms:Encrypt', key.KeyId)).toEqual({
      allowed: true,
      enforced: true,
      statement: { policy: 'key policy', index: 1, sid: 'app encrypts', effect: 'Allow' },
      reason: 'Allowed by the key policy statement "app encrypts" (#1), which names the caller.',
    });
    const why = kms.explain(APP_ROLE, 'Decrypt', key.Arn);
    expect(why).toMatchObject({ allowed: false, statement: { sid: 'Enable IAM User Permissions' } });
    expect(why.reason).toBe('Denied: the key policy statement "Enable IAM User Permissions" (#0) delegates to the caller\'s account, but no identity policy of the caller allows it.');
    expect(why.message).toBe(`User: ${APP_ROLE} is not authorized to perform: kms:Decrypt on resource: ${key.Arn} because no identity-based policy allows the kms:Decrypt action`);
  });

  it('refuses a name that is no KMS action, and reads an action in any case as its canonical name', async () => {
    const { kms, admin } = enforcing();
    const key = (await admin.send(new CreateKeyCommand({ Policy: encryptOnly }))).KeyMetadata!;
    expect(() => kms.explain(APP_ROLE, 'kms:Decrpyt', key.KeyId)).toThrow(/explain: kms:Decrpyt is not a KMS action/);
    expect(() => kms.explain(APP_ROLE, 's3:GetObject', key.KeyId)).toThrow(KmsFakeUsageError);
    expect(() => kms.explain(APP_ROLE, undefined as never, key.KeyId)).toThrow(KmsFakeUsageError);
    expect(kms.explain(APP_ROLE, 'kms:encrypt', key.KeyId).allowed).toBe(true);
    expect(kms.explain(APP_ROLE, 'kms:decrypt', key.Arn).message).toContain('perform: kms:Decrypt on');
    expect(kms.explain(APP_ROLE, 'kms:ReEncryptFrom', key.Arn).allowed).toBe(false);
  });

  it('names the grant, honouring the encryption context, and explains without enforcement too', async () => {
    const { kms, client } = setup({ accountId: ACCOUNT });
    const key = (await client.send(new CreateKeyCommand({}))).KeyMetadata!;
    const { CreateGrantCommand } = await import('@aws-sdk/client-kms');
    const { GrantId } = await client.send(new CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: APP_ROLE, Operations: ['Encrypt'], Constraints: { EncryptionContextEquals: { a: '1' } } }));
    expect(kms.explain(APP_ROLE, 'kms:Encrypt', key.KeyId, { a: '1' })).toMatchObject({ allowed: true, enforced: false, grantId: GrantId });
    expect(kms.explain(APP_ROLE, 'kms:Encrypt', key.KeyId, { a: '2' })).toMatchObject({ allowed: false });
    // Not enforced: the call itself succeeds.
    await client.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: plaintext }));
  });

  it('is a usage error for a key that does not exist or an action on a key without one', () => {
    const kms = new KmsFake();
    expect(() => kms.explain(ROOT, 'kms:DescribeKey', 'alias/none')).toThrow(/explain: Alias arn:aws:kms:us-east-1:111122223333:alias\/none is not found/);
    expect(() => kms.explain(ROOT, 'kms:DescribeKey')).toThrow(/pass its KeyId/);
    expect(kms.explain(ROOT, 'kms:ListKeys')).toMatchObject({ allowed: true });
  });

  it('agrees with what the call answers', async () => {
    const { kms, admin, as } = enforcing();
    const key = (await admin.send(new CreateKeyCommand({ Policy: encryptOnly }))).KeyMetadata!;
    const error = await as(APP_ROLE).send(new DescribeKeyCommand({ KeyId: key.KeyId })).catch((e: Error) => e);
    expect((error as Error).message).toBe(kms.explain(APP_ROLE, 'kms:DescribeKey', key.KeyId).message);
  });
});
