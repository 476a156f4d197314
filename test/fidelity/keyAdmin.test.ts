import {
  CancelKeyDeletionCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  GetKeyPolicyCommand,
  ListKeyPoliciesCommand,
  ListKeysCommand,
  PutKeyPolicyCommand,
  ScheduleKeyDeletionCommand,
  UpdateKeyDescriptionCommand,
  type KMSClient,
  type KeySpec,
  type KeyUsageType,
} from '@aws-sdk/client-kms';
import { KmsFake } from 'kms-fake';
import { fakeClient, setup } from '../support/client';
import { expectKmsError, NO_MESSAGE } from '../support/errors';
import { members, SYMMETRIC_MEMBERS, withMembers } from './recorded';

/**
 * Key creation, description and lifecycle against recorded AWS answers: LocalStack's AWS-validated
 * test_kms snapshots and assertions (test_create_key, test_hmac_create_key,
 * test_hmac_create_key_invalid_operations, test_get_key_in_different_region,
 * test_get_key_does_not_exist, test_get_key_invalid_uuid, test_schedule_and_cancel_key_deletion,
 * test_disable_and_enable_key, test_update_key_description, test_get_put_list_key_policies,
 * test_cant_delete_deleted_key, test_list_keys, test_derive_shared_secret), and a real CreateKey answer quoted in aws-sdk-ruby#1784.
 */

let kms: KmsFake;
let client: KMSClient;
beforeEach(() => ({ kms, client } = setup()));

const create = async (input: { KeySpec?: KeySpec; KeyUsage?: KeyUsageType; Description?: string; Policy?: string } = {}) =>
  (await client.send(new CreateKeyCommand(input))).KeyMetadata!;
const describeKey = async (KeyId: string) => (await client.send(new DescribeKeyCommand({ KeyId }))).KeyMetadata!;
const arnOf = (keyId: string, region = 'us-east-1') => `arn:aws:kms:${region}:${kms.accountId}:key/${keyId}`;

