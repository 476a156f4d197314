import { CreateAliasCommand, CreateKeyCommand, DescribeKeyCommand, EncryptCommand, GetKeyPolicyCommand, PutKeyPolicyCommand, ReplicateKeyCommand } from '@aws-sdk/client-kms';
import { KmsFake, KmsFakeUsageError } from 'kms-fake';
import { expectKmsError, NO_MESSAGE } from '../support/errors';
import { ADMIN_ROLE, APP_ROLE, DELEGATION, denied, enforcing, keyPolicy, ROOT } from './support';

/** Key policies as AWS checks them: the lockout safety check and the document's form, in both modes. */

const LOCKOUT = 'The new key policy will not allow you to update the key policy in the future.';
const INVALID_PRINCIPALS = 'Policy contains a statement with one or more invalid principals.';
/** A policy that lets only the app role use the key: nobody may change it later. */
const appOnly = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: APP_ROLE }, Action: 'kms:Encrypt', Resource: '*' }] });

describe.each(['enforce', 'off'] as const)('the lockout safety check (authorization: %s)', (authorization) => {
  it('refuses, on CreateKey, a policy the caller could not change later, unless bypassed', async () => {
    const { admin } = enforcing({ authorization });
    await expectKmsError(admin.send(new CreateKeyCommand({ Policy: appOnly })), 'MalformedPolicyDocumentException', LOCKOUT);
    const key = (await admin.send(new CreateKeyCommand({ Policy: appOnly, BypassPolicyLockoutSafetyCheck: true }))).KeyMetadata!;
    const read = admin.send(new GetKeyPolicyCommand({ KeyId: key.KeyId }));
    // Enforced, the bypass did what the check warns of: the account root can no longer read or change the policy.
    if (authorization === 'off') expect((await read).Policy).toBe(appOnly);
    else await expectKmsError(read, 'AccessDeniedException', denied.noResourceAllow(ROOT, 'kms:GetKeyPolicy', key.Arn!));
  });

  it('refuses it on PutKeyPolicy and keeps the old policy; a Deny of PutKeyPolicy fails it too', async () => {
    const { admin } = enforcing({ authorization });
    const key = (await admin.send(new CreateKeyCommand({}))).KeyMetadata!;
    const before = (await admin.send(new GetKeyPolicyCommand({ KeyId: key.KeyId }))).Policy;
    await expectKmsError(admin.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: appOnly })), 'MalformedPolicyDocumentException', LOCKOUT);
    const denyingPut = keyPolicy({ Effect: 'Deny', Principal: '*', Action: 'kms:PutKeyPolicy', Resource: '*' });
    await expectKmsError(admin.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: denyingPut })), 'MalformedPolicyDocumentException', LOCKOUT);
    expect((await admin.send(new GetKeyPolicyCommand({ KeyId: key.KeyId }))).Policy).toBe(before);
    await admin.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: keyPolicy() }));
  });

  it('is checked for the caller: a policy naming only another admin locks this one out', async () => {
    const { as } = enforcing({ authorization, identityPolicies: { [ADMIN_ROLE]: [{ Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] }] } });
    const adminsOnly = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: APP_ROLE }, Action: 'kms:*', Resource: '*' }] });
    await expectKmsError(as(ADMIN_ROLE).send(new CreateKeyCommand({ Policy: adminsOnly })), 'MalformedPolicyDocumentException', LOCKOUT);
    // The delegation statement passes it, as the admin's IAM policy allows kms:PutKeyPolicy.
    await as(ADMIN_ROLE).send(new CreateKeyCommand({ Policy: keyPolicy() }));
  });

  it('applies to ReplicateKey\'s policy', async () => {
    const { admin } = enforcing({ authorization });
    const key = (await admin.send(new CreateKeyCommand({ MultiRegion: true }))).KeyMetadata!;
    await expectKmsError(admin.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: 'eu-west-1', Policy: appOnly })), 'MalformedPolicyDocumentException', LOCKOUT);
  });
});

