import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EncryptCommand,
  GenerateRandomCommand,
  ListKeysCommand,
  ReEncryptCommand,
} from '@aws-sdk/client-kms';
import type { KmsPolicyDocument } from 'kms-fake';
import { expectKmsError } from '../support/errors';
import { ADMIN_ROLE, APP_ROLE, DELEGATION, denied, enforcing, keyPolicy, ROOT } from './support';

/** Least privilege as an application test proves it: each role can do what its policies allow, and no more. */

const encryptOnly = keyPolicy({ Sid: 'app encrypts', Effect: 'Allow', Principal: { AWS: APP_ROLE }, Action: 'kms:Encrypt', Resource: '*' });
const plaintext = new TextEncoder().encode('secret');

async function keyWith(admin: ReturnType<typeof enforcing>['admin'], Policy: string) {
  return (await admin.send(new CreateKeyCommand({ Policy }))).KeyMetadata!;
}

describe('a role allowed only Encrypt', () => {
  it('encrypts, and cannot Decrypt or DescribeKey: AccessDeniedException naming the key', async () => {
    const { admin, as } = enforcing();
    const key = await keyWith(admin, encryptOnly);
    const app = as(APP_ROLE);
    const { CiphertextBlob } = await app.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: plaintext }));
    // Decrypt names the key the ciphertext names, by its ARN, even without a KeyId (recorded direct Decrypt calls).
    await expectKmsError(app.send(new DecryptCommand({ CiphertextBlob })), 'AccessDeniedException', denied.noIdentityAllow(APP_ROLE, 'kms:Decrypt', key.Arn!));
    await expectKmsError(app.send(new DescribeKeyCommand({ KeyId: key.KeyId })), 'AccessDeniedException', denied.noIdentityAllow(APP_ROLE, 'kms:DescribeKey', key.Arn!));
  });

  it('covers the role\'s sessions, which the denial names by their session ARN', async () => {
    const { admin, as } = enforcing();
    const key = await keyWith(admin, encryptOnly);
    const session = 'arn:aws:sts::111122223333:assumed-role/app/lambda-1';
    await as(session).send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: plaintext }));
    await expectKmsError(as(session).send(new DescribeKeyCommand({ KeyId: key.KeyId })), 'AccessDeniedException', denied.noIdentityAllow(session, 'kms:DescribeKey', key.Arn!));
  });

  it('is denied before the key state is looked at, as AWS authorizes first', async () => {
    const { admin, as } = enforcing();
    const key = await keyWith(admin, encryptOnly);
    await admin.send(new DisableKeyCommand({ KeyId: key.KeyId }));
    await expectKmsError(as(APP_ROLE).send(new DescribeKeyCommand({ KeyId: key.KeyId })), 'AccessDeniedException', denied.noIdentityAllow(APP_ROLE, 'kms:DescribeKey', key.Arn!));
    await expectKmsError(as(APP_ROLE).send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: plaintext })), 'DisabledException', `${key.Arn} is disabled.`);
  });
});

describe('explicit deny', () => {
  it('beats an Allow of the same action, and leaves the other actions allowed', async () => {
    const { admin, as } = enforcing();
    const key = await keyWith(
      admin,
      keyPolicy(
        { Sid: 'app uses the key', Effect: 'Allow', Principal: { AWS: APP_ROLE }, Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:DescribeKey'], Resource: '*' },
        { Sid: 'nobody describes', Effect: 'Deny', Principal: '*', Action: 'kms:Describe*', Resource: '*' },
      ),
    );
    await as(APP_ROLE).send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: plaintext }));
    await expectKmsError(as(APP_ROLE).send(new DescribeKeyCommand({ KeyId: key.KeyId })), 'AccessDeniedException', denied.explicitResourceDeny(APP_ROLE, 'kms:DescribeKey', key.Arn!));
    // The account root too: a Deny for "*" reaches everyone.
    await expectKmsError(admin.send(new DescribeKeyCommand({ KeyId: key.KeyId })), 'AccessDeniedException', denied.explicitResourceDeny(ROOT, 'kms:DescribeKey', key.Arn!));
  });

  it('applies a condition: Decrypt only with the right encryption context', async () => {
    const { admin, as } = enforcing();
    const key = await keyWith(
      admin,
      keyPolicy(
        { Effect: 'Allow', Principal: { AWS: APP_ROLE }, Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: '*' },
        { Effect: 'Deny', Principal: { AWS: APP_ROLE }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringNotEquals: { 'kms:EncryptionContext:tenant': 'a' } } },
      ),
    );
    const app = as(APP_ROLE);
    for (const tenant of ['a', 'b']) {
      const { CiphertextBlob } = await app.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: plaintext, EncryptionContext: { tenant } }));
      const decrypt = app.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: { tenant } }));
      if (tenant === 'a') expect((await decrypt).Plaintext).toEqual(plaintext);
      else await expectKmsError(decrypt, 'AccessDeniedException', denied.explicitResourceDeny(APP_ROLE, 'kms:Decrypt', key.Arn!));
    }
  });
});

