import { CreateAliasCommand, CreateKeyCommand, DecryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { kmsFake } from 'kms-fake/jest';
import { unwrapSecret, wrapSecret } from '../src/keyring';

/**
 * A least-privilege test with the setup file: the fake kms-fake/jest makes for this file enforces
 * key policies, and the application's own module-level client calls as the role it runs as.
 */
const ACCOUNT_ROOT = 'arn:aws:iam::111122223333:root';
const APP_ROLE = 'arn:aws:iam::111122223333:role/keyring';

const policy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: ACCOUNT_ROOT }, Action: 'kms:*', Resource: '*' },
    // The application may wrap secrets, not unwrap them: a separate service does that.
    { Sid: 'Keyring wraps', Effect: 'Allow', Principal: { AWS: APP_ROLE }, Action: ['kms:Encrypt', 'kms:DescribeKey'], Resource: '*' },
  ],
});

let keyArn: string;
beforeAll(async () => {
  kmsFake.configureAccess({ authorization: 'enforce' });
  // Set up as the account root (the default caller), then act as the application's role.
  const admin = new KMSClient({ region: 'eu-west-1' });
  const { KeyMetadata } = await admin.send(new CreateKeyCommand({ Description: 'keyring application key', Policy: policy }));
  await admin.send(new CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: KeyMetadata!.KeyId! }));
  keyArn = KeyMetadata!.Arn!;
  kmsFake.configureAccess({ principal: APP_ROLE });
});

it('lets the role wrap a secret', async () => {
  await expect(wrapSecret('s3cret')).resolves.toEqual(expect.any(String));
});

it('denies the role unwrapping, naming the role, the action and the key', async () => {
  const blob = await wrapSecret('s3cret');
  await expect(unwrapSecret(blob)).rejects.toMatchObject({
    name: 'AccessDeniedException',
    message: expect.stringMatching(/^User: arn:aws:iam::111122223333:role\/keyring is not authorized to perform: kms:Decrypt on /),
  });
  expect(kmsFake).toHaveReceivedCommandWith(DecryptCommand, { EncryptionContext: { app: 'keyring' } });
  expect(kmsFake.calls().at(-1)).toMatchObject({ principal: APP_ROLE });
});

it('says why, for the failing test to print', () => {
  // By ARN: the fake's default Region is not the application's.
  const why = kmsFake.explain(APP_ROLE, 'kms:Decrypt', keyArn);
  expect(why).toMatchObject({ allowed: false, enforced: true, message: expect.stringContaining('kms:Decrypt') });
  expect(kmsFake.explain(APP_ROLE, 'kms:Encrypt', keyArn)).toMatchObject({ allowed: true, statement: expect.objectContaining({ sid: 'Keyring wraps' }) });
});