describe('a key policy document', () => {
  const put = async (Policy: string) => {
    const { admin } = enforcing({ authorization: 'off' });
    return admin.send(new CreateKeyCommand({ Policy }));
  };

  it.each([
    ['an ARN that is not an IAM principal', `arn:aws::111122223333:root`],
    ['a wildcard inside an ARN', 'arn:aws:iam::111122223333:role/*'],
    ['an account ID of the wrong length', '11112222333'],
  ])('refuses %s as a principal (recorded text)', async (_, principal) => {
    await expectKmsError(put(keyPolicy({ Effect: 'Allow', Principal: { AWS: principal }, Action: 'kms:*', Resource: '*' })), 'MalformedPolicyDocumentException', INVALID_PRINCIPALS);
  });

  it.each([
    ['an IAM group', 'arn:aws:iam::111122223333:group/admins'],
    ['an empty account ID', 'arn:aws:iam:::root'],
  ])('refuses %s as InvalidArnException (recorded text)', async (_, principal) => {
    await expectKmsError(put(keyPolicy({ Effect: 'Allow', Principal: { AWS: principal }, Action: 'kms:*', Resource: '*' })), 'InvalidArnException', 'An ARN in the specified key policy is invalid.');
  });

  it('refuses conditions on the key\'s own tags and aliases (recorded text), which identity policies may use', async () => {
    const tagged = keyPolicy({ Effect: 'Allow', Principal: { AWS: APP_ROLE }, Action: 'kms:Encrypt', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'a' } } });
    await expectKmsError(put(tagged), 'MalformedPolicyDocumentException', 'These condition keys are not permitted in a key policy: aws:ResourceTag, kms:ResourceTag, kms:ResourceAliases');
    const { admin, as } = enforcing({
      identityPolicies: { [APP_ROLE]: [{ Statement: { Effect: 'Allow', Action: 'kms:DescribeKey', Resource: '*', Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/app' } } } }] },
    });
    const key = (await admin.send(new CreateKeyCommand({}))).KeyMetadata!;
    await expectKmsError(as(APP_ROLE).send(new DescribeKeyCommand({ KeyId: key.KeyId })), 'AccessDeniedException', denied.noIdentityAllow(APP_ROLE, 'kms:DescribeKey', key.Arn!));
    await admin.send(new CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: key.KeyId }));
    await as(APP_ROLE).send(new DescribeKeyCommand({ KeyId: key.KeyId }));
  });

  it('refuses a statement without a principal, JSON that is no policy, and a policy over 32 KB', async () => {
    await expectKmsError(put(JSON.stringify({ Statement: [DELEGATION, { Effect: 'Allow', Action: 'kms:*', Resource: '*' }] })), 'MalformedPolicyDocumentException', INVALID_PRINCIPALS);
    // A Principal element that names no one is no principal either (API Reference: "one or more principals").
    for (const Principal of [{}, { AWS: [] }]) {
      await expectKmsError(put(keyPolicy({ Effect: 'Allow', Principal, Action: 'kms:*', Resource: '*' })), 'MalformedPolicyDocumentException', INVALID_PRINCIPALS);
    }
    await expectKmsError(put('{"Statement": '), 'MalformedPolicyDocumentException', NO_MESSAGE);
    const huge = JSON.stringify({ Statement: [DELEGATION], Id: 'x'.repeat(32_768) });
    await expectKmsError(put(huge), 'MalformedPolicyDocumentException', 'The key policy exceeds the maximum size of 32768 bytes.');
  });

  it('decides a statement whose patterns are many wildcards at once, as any other', async () => {
    // Thirty stars before a letter the action lacks: a backtracking matcher would run for years.
    const stars = keyPolicy({ Effect: 'Deny', Principal: '*', Action: `kms:${'*'.repeat(30)}X`, Resource: `arn:${'*'.repeat(30)}X` });
    const { admin } = enforcing();
    const key = (await admin.send(new CreateKeyCommand({ Policy: stars }))).KeyMetadata!;
    await admin.send(new DescribeKeyCommand({ KeyId: key.KeyId }));
  });

  it('reads a condition key named __proto__ as any other key (the request has none, so a Deny on it does not apply)', async () => {
    const { admin } = enforcing();
    const deny = '{"Effect": "Deny", "Principal": "*", "Action": "kms:Encrypt", "Resource": "*", "Condition": {"StringEquals": {"__proto__": "x"}}}';
    const policy = `{"Statement": [${JSON.stringify(DELEGATION)}, ${deny}]}`;
    const key = (await admin.send(new CreateKeyCommand({ Policy: policy }))).KeyMetadata!;
    await admin.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') }));
  });

  it('accepts principals in every form AWS does, and a statement without Action (it has no effect)', async () => {
    const forms = [ROOT, '111122223333', '*', APP_ROLE, 'arn:aws:iam::111122223333:user/path/u', 'arn:aws:sts::111122223333:assumed-role/app/session'];
    await put(keyPolicy({ Effect: 'Allow', Principal: { AWS: forms }, Action: 'kms:Encrypt', Resource: '*' }, { Effect: 'Allow', Principal: { AWS: APP_ROLE } }));
    await put(keyPolicy({ Effect: 'Allow', Principal: { Service: 'logs.amazonaws.com' }, Action: 'kms:Encrypt', Resource: '*' }));
  });
});

describe('a fixture\'s key policy', () => {
  const keyId = '1234abcd-12ab-34cd-56ef-1234567890ab';
  it.each([
    ['not JSON', '{"Statement": '],
    ['a statement without a principal', { Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] }],
  ])('is refused at load when it is %s, naming the key (not later, as an error of every call on it)', (_, policy) => {
    expect(() => KmsFake.fromFixture({ keys: [{ keyId, policy }] }, { authorization: 'enforce' })).toThrow(KmsFakeUsageError);
    expect(() => KmsFake.fromFixture({ keys: [{ keyId, policy }] })).toThrow(new RegExp(`fixture: ${keyId}: .*policy`));
  });
});
