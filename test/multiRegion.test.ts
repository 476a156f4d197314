import {
  CancelKeyDeletionCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  EncryptCommand,
  GetKeyPolicyCommand,
  ListResourceTagsCommand,
  ReplicateKeyCommand,
  ScheduleKeyDeletionCommand,
  UpdatePrimaryRegionCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { KmsFake } from 'kms-fake';
import { randomBytes } from 'node:crypto';
import { DAY_MS, fakeClient } from './support/client';
import { expectKmsError } from './support/errors';
import { importMaterial } from './support/importMaterial';

/**
 * Multi-Region keys, following the developer guide's "Changing the primary key in a set of
 * multi-Region keys" (the second seed) step by step, through real KMSClients in several regions.
 */

let kms: KmsFake;
let east: KMSClient;
let west: KMSClient;
let eu: KMSClient;
const fixed = Date.parse('2025-01-01T00:00:00Z');

beforeEach(() => {
  // A fixed clock: transient states end only through settle() or advanceTime().
  kms = new KmsFake({ clock: () => fixed });
  east = fakeClient(kms, 'us-east-1');
  west = fakeClient(kms, 'us-west-2');
  eu = fakeClient(kms, 'eu-west-1');
});
afterEach(() => kms.reset());

const describe1 = async (client: KMSClient, KeyId: string) => (await client.send(new DescribeKeyCommand({ KeyId }))).KeyMetadata!;

async function primaryWithReplica() {
  const { KeyMetadata } = await west.send(new CreateKeyCommand({ MultiRegion: true, Description: 'multi-region-key' }));
  const keyId = KeyMetadata!.KeyId!;
  await west.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'eu-west-1' }));
  kms.settle();
  return keyId;
}

/** The MultiRegionConfiguration a primary in `region` with replicas in `replicas` shows. */
const primaryIn = (region: string, keyId: string, replicas: string[]) => ({
  MultiRegionKeyType: 'PRIMARY',
  PrimaryKey: { Arn: `arn:aws:kms:${region}:${kms.accountId}:key/${keyId}`, Region: region },
  ReplicaKeys: replicas.map((r) => ({ Arn: `arn:aws:kms:${r}:${kms.accountId}:key/${keyId}`, Region: r })),
});