describe('CreateKey and DescribeKey members', () => {
  it('a symmetric key has the recorded members (test_create_key)', async () => {
    const key = await create({ Description: 'test key 123', KeyUsage: 'ENCRYPT_DECRYPT' });
    // CurrentKeyMaterialId came after the recording (2025).
    expect(members(key)).toEqual(withMembers(SYMMETRIC_MEMBERS, 'CurrentKeyMaterialId'));
    expect(key).toMatchObject({
      AWSAccountId: kms.accountId,
      Arn: arnOf(key.KeyId!),
      CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      Description: 'test key 123',
      Enabled: true,
      EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
      KeyManager: 'CUSTOMER',
      KeySpec: 'SYMMETRIC_DEFAULT',
      KeyState: 'Enabled',
      KeyUsage: 'ENCRYPT_DECRYPT',
      MultiRegion: false,
      Origin: 'AWS_KMS',
    });
    expect(await describeKey(key.KeyId!)).toEqual(key);
  });

  it('an HMAC key lists its MAC algorithm and no encryption algorithms (test_hmac_create_key)', async () => {
    const key = await create({ Description: 'test key', KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    const hmacMembers = SYMMETRIC_MEMBERS.filter((m) => m !== 'EncryptionAlgorithms');
    expect(members(key)).toEqual(withMembers(hmacMembers, 'MacAlgorithms'));
    expect(key).toMatchObject({ CustomerMasterKeySpec: 'HMAC_256', KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC', MacAlgorithms: ['HMAC_SHA_256'] });
    expect(await describeKey(key.KeyId!)).toEqual(key);
  });

  it('ListKeys pages: NextMarker only while Truncated (API Reference: ListKeys, NextMarker)', async () => {
    const created = [await create(), await create(), await create()];
    const first = await client.send(new ListKeysCommand({ Limit: 2 }));
    expect(first).toMatchObject({ Truncated: true, NextMarker: expect.any(String) });
    const rest = await client.send(new ListKeysCommand({ Limit: 2, Marker: first.NextMarker }));
    expect(rest.Truncated).toBe(false);
    expect(rest).not.toHaveProperty('NextMarker');
    expect([...first.Keys!, ...rest.Keys!].map((k) => k.KeyId).sort()).toEqual(created.map((k) => k.KeyId).sort());
  });

  it('ListKeys lists the key with its ARN (test_list_keys)', async () => {
    const key = await create();
    const { Keys, Truncated, NextMarker } = await client.send(new ListKeysCommand({}));
    expect(Keys).toContainEqual({ KeyId: key.KeyId, KeyArn: key.Arn });
    expect(Truncated).toBe(false);
    expect(NextMarker).toBeUndefined();
  });
});

describe('CreateKey validation (test_hmac_create_key_invalid_operations)', () => {
  it('requires a KeyUsage for an HMAC key', async () => {
    await expectKmsError(
      client.send(new CreateKeyCommand({ KeySpec: 'HMAC_256' })),
      'ValidationException',
      'You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.',
    );
  });

  it('answers an unknown KeySpec or KeyUsage with the front-end enum wording', async () => {
    // The enum lists are AWS's of 2023 in the record; AWS has added specs and usages since, so only the frame is compared.
    const spec = await expectKmsErrorPrefix(client.send(new CreateKeyCommand({ KeySpec: 'HMAC_random' as KeySpec })));
    expect(spec).toMatch(/^1 validation error detected: Value 'HMAC_random' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: \[.*\bHMAC_512\b.*\]$/);
    const usage = await expectKmsErrorPrefix(client.send(new CreateKeyCommand({ KeySpec: 'HMAC_256', KeyUsage: 'RANDOM' as KeyUsageType })));
    expect(usage).toMatch(/^1 validation error detected: Value 'RANDOM' at 'keyUsage' failed to satisfy constraint: Member must satisfy enum value set: \[ENCRYPT_DECRYPT, SIGN_VERIFY, GENERATE_VERIFY_MAC.*\]$/);
  });

  it('refuses a KeyUsage the KeySpec cannot have (test_derive_shared_secret, response-invalid-key-spec)', async () => {
    await expectKmsError(
      client.send(new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'KEY_AGREEMENT' })),
      'ValidationException',
      'KeyUsage KEY_AGREEMENT is not compatible with KeySpec RSA_2048',
    );
  });

  it('answers a policy that is not JSON with MalformedPolicyDocumentException and no message (aws-sdk-ruby#1784)', async () => {
    await expectKmsError(client.send(new CreateKeyCommand({ Policy: 'not a real policy statement' })), 'MalformedPolicyDocumentException', NO_MESSAGE);
  });
});

async function expectKmsErrorPrefix(call: Promise<unknown>): Promise<string> {
  const error = (await call.then(
    () => undefined,
    (e: Error) => e,
  ))!;
  expect(error).toMatchObject({ name: 'ValidationException', $fault: 'client' });
  return error.message;
}

describe('DescribeKey of keys that do not exist', () => {
  it('names the key ARN for an ID, an ARN and an mrk- ID (test_get_key_does_not_exist)', async () => {
    for (const keyId of ['134f2428-cec1-4b25-a1ae-9048164dba47', 'mrk-d3b95762d3b95762d3b95762d3b95762']) {
      await expectKmsError(client.send(new DescribeKeyCommand({ KeyId: keyId })), 'NotFoundException', `Key '${arnOf(keyId)}' does not exist`);
      await expectKmsError(client.send(new DescribeKeyCommand({ KeyId: arnOf(keyId) })), 'NotFoundException', `Key '${arnOf(keyId)}' does not exist`);
    }
  });

  it('echoes an ID that is not a key ID (test_get_key_invalid_uuid)', async () => {
    for (const keyId of ['fake-key-id', '134f2428cec14b25a1ae9048164dba47', 'mrk-fake-key-id']) {
      await expectKmsError(client.send(new DescribeKeyCommand({ KeyId: keyId })), 'NotFoundException', `Invalid keyId '${keyId}'`);
    }
  });

  it('names the request Region for an ID of another Region, and the ARN Region for its ARN (test_get_key_in_different_region)', async () => {
    const other = fakeClient(kms, 'ap-southeast-1');
    const key = (await other.send(new CreateKeyCommand({ Description: 'test key 123' }))).KeyMetadata!;
    await expectKmsError(client.send(new DescribeKeyCommand({ KeyId: key.KeyId })), 'NotFoundException', `Key '${arnOf(key.KeyId!)}' does not exist`);
    await expectKmsError(client.send(new DescribeKeyCommand({ KeyId: key.Arn })), 'NotFoundException', 'Invalid arn ap-southeast-1');
    expect(await other.send(new DescribeKeyCommand({ KeyId: key.Arn }))).toMatchObject({ KeyMetadata: key });
  });
});

describe('lifecycle', () => {
  it('ScheduleKeyDeletion then CancelKeyDeletion: disabled, and no DeletionDate left (test_schedule_and_cancel_key_deletion)', async () => {
    const key = await create();
    const scheduled = await client.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId }));
    expect(scheduled).toMatchObject({ KeyId: key.Arn, KeyState: 'PendingDeletion', PendingWindowInDays: 30 });
    const pending = await describeKey(key.KeyId!);
    expect(pending).toMatchObject({ Enabled: false, KeyState: 'PendingDeletion', DeletionDate: scheduled.DeletionDate });
    expect(pending).not.toHaveProperty('PendingDeletionWindowInDays');

    expect(await client.send(new CancelKeyDeletionCommand({ KeyId: key.KeyId }))).toMatchObject({ KeyId: key.Arn });
    const cancelled = await describeKey(key.KeyId!);
    expect(cancelled).toMatchObject({ Enabled: false, KeyState: 'Disabled' });
    expect(members(cancelled)).toEqual(members(key));
  });

  it('refuses to schedule the deletion of a key pending deletion (test_cant_delete_deleted_key)', async () => {
    const key = await create();
    await client.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId }));
    await expectKmsError(client.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId })), 'KMSInvalidStateException', `${key.Arn} is pending deletion.`);
  });

  it('DisableKey and EnableKey toggle Enabled and KeyState (test_disable_and_enable_key)', async () => {
    const key = await create();
    await client.send(new DisableKeyCommand({ KeyId: key.KeyId }));
    expect(await describeKey(key.KeyId!)).toMatchObject({ Enabled: false, KeyState: 'Disabled' });
    await client.send(new EnableKeyCommand({ KeyId: key.KeyId }));
    expect(await describeKey(key.KeyId!)).toEqual(key);
  });

  it('UpdateKeyDescription changes only the description (test_update_key_description)', async () => {
    const key = await create({ Description: 'old_description' });
    const out = await client.send(new UpdateKeyDescriptionCommand({ KeyId: key.KeyId, Description: 'new_description' }));
    expect(Object.keys(out)).toEqual(['$metadata']);
    expect(await describeKey(key.KeyId!)).toEqual({ ...key, Description: 'new_description' });
  });
});

