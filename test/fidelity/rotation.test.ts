import {
  CreateKeyCommand,
  DisableKeyRotationCommand,
  EnableKeyRotationCommand,
  GetKeyRotationStatusCommand,
  RotateKeyOnDemandCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { setup } from '../support/client';
import { expectKmsError, NO_MESSAGE } from '../support/errors';

/**
 * Rotation against recorded AWS answers: LocalStack's AWS-validated test_kms tests
 * test_rotate_on_demand_returns_arn_for_key_id, test_key_rotation_status,
 * test_rotate_key_on_demand_raises_error_given_key_that_does_not_exist and
 * test_rotate_key_on_demand_raises_error_given_non_symmetric_key.
 */

let client: KMSClient;
beforeEach(() => ({ client } = setup()));

describe('RotateKeyOnDemand', () => {
  it('answers the key ARN, whichever form named the key (test_rotate_on_demand_returns_arn_for_key_id)', async () => {
    const key = (await client.send(new CreateKeyCommand({ KeySpec: 'SYMMETRIC_DEFAULT', KeyUsage: 'ENCRYPT_DECRYPT' }))).KeyMetadata!;
    expect((await client.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId }))).KeyId).toBe(key.Arn);
    expect((await client.send(new RotateKeyOnDemandCommand({ KeyId: key.Arn }))).KeyId).toBe(key.Arn);
  });

  it('names the key ARN of a key that does not exist', async () => {
    const keyId = '1234abcd-12ab-34cd-56ef-1234567890ab';
    await expectKmsError(
      client.send(new RotateKeyOnDemandCommand({ KeyId: keyId })),
      'NotFoundException',
      `Key 'arn:aws:kms:us-east-1:111122223333:key/${keyId}' does not exist`,
    );
  });

  it('refuses a key that is not symmetric, without a message', async () => {
    const key = (await client.send(new CreateKeyCommand({ KeySpec: 'RSA_4096', KeyUsage: 'ENCRYPT_DECRYPT' }))).KeyMetadata!;
    await expectKmsError(client.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId })), 'UnsupportedOperationException', NO_MESSAGE);
  });
});

describe('GetKeyRotationStatus (test_key_rotation_status)', () => {
  it('is false by default, true once enabled, false once disabled', async () => {
    const { KeyId } = (await client.send(new CreateKeyCommand({}))).KeyMetadata!;
    const enabled = async () => (await client.send(new GetKeyRotationStatusCommand({ KeyId }))).KeyRotationEnabled;
    expect(await enabled()).toBe(false);
    await client.send(new EnableKeyRotationCommand({ KeyId }));
    expect(await enabled()).toBe(true);
    await client.send(new DisableKeyRotationCommand({ KeyId }));
    expect(await enabled()).toBe(false);
  });
});
