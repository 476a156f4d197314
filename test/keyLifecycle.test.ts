import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  EncryptCommand,
  GetKeyLastUsageCommand,
  GetKeyPolicyCommand,
  KMSClient,
  KMSInvalidStateException,
  ListAliasesCommand,
  ListKeyPoliciesCommand,
  ListKeysCommand,
  MalformedPolicyDocumentException,
  NotFoundException,
  PutKeyPolicyCommand,
  ScheduleKeyDeletionCommand,
  UpdateKeyDescriptionCommand,
} from '@aws-sdk/client-kms';
import { KmsFake } from 'kms-fake';
import { DAY_MS, failure, fakeClient } from './support/client';

const START = Date.parse('2030-01-01T00:00:00Z');
let kms: KmsFake;
let client: KMSClient;
beforeEach(() => {
  kms = new KmsFake({ clock: () => START });
  client = fakeClient(kms, 'eu-west-2');
});

async function createKey(input = {}) {
  return (await client.send(new CreateKeyCommand(input))).KeyMetadata!;
}

const describe_ = async (keyId: string) => (await client.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!;

describe('CreateKey and DescribeKey', () => {
  it('returns the full metadata of a symmetric key, stamped by the fake clock', async () => {
    const key = await createKey({ Description: 'orders' });
    expect(key).toEqual({
      AWSAccountId: '111122223333',
      KeyId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      Arn: `arn:aws:kms:eu-west-2:111122223333:key/${key.KeyId}`,
      CreationDate: new Date(START),
      Enabled: true,
      Description: 'orders',
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeyState: 'Enabled',
      Origin: 'AWS_KMS',
      KeyManager: 'CUSTOMER',
      CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      KeySpec: 'SYMMETRIC_DEFAULT',
      EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
      MultiRegion: false,
      CurrentKeyMaterialId: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(await describe_(key.KeyId!)).toEqual(key);
  });

  it('creates keys for imported material in PendingImport', async () => {
    const key = await createKey({ Origin: 'EXTERNAL' });
    expect(key).toMatchObject({ KeyState: 'PendingImport', Enabled: false, Origin: 'EXTERNAL' });
    expect(key).not.toHaveProperty('CurrentKeyMaterialId');
  });

  it('creates multi-Region primaries with mrk- IDs', async () => {
    const key = await createKey({ MultiRegion: true });
    expect(key.KeyId).toMatch(/^mrk-[0-9a-f]{32}$/);
    expect(key.MultiRegionConfiguration).toEqual({
      MultiRegionKeyType: 'PRIMARY',
      PrimaryKey: { Arn: key.Arn, Region: 'eu-west-2' },
      ReplicaKeys: [],
    });
  });

  it('lists the algorithms of the key spec and usage', async () => {
    const signing = await createKey({ KeySpec: 'ECC_NIST_P384', KeyUsage: 'SIGN_VERIFY' });
    expect(signing).toMatchObject({ SigningAlgorithms: ['ECDSA_SHA_384'], KeySpec: 'ECC_NIST_P384' });
    expect(signing).not.toHaveProperty('EncryptionAlgorithms');
    const mac = await createKey({ KeySpec: 'HMAC_512', KeyUsage: 'GENERATE_VERIFY_MAC' });
    expect(mac).toMatchObject({ MacAlgorithms: ['HMAC_SHA_512'] });
    const pq = await createKey({ KeySpec: 'ML_DSA_65', KeyUsage: 'SIGN_VERIFY' });
    expect(pq).toMatchObject({ SigningAlgorithms: ['ML_DSA_SHAKE_256'] });
    expect(pq).not.toHaveProperty('CustomerMasterKeySpec');
  });

  it('stores the default key policy, or the one given', async () => {
    const plain = await createKey();
    const policy = await client.send(new GetKeyPolicyCommand({ KeyId: plain.KeyId }));
    expect(policy.PolicyName).toBe('default');
    expect(JSON.parse(policy.Policy!)).toEqual({
      Version: '2012-10-17',
      Id: 'key-default-1',
      Statement: [
        {
          Sid: 'Enable IAM User Permissions',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111122223333:root' },
          Action: 'kms:*',
          Resource: '*',
        },
      ],
    });
    // The account root keeps kms:PutKeyPolicy, so the policy passes the lockout safety check.
    const custom = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'custom', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }] });
    const withPolicy = await createKey({ Policy: custom });
    expect((await client.send(new GetKeyPolicyCommand({ KeyId: withPolicy.KeyId }))).Policy).toBe(custom);
    expect((await client.send(new ListKeyPoliciesCommand({ KeyId: withPolicy.KeyId }))).PolicyNames).toEqual(['default']);
  });

  it('rejects a policy that is not a JSON policy document, and keeps the old one', async () => {
    const key = await createKey();
    const before = (await client.send(new GetKeyPolicyCommand({ KeyId: key.KeyId }))).Policy;
    const error = await failure(client.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: '{not json' })));
    expect(Object.getPrototypeOf(error)).toBe(MalformedPolicyDocumentException.prototype);
    expect((await client.send(new GetKeyPolicyCommand({ KeyId: key.KeyId }))).Policy).toBe(before);
  });
});

describe('enabling and disabling', () => {
  it('moves between Enabled and Disabled, idempotently', async () => {
    const key = await createKey();
    await client.send(new DisableKeyCommand({ KeyId: key.KeyId }));
    await client.send(new DisableKeyCommand({ KeyId: key.Arn }));
    expect(await describe_(key.KeyId!)).toMatchObject({ KeyState: 'Disabled', Enabled: false });
    await client.send(new EnableKeyCommand({ KeyId: key.KeyId }));
    expect(await describe_(key.KeyId!)).toMatchObject({ KeyState: 'Enabled', Enabled: true });
  });

  it('updates the description', async () => {
    const key = await createKey({ Description: 'old' });
    await client.send(new UpdateKeyDescriptionCommand({ KeyId: key.KeyId, Description: 'new' }));
    expect((await describe_(key.KeyId!)).Description).toBe('new');
  });
});