describe('ReplicateKey', () => {
  it('makes a replica that starts Creating and is Enabled once settled, with its own independent properties', async () => {
    const { KeyMetadata } = await west.send(
      new CreateKeyCommand({ MultiRegion: true, Description: 'primary', Tags: [{ TagKey: 'side', TagValue: 'primary' }] }),
    );
    const keyId = KeyMetadata!.KeyId!;
    expect(keyId).toMatch(/^mrk-[0-9a-f]{32}$/);
    const out = await west.send(
      new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'eu-west-1', Description: 'replica', Tags: [{ TagKey: 'side', TagValue: 'replica' }] }),
    );
    expect(out.ReplicaKeyMetadata).toMatchObject({
      KeyId: keyId,
      Arn: `arn:aws:kms:eu-west-1:${kms.accountId}:key/${keyId}`,
      KeyState: 'Creating',
      Enabled: false,
      Description: 'replica',
      MultiRegion: true,
      // A replica lists the set's replicas, itself included (recorded: LocalStack test_kms snapshot, test_replicate_key).
      MultiRegionConfiguration: {
        MultiRegionKeyType: 'REPLICA',
        PrimaryKey: { Region: 'us-west-2' },
        ReplicaKeys: [{ Arn: `arn:aws:kms:eu-west-1:${kms.accountId}:key/${keyId}`, Region: 'eu-west-1' }],
      },
    });
    expect(out.ReplicaTags).toEqual([{ TagKey: 'side', TagValue: 'replica' }]);
    expect((await describe1(eu, keyId)).KeyState).toBe('Creating');
    kms.settle();
    expect((await describe1(eu, keyId)).KeyState).toBe('Enabled');
    expect((await eu.send(new ListResourceTagsCommand({ KeyId: keyId }))).Tags).toEqual([{ TagKey: 'side', TagValue: 'replica' }]);
    expect((await eu.send(new GetKeyPolicyCommand({ KeyId: keyId }))).Policy).toContain(kms.accountId);
    expect((await describe1(west, keyId)).MultiRegionConfiguration).toEqual({
      MultiRegionKeyType: 'PRIMARY',
      PrimaryKey: { Arn: `arn:aws:kms:us-west-2:${kms.accountId}:key/${keyId}`, Region: 'us-west-2' },
      ReplicaKeys: [{ Arn: `arn:aws:kms:eu-west-1:${kms.accountId}:key/${keyId}`, Region: 'eu-west-1' }],
    });
  });

  it('ends Creating on its own once the delay has passed on the fake clock', async () => {
    const { KeyMetadata } = await west.send(new CreateKeyCommand({ MultiRegion: true }));
    await west.send(new ReplicateKeyCommand({ KeyId: KeyMetadata!.KeyId!, ReplicaRegion: 'eu-west-1' }));
    kms.advanceTime(299);
    expect((await describe1(eu, KeyMetadata!.KeyId!)).KeyState).toBe('Creating');
    kms.advanceTime(1);
    expect((await describe1(eu, KeyMetadata!.KeyId!)).KeyState).toBe('Enabled');
  });

  it('lets any member decrypt what any other member encrypted', async () => {
    const keyId = await primaryWithReplica();
    const Plaintext = Buffer.from('shared material');
    const fromPrimary = await west.send(new EncryptCommand({ KeyId: keyId, Plaintext }));
    expect(Buffer.from((await eu.send(new DecryptCommand({ CiphertextBlob: fromPrimary.CiphertextBlob }))).Plaintext!)).toEqual(Plaintext);
    const fromReplica = await eu.send(new EncryptCommand({ KeyId: keyId, Plaintext }));
    const opened = await west.send(new DecryptCommand({ CiphertextBlob: fromReplica.CiphertextBlob }));
    expect(opened.KeyId).toBe(`arn:aws:kms:us-west-2:${kms.accountId}:key/${keyId}`);
  });

  it('refuses replicas of replicas, a second replica in one region, the same region, and single-Region keys', async () => {
    const keyId = await primaryWithReplica();
    const replicaArn = `arn:aws:kms:eu-west-1:${kms.accountId}:key/${keyId}`;
    await expectKmsError(eu.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'us-east-1' })), 'UnsupportedOperationException', `${replicaArn} is not a multi-region primary key.`);
    await expectKmsError(west.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'eu-west-1' })), 'AlreadyExistsException', `Replica key ${replicaArn} already exists.`);
    await expectKmsError(
      west.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'us-west-2' })),
      'ValidationException',
      "The replica region us-west-2 must be different from the region of the key.",
    );
    const single = (await east.send(new CreateKeyCommand({}))).KeyMetadata!;
    await expectKmsError(east.send(new ReplicateKeyCommand({ KeyId: single.KeyId!, ReplicaRegion: 'eu-west-1' })), 'UnsupportedOperationException', `${single.Arn!} is not a multi-region primary key.`);
  });

  it('replicates a primary with imported material into PendingImport', async () => {
    const { KeyMetadata } = await west.send(new CreateKeyCommand({ MultiRegion: true, Origin: 'EXTERNAL' }));
    expect(KeyMetadata!.KeyState).toBe('PendingImport');
    // The key-state table: a primary waiting for its material cannot be replicated yet.
    await expectKmsError(
      west.send(new ReplicateKeyCommand({ KeyId: KeyMetadata!.KeyId!, ReplicaRegion: 'eu-west-1' })),
      'KMSInvalidStateException',
      `${KeyMetadata!.Arn!} is pending import.`,
    );
  });

  it("requires the primary's imported material in a replica, which then decrypts the primary's ciphertexts", async () => {
    const { KeyMetadata } = await west.send(new CreateKeyCommand({ MultiRegion: true, Origin: 'EXTERNAL' }));
    const keyId = KeyMetadata!.KeyId!;
    const material = randomBytes(32);
    const imported = await importMaterial(west, keyId, material);
    await west.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'eu-west-1' }));
    kms.settle();
    expect((await describe1(eu, keyId)).KeyState).toBe('PendingImport');
    await expectKmsError(
      importMaterial(eu, keyId, randomBytes(32)),
      'IncorrectKeyMaterialException',
      'The key material is invalid or is not the key material expected for this KMS key.',
    );
    expect((await describe1(eu, keyId)).KeyState).toBe('PendingImport');
    expect((await importMaterial(eu, keyId, material)).KeyMaterialId).toBe(imported.KeyMaterialId);
    const { CiphertextBlob } = await west.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('one material') }));
    expect(Buffer.from((await eu.send(new DecryptCommand({ CiphertextBlob }))).Plaintext!).toString()).toBe('one material');
  });
});