describe('identity policies', () => {
  const allowDescribe = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['kms:DescribeKey', 'kms:CreateKey'], Resource: '*' }] } as const;

  it('count where the key policy delegates to the account, and not where it does not', async () => {
    const { admin, as } = enforcing({ identityPolicies: { [APP_ROLE]: [allowDescribe] } });
    const delegating = await keyWith(admin, keyPolicy());
    const notDelegating = (await admin.send(new CreateKeyCommand({
      Policy: JSON.stringify({ Statement: [{ ...DELEGATION, Principal: { AWS: ADMIN_ROLE } }, { Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:PutKeyPolicy', Resource: '*' }] }),
    }))).KeyMetadata!;
    await as(APP_ROLE).send(new DescribeKeyCommand({ KeyId: delegating.KeyId }));
    await expectKmsError(as(APP_ROLE).send(new DescribeKeyCommand({ KeyId: notDelegating.KeyId })), 'AccessDeniedException', denied.noResourceAllow(APP_ROLE, 'kms:DescribeKey', notDelegating.Arn!));
    await expectKmsError(as(APP_ROLE).send(new EncryptCommand({ KeyId: delegating.KeyId, Plaintext: plaintext })), 'AccessDeniedException', denied.noIdentityAllow(APP_ROLE, 'kms:Encrypt', delegating.Arn!));
  });

  it('alone decide operations on no key, whose denial names resource *', async () => {
    const { as } = enforcing({ identityPolicies: { [APP_ROLE]: [allowDescribe] } });
    await as(APP_ROLE).send(new CreateKeyCommand({}));
    await expectKmsError(as(APP_ROLE).send(new ListKeysCommand({})), 'AccessDeniedException', denied.noIdentityAllow(APP_ROLE, 'kms:ListKeys', '*'));
    await expectKmsError(as(ADMIN_ROLE).send(new GenerateRandomCommand({ NumberOfBytes: 8 })), 'AccessDeniedException', denied.noIdentityAllow(ADMIN_ROLE, 'kms:GenerateRandom', '*'));
  });

  it('of a role apply to its sessions', async () => {
    const { admin, as } = enforcing({ identityPolicies: { 'arn:aws:iam::111122223333:role/team/app': [allowDescribe] } });
    const key = await keyWith(admin, keyPolicy());
    await as('arn:aws:sts::111122223333:assumed-role/app/s').send(new DescribeKeyCommand({ KeyId: key.KeyId }));
  });
});

describe('aliases', () => {
  it('CreateAlias needs the alias (identity policies only) and the key', async () => {
    const aliasArn = 'arn:aws:kms:us-east-1:111122223333:alias/app';
    const allowOn = (...Resource: string[]) => ({ Statement: [{ Effect: 'Allow' as const, Action: 'kms:CreateAlias', Resource }] });
    const { admin, as } = enforcing({ identityPolicies: { [APP_ROLE]: [allowOn(aliasArn)], [ADMIN_ROLE]: [allowOn('arn:aws:kms:*:*:key/*')] } });
    const key = await keyWith(admin, keyPolicy());
    const create = (who: string) => as(who).send(new CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: key.KeyId }));
    await expectKmsError(create(APP_ROLE), 'AccessDeniedException', denied.noIdentityAllow(APP_ROLE, 'kms:CreateAlias', key.Arn!));
    await expectKmsError(create(ADMIN_ROLE), 'AccessDeniedException', denied.noIdentityAllow(ADMIN_ROLE, 'kms:CreateAlias', aliasArn));
    await create(ROOT);
  });

  it('kms:RequestAlias lets a role use the key only through its alias', async () => {
    const { admin, as } = enforcing();
    const key = await keyWith(admin, keyPolicy({ Effect: 'Allow', Principal: { AWS: APP_ROLE }, Action: 'kms:Encrypt', Resource: '*', Condition: { StringEquals: { 'kms:RequestAlias': 'alias/app' } } }));
    await admin.send(new CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: key.KeyId }));
    await as(APP_ROLE).send(new EncryptCommand({ KeyId: 'alias/app', Plaintext: plaintext }));
    await expectKmsError(as(APP_ROLE).send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: plaintext })), 'AccessDeniedException', denied.noIdentityAllow(APP_ROLE, 'kms:Encrypt', key.Arn!));
  });
});