describe('deletion on the fake clock', () => {
  it('schedules deletion with a deletion date, defaulting to 30 days', async () => {
    const key = await createKey();
    const scheduled = await client.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId }));
    expect(scheduled).toMatchObject({
      KeyId: key.Arn,
      KeyState: 'PendingDeletion',
      PendingWindowInDays: 30,
      DeletionDate: new Date(START + 30 * DAY_MS),
    });
    expect(await describe_(key.KeyId!)).toMatchObject({
      KeyState: 'PendingDeletion',
      Enabled: false,
      DeletionDate: new Date(START + 30 * DAY_MS),
    });
  });

  it('deletes the key and its aliases once the deletion date passes, not before', async () => {
    const key = await createKey();
    await client.send(new CreateAliasCommand({ AliasName: 'alias/doomed', TargetKeyId: key.KeyId }));
    await client.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    kms.advanceTime(7 * DAY_MS - 1);
    expect((await describe_(key.KeyId!)).KeyState).toBe('PendingDeletion');
    kms.advanceTime(1);
    const error = await failure(client.send(new DescribeKeyCommand({ KeyId: key.KeyId })));
    expect(Object.getPrototypeOf(error)).toBe(NotFoundException.prototype);
    expect(error.message).toBe(`Key '${key.Arn}' does not exist`);
    expect((await client.send(new ListAliasesCommand({}))).Aliases).toEqual([]);
    expect((await client.send(new ListKeysCommand({}))).Keys).toEqual([]);
  });

  it('refuses to schedule twice, and refuses to use the key meanwhile', async () => {
    const key = await createKey();
    await client.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    const again = await failure(client.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 10 })));
    expect(Object.getPrototypeOf(again)).toBe(KMSInvalidStateException.prototype);
    expect(again.message).toBe(`${key.Arn} is pending deletion.`);
    expect((await describe_(key.KeyId!)).DeletionDate).toEqual(new Date(START + 7 * DAY_MS));
    const use = await failure(client.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') })));
    expect(use).toBeInstanceOf(KMSInvalidStateException);
  });

  it('CancelKeyDeletion leaves the key Disabled, and the old deletion never happens', async () => {
    const key = await createKey();
    const enc = await client.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('kept') }));
    await client.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    expect(await client.send(new CancelKeyDeletionCommand({ KeyId: key.KeyId }))).toMatchObject({ KeyId: key.Arn });
    const cancelled = await describe_(key.KeyId!);
    expect(cancelled).toMatchObject({ KeyState: 'Disabled', Enabled: false });
    expect(cancelled).not.toHaveProperty('DeletionDate');
    kms.advanceTime(8 * DAY_MS);
    await client.send(new EnableKeyCommand({ KeyId: key.KeyId }));
    const dec = await client.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob }));
    expect(Buffer.from(dec.Plaintext!).toString()).toBe('kept');
  });

  it('CancelKeyDeletion of a key awaiting import returns it to PendingImport', async () => {
    const key = await createKey({ Origin: 'EXTERNAL' });
    await client.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    await client.send(new CancelKeyDeletionCommand({ KeyId: key.KeyId }));
    expect((await describe_(key.KeyId!)).KeyState).toBe('PendingImport');
  });

  it('CancelKeyDeletion of a key not pending deletion fails with AWS\'s text', async () => {
    const key = await createKey();
    const error = await failure(client.send(new CancelKeyDeletionCommand({ KeyId: key.KeyId })));
    expect(Object.getPrototypeOf(error)).toBe(KMSInvalidStateException.prototype);
    expect(error.message).toBe(`${key.Arn} is not pending deletion.`);
  });
});

describe('ListKeys', () => {
  it('pages through every key exactly once', async () => {
    const created = [];
    for (let i = 0; i < 7; i++) created.push((await createKey()).KeyId);
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await client.send(new ListKeysCommand({ Limit: 3, Marker: marker }));
      pages += 1;
      seen.push(...page.Keys!.map((k) => k.KeyId!));
      expect(page.Truncated).toBe(page.NextMarker !== undefined);
      marker = page.NextMarker;
    } while (marker);
    expect(pages).toBe(3);
    expect(seen).toEqual([...created].sort());
  });

  it('rejects a marker it did not issue', async () => {
    const error = await failure(client.send(new ListKeysCommand({ Marker: 'not-a-marker' })));
    expect(error.name).toBe('InvalidMarkerException');
  });
});

describe('GetKeyLastUsage', () => {
  it('reports the last successful cryptographic operation', async () => {
    const key = await createKey();
    const fresh = await client.send(new GetKeyLastUsageCommand({ KeyId: key.KeyId }));
    expect(fresh).toMatchObject({ KeyId: key.KeyId, KeyLastUsage: {}, KeyCreationDate: new Date(START), TrackingStartDate: new Date(START) });
    kms.advanceTime(60_000);
    const enc = await client.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') }));
    const used = await client.send(new GetKeyLastUsageCommand({ KeyId: key.Arn }));
    expect(used.KeyLastUsage).toMatchObject({
      Operation: 'Encrypt',
      Timestamp: new Date(START + 60_000),
      KmsRequestId: enc.$metadata.requestId,
    });
  });
});