describe('UpdatePrimaryRegion, as the developer guide describes it', () => {
  it('needs Enabled keys and a replica in the new primary Region', async () => {
    const keyId = await primaryWithReplica();
    await expectKmsError(
      west.send(new UpdatePrimaryRegionCommand({ KeyId: keyId, PrimaryRegion: 'us-east-1' })),
      'NotFoundException',
      `Key 'arn:aws:kms:us-east-1:${kms.accountId}:key/${keyId}' does not exist`,
    );
    await expectKmsError(
      eu.send(new UpdatePrimaryRegionCommand({ KeyId: keyId, PrimaryRegion: 'us-west-2' })),
      'UnsupportedOperationException',
      `arn:aws:kms:eu-west-1:${kms.accountId}:key/${keyId} is not a multi-region primary key.`,
    );
    await eu.send(new DisableKeyCommand({ KeyId: keyId }));
    await expectKmsError(
      west.send(new UpdatePrimaryRegionCommand({ KeyId: keyId, PrimaryRegion: 'eu-west-1' })),
      'DisabledException',
      `arn:aws:kms:eu-west-1:${kms.accountId}:key/${keyId} is disabled.`,
    );
  });

  it('puts both keys in Updating, where crypto works but enabling, disabling and replicating fail, then swaps the roles', async () => {
    const keyId = await primaryWithReplica();
    const Plaintext = Buffer.from('during the update');
    await west.send(new UpdatePrimaryRegionCommand({ KeyId: keyId, PrimaryRegion: 'eu-west-1' }));
    const [oldPrimary, newPrimary] = [await describe1(west, keyId), await describe1(eu, keyId)];
    expect([oldPrimary.KeyState, newPrimary.KeyState]).toEqual(['Updating', 'Updating']);
    // "DescribeKey may show both the old and the new primary key as replicas."
    expect([oldPrimary.MultiRegionConfiguration?.MultiRegionKeyType, newPrimary.MultiRegionConfiguration?.MultiRegionKeyType]).toEqual(['REPLICA', 'REPLICA']);
    expect(oldPrimary.Arn).toBe(`arn:aws:kms:us-west-2:${kms.accountId}:key/${keyId}`);

    const { CiphertextBlob } = await eu.send(new EncryptCommand({ KeyId: keyId, Plaintext }));
    expect(Buffer.from((await west.send(new DecryptCommand({ CiphertextBlob }))).Plaintext!)).toEqual(Plaintext);
    const updating = `arn:aws:kms:eu-west-1:${kms.accountId}:key/${keyId} is updating.`;
    await expectKmsError(eu.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'us-east-1' })), 'KMSInvalidStateException', updating);
    await expectKmsError(eu.send(new DisableKeyCommand({ KeyId: keyId })), 'KMSInvalidStateException', updating);
    await expectKmsError(eu.send(new EnableKeyCommand({ KeyId: keyId })), 'KMSInvalidStateException', updating);

    kms.advanceTime(300);
    const [west2, eu2] = [await describe1(west, keyId), await describe1(eu, keyId)];
    expect([west2.KeyState, eu2.KeyState]).toEqual(['Enabled', 'Enabled']);
    expect(eu2.MultiRegionConfiguration).toEqual(primaryIn('eu-west-1', keyId, ['us-west-2']));
    expect(west2.MultiRegionConfiguration?.MultiRegionKeyType).toBe('REPLICA');
    expect(west2.MultiRegionConfiguration?.PrimaryKey?.Region).toBe('eu-west-1');
    expect(west2.Description).toBe('multi-region-key');

    // The new primary replicates; the former primary is a replica now.
    await eu.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'us-east-1' }));
    kms.settle();
    expect((await describe1(east, keyId)).MultiRegionConfiguration?.PrimaryKey?.Region).toBe('eu-west-1');
    const { CiphertextBlob: fromEast } = await east.send(new EncryptCommand({ KeyId: keyId, Plaintext }));
    expect(Buffer.from((await west.send(new DecryptCommand({ CiphertextBlob: fromEast }))).Plaintext!)).toEqual(Plaintext);
  });
});