describe('ReEncrypt', () => {
  it('asks kms:ReEncryptFrom of the source key and kms:ReEncryptTo of the destination', async () => {
    const { admin, as } = enforcing();
    const source = await keyWith(admin, keyPolicy({ Effect: 'Allow', Principal: { AWS: APP_ROLE }, Action: ['kms:Encrypt', 'kms:ReEncrypt*'], Resource: '*' }));
    const destination = await keyWith(admin, keyPolicy({ Effect: 'Allow', Principal: { AWS: APP_ROLE }, Action: 'kms:ReEncryptFrom', Resource: '*' }));
    const app = as(APP_ROLE);
    const { CiphertextBlob } = await app.send(new EncryptCommand({ KeyId: source.KeyId, Plaintext: plaintext }));
    await expectKmsError(app.send(new ReEncryptCommand({ CiphertextBlob, DestinationKeyId: destination.KeyId })), 'AccessDeniedException', denied.noIdentityAllow(APP_ROLE, 'kms:ReEncryptTo', destination.Arn!));
    // kms:ReEncrypt* on the source covers both halves of re-encrypting under the same key.
    await app.send(new ReEncryptCommand({ CiphertextBlob, DestinationKeyId: source.KeyId }));
  });
});

describe('global condition keys every request carries', () => {
  it('aws:RequestedRegion and aws:SecureTransport: a region-locked role works in its Region only', async () => {
    const regionLock: KmsPolicyDocument = {
      Statement: [
        { Effect: 'Allow', Action: 'kms:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
        { Effect: 'Deny', Action: 'kms:*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } } },
      ],
    };
    const { admin, as } = enforcing({ identityPolicies: { [APP_ROLE]: [regionLock] } });
    const key = await keyWith(admin, keyPolicy());
    await as(APP_ROLE).send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: plaintext }));
    const west = (await as(ROOT, 'eu-west-1').send(new CreateKeyCommand({}))).KeyMetadata!;
    await expectKmsError(
      as(APP_ROLE, 'eu-west-1').send(new EncryptCommand({ KeyId: west.KeyId, Plaintext: plaintext })),
      'AccessDeniedException',
      `User: ${APP_ROLE} is not authorized to perform: kms:Encrypt on resource: ${west.Arn!} with an explicit deny in an identity-based policy`,
    );
  });
});

describe('without authorization: "enforce"', () => {
  it('nothing is denied, whoever calls', async () => {
    const { admin, as } = enforcing({ authorization: 'off' });
    const key = await keyWith(admin, encryptOnly);
    const stranger = as('arn:aws:iam::111122223333:user/nobody');
    const { CiphertextBlob } = await stranger.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: plaintext }));
    expect((await stranger.send(new DecryptCommand({ CiphertextBlob }))).Plaintext).toEqual(plaintext);
    await stranger.send(new ListKeysCommand({}));
  });
});