describe('key policies (test_get_put_list_key_policies)', () => {
  const policy = (action: string) =>
    JSON.stringify({
      Version: '2012-10-17',
      Id: 'key-default-1',
      // As the recorded test's policies: the default statement (which keeps them clear of the lockout check) and one more.
      Statement: [
        { Sid: 'This is the default key policy', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' },
        { Sid: 'Extra', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: action, Resource: '*' },
      ],
    });

  it('lists only the default policy, and gets and puts it', async () => {
    const key = await create({ Policy: policy('kms:ListAliases') });
    expect(await client.send(new ListKeyPoliciesCommand({ KeyId: key.KeyId }))).toMatchObject({ PolicyNames: ['default'], Truncated: false });
    const got = await client.send(new GetKeyPolicyCommand({ KeyId: key.KeyId, PolicyName: 'default' }));
    expect(JSON.parse(got.Policy!)).toEqual(JSON.parse(policy('kms:ListAliases')));
    await client.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, PolicyName: 'default', Policy: policy('kms:ListGrants') }));
    const after = await client.send(new GetKeyPolicyCommand({ KeyId: key.KeyId, PolicyName: 'default' }));
    expect(JSON.parse(after.Policy!)).toEqual(JSON.parse(policy('kms:ListGrants')));
  });

  it('PutKeyPolicy answers a policy that is not JSON with no message, keeping the old one (aws-sdk-ruby#1784)', async () => {
    const key = await create({ Policy: policy('kms:ListAliases') });
    await expectKmsError(client.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: 'nope' })), 'MalformedPolicyDocumentException', NO_MESSAGE);
    const got = await client.send(new GetKeyPolicyCommand({ KeyId: key.KeyId }));
    expect(JSON.parse(got.Policy!)).toEqual(JSON.parse(policy('kms:ListAliases')));
  });
});