describe('a member deleted while the primary Region is updating', () => {
  it('leaves the set, and the update still ends with both keys Enabled', async () => {
    const keyId = await primaryWithReplica();
    await west.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'us-east-1' }));
    kms.settle();
    await east.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    kms.advanceTime(7 * DAY_MS - 1);
    await west.send(new UpdatePrimaryRegionCommand({ KeyId: keyId, PrimaryRegion: 'eu-west-1' }));
    kms.advanceTime(1);
    await expectKmsError(east.send(new DescribeKeyCommand({ KeyId: keyId })), 'NotFoundException', `Key 'arn:aws:kms:us-east-1:${kms.accountId}:key/${keyId}' does not exist`);
    kms.settle();
    const [west2, eu2] = [await describe1(west, keyId), await describe1(eu, keyId)];
    expect([west2.KeyState, eu2.KeyState]).toEqual(['Enabled', 'Enabled']);
    expect(eu2.MultiRegionConfiguration).toEqual(primaryIn('eu-west-1', keyId, ['us-west-2']));
  });
});

describe('ScheduleKeyDeletion of a primary with replicas', () => {
  it('waits in PendingReplicaDeletion until the last replica is deleted, then starts its own waiting period', async () => {
    const keyId = await primaryWithReplica();
    const out = await west.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    expect(out.KeyState).toBe('PendingReplicaDeletion');
    expect(out.DeletionDate).toBeUndefined();
    expect(out.PendingWindowInDays).toBe(7);
    const primary = await describe1(west, keyId);
    expect(primary).toMatchObject({ KeyState: 'PendingReplicaDeletion', PendingDeletionWindowInDays: 7 });
    expect(primary.DeletionDate).toBeUndefined();

    await eu.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 10 }));
    kms.advanceTime(10 * DAY_MS);
    await expectKmsError(eu.send(new DescribeKeyCommand({ KeyId: keyId })), 'NotFoundException', `Key 'arn:aws:kms:eu-west-1:${kms.accountId}:key/${keyId}' does not exist`);
    const waiting = await describe1(west, keyId);
    expect(waiting.KeyState).toBe('PendingDeletion');
    expect(waiting.DeletionDate).toEqual(new Date(fixed + 17 * DAY_MS));
    expect(waiting.MultiRegionConfiguration?.ReplicaKeys).toEqual([]);
    kms.advanceTime(7 * DAY_MS);
    await expectKmsError(west.send(new DescribeKeyCommand({ KeyId: keyId })), 'NotFoundException', `Key 'arn:aws:kms:us-west-2:${kms.accountId}:key/${keyId}' does not exist`);
  });

  it('can be cancelled while waiting for the replicas', async () => {
    const keyId = await primaryWithReplica();
    await west.send(new ScheduleKeyDeletionCommand({ KeyId: keyId }));
    await west.send(new CancelKeyDeletionCommand({ KeyId: keyId }));
    expect((await describe1(west, keyId)).KeyState).toBe('Disabled');
  });
});
