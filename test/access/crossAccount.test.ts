import { CreateAliasCommand, CreateKeyCommand, DecryptCommand, DescribeKeyCommand, DisableKeyCommand, EncryptCommand, ListKeysCommand } from '@aws-sdk/client-kms';
import { expectKmsError } from '../support/errors';
import { denied, enforcing, keyPolicy, OTHER_ACCOUNT } from './support';

/** Another account's caller: it reaches a key only by its key ARN, and only where the key policy (and its own IAM policies) allow. */

const PARTNER = `arn:aws:iam::${OTHER_ACCOUNT}:role/partner`;
const plaintext = new TextEncoder().encode('shared');
const partnerMayEncrypt = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:DescribeKey'], Resource: '*' }] } as const;

describe('a caller from another account', () => {
  it('is denied by the default key policy, with the form that does not say why', async () => {
    const { admin, as } = enforcing({ identityPolicies: { [PARTNER]: [partnerMayEncrypt] } });
    const key = (await admin.send(new CreateKeyCommand({}))).KeyMetadata!;
    await expectKmsError(as(PARTNER).send(new EncryptCommand({ KeyId: key.Arn, Plaintext: plaintext })), 'AccessDeniedException', denied.crossAccount(PARTNER, 'kms:Encrypt'));
  });

  it('is allowed by a key policy naming its account, with its own IAM policy; its ciphertexts decrypt in the owner account', async () => {
    const { admin, as } = enforcing({ identityPolicies: { [PARTNER]: [partnerMayEncrypt] } });
    const Policy = keyPolicy({ Sid: 'partner account', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: '*' });
    const key = (await admin.send(new CreateKeyCommand({ Policy }))).KeyMetadata!;
    const partner = as(PARTNER);
    const { CiphertextBlob, KeyId } = await partner.send(new EncryptCommand({ KeyId: key.Arn, Plaintext: plaintext }));
    expect(KeyId).toBe(key.Arn);
    expect((await partner.send(new DecryptCommand({ CiphertextBlob }))).Plaintext).toEqual(plaintext);
    expect((await admin.send(new DecryptCommand({ CiphertextBlob }))).Plaintext).toEqual(plaintext);
    // The policy names Encrypt and Decrypt only.
    await expectKmsError(partner.send(new DescribeKeyCommand({ KeyId: key.Arn })), 'AccessDeniedException', denied.crossAccount(PARTNER, 'kms:DescribeKey'));
  });

  it('is told the same when the key ARN names no key, where the owner account would get NotFoundException', async () => {
    const { admin, as } = enforcing({ identityPolicies: { [PARTNER]: [partnerMayEncrypt] } });
    const missing = 'arn:aws:kms:us-east-1:111122223333:key/134f2428-cec1-4b25-a1ae-9048164dba47';
    await expectKmsError(as(PARTNER).send(new EncryptCommand({ KeyId: missing, Plaintext: plaintext })), 'AccessDeniedException', denied.crossAccount(PARTNER, 'kms:Encrypt'));
    await expectKmsError(admin.send(new EncryptCommand({ KeyId: missing, Plaintext: plaintext })), 'NotFoundException', `Key '${missing}' does not exist`);
  });

  it('still needs its own IAM policy when the key policy names its account', async () => {
    const { admin, as } = enforcing();
    const key = (await admin.send(new CreateKeyCommand({ Policy: keyPolicy({ Effect: 'Allow', Principal: { AWS: OTHER_ACCOUNT }, Action: 'kms:Encrypt', Resource: '*' }) }))).KeyMetadata!;
    await expectKmsError(as(PARTNER).send(new EncryptCommand({ KeyId: key.Arn, Plaintext: plaintext })), 'AccessDeniedException', denied.noIdentityAllow(PARTNER, 'kms:Encrypt', key.Arn!));
  });

  it('reaches the key by its key ARN or alias ARN, never by its bare ID or alias name, and works in its own account', async () => {
    const { admin, as } = enforcing({ identityPolicies: { [PARTNER]: [{ Statement: { Effect: 'Allow', Action: 'kms:*', Resource: '*' } }] } });
    const key = (await admin.send(new CreateKeyCommand({ Policy: keyPolicy({ Effect: 'Allow', Principal: { AWS: PARTNER }, Action: 'kms:*', Resource: '*' }) }))).KeyMetadata!;
    await admin.send(new CreateAliasCommand({ AliasName: 'alias/shared', TargetKeyId: key.KeyId }));
    const partner = as(PARTNER);
    await expectKmsError(partner.send(new DescribeKeyCommand({ KeyId: key.KeyId })), 'NotFoundException', `Key 'arn:aws:kms:us-east-1:${OTHER_ACCOUNT}:key/${key.KeyId}' does not exist`);
    await expectKmsError(partner.send(new DescribeKeyCommand({ KeyId: 'alias/shared' })), 'NotFoundException', `Alias arn:aws:kms:us-east-1:${OTHER_ACCOUNT}:alias/shared is not found.`);
    // API Reference, DescribeKey and the cryptographic operations: another account's key by its key ARN or alias ARN.
    const byAliasArn = await partner.send(new DescribeKeyCommand({ KeyId: 'arn:aws:kms:us-east-1:111122223333:alias/shared' }));
    expect(byAliasArn.KeyMetadata?.Arn).toBe(key.Arn);
    expect((await partner.send(new DescribeKeyCommand({ KeyId: key.Arn }))).KeyMetadata?.KeyId).toBe(key.KeyId);
    // DisableKey is not a cross-account operation (API Reference): another account's ARN finds nothing.
    await expectKmsError(partner.send(new DisableKeyCommand({ KeyId: key.Arn })), 'NotFoundException', `Key '${key.Arn}' does not exist`);
    // The partner's own account is its own: its keys are not the owner's.
    const own = (await partner.send(new CreateKeyCommand({}))).KeyMetadata!;
    expect(own.Arn).toContain(`:${OTHER_ACCOUNT}:key/`);
    expect((await partner.send(new ListKeysCommand({}))).Keys?.map((k) => k.KeyId)).toEqual([own.KeyId]);
  });

  it('reaches the key by its ARN without enforcement too, where the operation allows it', async () => {
    const { admin, as } = enforcing({ authorization: 'off' });
    const key = (await admin.send(new CreateKeyCommand({}))).KeyMetadata!;
    expect((await as(PARTNER).send(new DescribeKeyCommand({ KeyId: key.Arn }))).KeyMetadata?.KeyId).toBe(key.KeyId);
  });
});
