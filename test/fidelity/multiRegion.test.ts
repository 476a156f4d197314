import { CreateKeyCommand, DescribeKeyCommand, ReplicateKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { KmsFake } from 'kms-fake';
import { fakeClient } from '../support/client';
import { expectKmsError } from '../support/errors';
import { members, SYMMETRIC_MEMBERS, withMembers } from './recorded';

/**
 * Multi-Region keys against recorded AWS answers: LocalStack's AWS-validated test_kms snapshots
 * test_create_multi_region_key, test_non_multi_region_keys_should_not_have_multi_region_properties,
 * test_replicate_key and test_replicate_replica_key_should_fail.
 */

let kms: KmsFake;
let home: KMSClient;
let away: KMSClient;
beforeEach(() => {
  kms = new KmsFake();
  home = fakeClient(kms, 'us-east-1');
  away = fakeClient(kms, 'ap-southeast-1');
});
afterEach(() => kms.reset());

const arnIn = (region: string, keyId: string) => `arn:aws:kms:${region}:${kms.accountId}:key/${keyId}`;

describe('CreateKey MultiRegion', () => {
  it('gives a primary with an mrk- ID and a configuration listing no replicas (test_create_multi_region_key)', async () => {
    const key = (await home.send(new CreateKeyCommand({ MultiRegion: true, Description: 'test multi region key' }))).KeyMetadata!;
    expect(key.KeyId).toMatch(/^mrk-[0-9a-f]{32}$/);
    expect(members(key)).toEqual(withMembers(SYMMETRIC_MEMBERS, 'MultiRegionConfiguration', 'CurrentKeyMaterialId'));
    expect(key.MultiRegion).toBe(true);
    expect(key.MultiRegionConfiguration).toEqual({
      MultiRegionKeyType: 'PRIMARY',
      PrimaryKey: { Arn: key.Arn, Region: 'us-east-1' },
      ReplicaKeys: [],
    });
  });

  it('gives a single-Region key no multi-Region members (test_non_multi_region_keys_should_not_have_multi_region_properties)', async () => {
    const key = (await home.send(new CreateKeyCommand({ MultiRegion: false }))).KeyMetadata!;
    expect(key.KeyId).not.toMatch(/^mrk-/);
    expect(key.MultiRegion).toBe(false);
    expect(members(key)).toEqual(withMembers(SYMMETRIC_MEMBERS, 'CurrentKeyMaterialId'));
  });
});

describe('ReplicateKey (test_replicate_key)', () => {
  it('is not visible in the replica Region before replication, by ID', async () => {
    const { KeyId } = (await home.send(new CreateKeyCommand({ MultiRegion: true }))).KeyMetadata!;
    await expectKmsError(away.send(new DescribeKeyCommand({ KeyId })), 'NotFoundException', `Key '${arnIn('ap-southeast-1', KeyId!)}' does not exist`);
  });

  it('answers the replica metadata and policy, no ReplicaTags when none were given, and lists the replica on both keys', async () => {
    const { KeyId } = (await home.send(new CreateKeyCommand({ MultiRegion: true, Description: 'test replicated key' }))).KeyMetadata!;
    const keyId = KeyId!;
    const out = await home.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'ap-southeast-1' }));
    const { $metadata: _, ...body } = out;
    expect(Object.keys(body).sort()).toEqual(['ReplicaKeyMetadata', 'ReplicaPolicy']);
    const replicaList = [{ Arn: arnIn('ap-southeast-1', keyId), Region: 'ap-southeast-1' }];
    const primaryRef = { Arn: arnIn('us-east-1', keyId), Region: 'us-east-1' };
    // The description is the replica's own (empty here), not the primary's; the replica starts Creating.
    expect(out.ReplicaKeyMetadata).toMatchObject({
      Arn: arnIn('ap-southeast-1', keyId),
      KeyId: keyId,
      Description: '',
      Enabled: false,
      KeyState: 'Creating',
      MultiRegion: true,
      MultiRegionConfiguration: { MultiRegionKeyType: 'REPLICA', PrimaryKey: primaryRef, ReplicaKeys: replicaList },
    });
    expect(JSON.parse(out.ReplicaPolicy!)).toMatchObject({ Version: '2012-10-17', Id: 'key-default-1' });

    const primary = (await home.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!;
    expect(primary.MultiRegionConfiguration).toEqual({ MultiRegionKeyType: 'PRIMARY', PrimaryKey: primaryRef, ReplicaKeys: replicaList });
    expect(primary.Description).toBe('test replicated key');

    kms.settle();
    const replica = (await away.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!;
    expect(replica.MultiRegionConfiguration).toEqual({ MultiRegionKeyType: 'REPLICA', PrimaryKey: primaryRef, ReplicaKeys: replicaList });
  });

  it('answers the replica tags when the request gives some', async () => {
    const { KeyId } = (await home.send(new CreateKeyCommand({ MultiRegion: true }))).KeyMetadata!;
    const out = await home.send(
      new ReplicateKeyCommand({ KeyId, ReplicaRegion: 'ap-southeast-1', Tags: [{ TagKey: 'team', TagValue: 'a' }] }),
    );
    expect(out.ReplicaTags).toEqual([{ TagKey: 'team', TagValue: 'a' }]);
  });

  it('refuses to replicate a replica into its own Region with a ValidationException (test_replicate_replica_key_should_fail)', async () => {
    const { KeyId } = (await home.send(new CreateKeyCommand({ MultiRegion: true }))).KeyMetadata!;
    await home.send(new ReplicateKeyCommand({ KeyId, ReplicaRegion: 'ap-southeast-1' }));
    kms.settle();
    const error = await away.send(new ReplicateKeyCommand({ KeyId, ReplicaRegion: 'ap-southeast-1' })).catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'ValidationException', $fault: 'client' });
  });
});
