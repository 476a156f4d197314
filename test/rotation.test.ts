import {
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  DisableKeyRotationCommand,
  EnableKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GetKeyRotationStatusCommand,
  ListKeyRotationsCommand,
  ReplicateKeyCommand,
  RotateKeyOnDemandCommand,
  UpdatePrimaryRegionCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { randomBytes } from 'node:crypto';
import { DAY_MS, fakeClient, setup } from './support/client';
import { expectKmsError, NO_MESSAGE } from './support/errors';
import { importMaterial } from './support/importMaterial';

const START = new Date('2025-03-01T00:00:00Z');
const after = (days: number) => new Date(START.getTime() + days * DAY_MS);

async function symmetricKey(client: KMSClient) {
  return (await client.send(new CreateKeyCommand({}))).KeyMetadata!;
}
const currentMaterial = async (client: KMSClient, keyId: string) =>
  (await client.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.CurrentKeyMaterialId!;
const encrypt = async (client: KMSClient, keyId: string, text: string) =>
  (await client.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from(text) }))).CiphertextBlob!;
const decrypt = async (client: KMSClient, blob: Uint8Array) =>
  Buffer.from((await client.send(new DecryptCommand({ CiphertextBlob: blob }))).Plaintext!).toString();

describe('automatic rotation on the fake clock', () => {
  it('rotates 365 days after EnableKeyRotation; old ciphertexts still decrypt, new ones use the new material', async () => {
    const { kms, client } = setup({ clock: () => START });
    const key = await symmetricKey(client);
    await client.send(new EnableKeyRotationCommand({ KeyId: key.KeyId }));
    expect(await client.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }))).toMatchObject({
      KeyRotationEnabled: true,
      KeyId: key.Arn,
      RotationPeriodInDays: 365,
      NextRotationDate: after(365),
    });
    const firstMaterial = await currentMaterial(client, key.KeyId!);
    const old = await encrypt(client, key.KeyId!, 'old');

    kms.advanceTime(364 * DAY_MS);
    expect(await currentMaterial(client, key.KeyId!)).toBe(firstMaterial);
    kms.advanceTime(DAY_MS);
    const secondMaterial = await currentMaterial(client, key.KeyId!);
    expect(secondMaterial).not.toBe(firstMaterial);

    const fresh = await encrypt(client, key.KeyId!, 'new');
    expect([await decrypt(client, old), await decrypt(client, fresh)]).toEqual(['old', 'new']);
    const { Rotations } = await client.send(new ListKeyRotationsCommand({ KeyId: key.KeyId }));
    expect(Rotations).toEqual([
      { KeyId: key.KeyId, KeyMaterialId: secondMaterial, KeyMaterialState: 'CURRENT', RotationDate: after(365), RotationType: 'AUTOMATIC' },
    ]);
    const status = await client.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }));
    expect(status.NextRotationDate).toEqual(after(730));
  });

  it('takes a custom period and validates its range', async () => {
    const { kms, client } = setup({ clock: () => START });
    const key = await symmetricKey(client);
    await client.send(new EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 90 }));
    kms.advanceTime(180 * DAY_MS);
    const { Rotations } = await client.send(new ListKeyRotationsCommand({ KeyId: key.KeyId }));
    expect(Rotations?.map((r) => r.RotationDate)).toEqual([after(90), after(180)]);
    await expectKmsError(
      client.send(new EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 89 })),
      'ValidationException',
      "1 validation error detected: Value '89' at 'rotationPeriodInDays' failed to satisfy constraint: Member must have value greater than or equal to 90",
    );
  });

  it('stops after DisableKeyRotation', async () => {
    const { kms, client } = setup({ clock: () => START });
    const key = await symmetricKey(client);
    await client.send(new EnableKeyRotationCommand({ KeyId: key.KeyId }));
    await client.send(new DisableKeyRotationCommand({ KeyId: key.KeyId }));
    expect(await client.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }))).toMatchObject({ KeyRotationEnabled: false });
    kms.advanceTime(400 * DAY_MS);
    expect((await client.send(new ListKeyRotationsCommand({ KeyId: key.KeyId }))).Rotations).toEqual([]);
  });

  it('does not rotate a disabled key, and rotates it within a day of enabling it again', async () => {
    const { kms, client } = setup({ clock: () => START });
    const key = await symmetricKey(client);
    await client.send(new EnableKeyRotationCommand({ KeyId: key.KeyId }));
    await client.send(new DisableKeyCommand({ KeyId: key.KeyId }));
    kms.advanceTime(400 * DAY_MS);
    expect((await client.send(new ListKeyRotationsCommand({ KeyId: key.KeyId }))).Rotations).toEqual([]);
    await client.send(new EnableKeyCommand({ KeyId: key.KeyId }));
    kms.advanceTime(DAY_MS);
    expect((await client.send(new ListKeyRotationsCommand({ KeyId: key.KeyId }))).Rotations).toHaveLength(1);
  });
});

describe('on-demand rotation', () => {
  it('rotates at once, lists the rotation and keeps old ciphertexts decrypting', async () => {
    const { client } = setup({ clock: () => START });
    const key = await symmetricKey(client);
    const old = await encrypt(client, key.KeyId!, 'old');
    const before = await currentMaterial(client, key.KeyId!);
    // The key ARN, as AWS answers (LocalStack test_kms, test_rotate_on_demand_returns_arn_for_key_id).
    expect(await client.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId }))).toMatchObject({ KeyId: key.Arn });
    const now = await currentMaterial(client, key.KeyId!);
    expect(now).not.toBe(before);
    expect(await decrypt(client, old)).toBe('old');
    const all = await client.send(new ListKeyRotationsCommand({ KeyId: key.KeyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' }));
    expect(all.Rotations).toEqual([
      { KeyId: key.KeyId, KeyMaterialId: before, KeyMaterialState: 'NON_CURRENT' },
      { KeyId: key.KeyId, KeyMaterialId: now, KeyMaterialState: 'CURRENT', RotationDate: START, RotationType: 'ON_DEMAND' },
    ]);
  });

  it('allows 25 on-demand rotations per key, then LimitExceededException', async () => {
    const { client } = setup();
    const key = await symmetricKey(client);
    for (let i = 0; i < 25; i++) await client.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId }));
    await expectKmsError(
      client.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId })),
      'LimitExceededException',
      `The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: ${key.Arn}`,
    );
  });

  it('pages ListKeyRotations with Limit and Marker, oldest first', async () => {
    const { client } = setup();
    const key = await symmetricKey(client);
    for (let i = 0; i < 3; i++) await client.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId }));
    const first = await client.send(new ListKeyRotationsCommand({ KeyId: key.KeyId, Limit: 2 }));
    expect(first).toMatchObject({ Truncated: true, NextMarker: expect.any(String) as unknown });
    const second = await client.send(new ListKeyRotationsCommand({ KeyId: key.KeyId, Limit: 2, Marker: first.NextMarker }));
    expect(second.Truncated).toBe(false);
    const ids = [...first.Rotations!, ...second.Rotations!].map((r) => r.KeyMaterialId);
    expect(ids[2]).toBe(await currentMaterial(client, key.KeyId!));
    expect(new Set(ids).size).toBe(3);
  });

  it('changes nothing when it fails: a key with imported material and nothing in PENDING_ROTATION', async () => {
    const { kms, client } = setup({ clock: () => START });
    const key = (await client.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }))).KeyMetadata!;
    await importMaterial(client, key.KeyId!, randomBytes(32));
    const before = kms.snapshot();
    await expectKmsError(
      client.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId })),
      'UnsupportedOperationException',
      `${key.Arn} has no imported key material in the PENDING_ROTATION state to rotate to.`,
    );
    expect(kms.snapshot()).toEqual(before);
  });

  it('rotates a key with imported material to new material imported in PENDING_ROTATION', async () => {
    const { client } = setup({ clock: () => START });
    const key = (await client.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }))).KeyMetadata!;
    const first = await importMaterial(client, key.KeyId!, randomBytes(32));
    const old = await encrypt(client, key.KeyId!, 'old');
    await expectKmsError(
      client.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId })),
      'UnsupportedOperationException',
      `${key.Arn} has no imported key material in the PENDING_ROTATION state to rotate to.`,
    );
    const next = await importMaterial(client, key.KeyId!, randomBytes(32), { ImportType: 'NEW_KEY_MATERIAL', KeyMaterialDescription: 'second' });
    const pending = await client.send(new ListKeyRotationsCommand({ KeyId: key.KeyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' }));
    expect(pending.Rotations?.map((r) => [r.KeyMaterialId, r.KeyMaterialState, r.ImportState])).toEqual([
      [first.KeyMaterialId, 'CURRENT', 'IMPORTED'],
      [next.KeyMaterialId, 'PENDING_ROTATION', 'IMPORTED'],
    ]);
    await client.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId }));
    expect(await currentMaterial(client, key.KeyId!)).toBe(next.KeyMaterialId);
    expect(await decrypt(client, old)).toBe('old');
    const { Rotations } = await client.send(new ListKeyRotationsCommand({ KeyId: key.KeyId }));
    expect(Rotations).toEqual([
      {
        KeyId: key.KeyId,
        KeyMaterialId: next.KeyMaterialId,
        KeyMaterialDescription: 'second',
        ImportState: 'IMPORTED',
        KeyMaterialState: 'CURRENT',
        ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
        RotationDate: START,
        RotationType: 'ON_DEMAND',
      },
    ]);
  });
});

describe('keys that cannot rotate', () => {
  it('answers UnsupportedOperationException without a message for HMAC and asymmetric keys', async () => {
    const { client } = setup();
    const hmac = (await client.send(new CreateKeyCommand({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }))).KeyMetadata!;
    const rsa = (await client.send(new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' }))).KeyMetadata!;
    await expectKmsError(client.send(new EnableKeyRotationCommand({ KeyId: hmac.KeyId })), 'UnsupportedOperationException', NO_MESSAGE);
    await expectKmsError(client.send(new RotateKeyOnDemandCommand({ KeyId: rsa.KeyId })), 'UnsupportedOperationException', NO_MESSAGE);
    expect(await client.send(new GetKeyRotationStatusCommand({ KeyId: hmac.KeyId }))).toMatchObject({ KeyRotationEnabled: false });
  });

  it('refuses automatic rotation of a key with imported material (origin EXTERNAL)', async () => {
    const { client } = setup();
    const key = (await client.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }))).KeyMetadata!;
    await importMaterial(client, key.KeyId!, randomBytes(32));
    await expectKmsError(
      client.send(new EnableKeyRotationCommand({ KeyId: key.KeyId })),
      'UnsupportedOperationException',
      `${key.Arn} origin is EXTERNAL which is not valid for this operation.`,
    );
  });
});

describe('rotation of multi-Region keys: a shared property, managed on the primary', () => {
  async function primaryWithReplica() {
    const { kms, client: west } = setup({ clock: () => START }, 'us-west-2');
    const eu = fakeClient(kms, 'eu-west-1');
    const key = (await west.send(new CreateKeyCommand({ MultiRegion: true }))).KeyMetadata!;
    await west.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: 'eu-west-1' }));
    kms.settle();
    return { kms, west, eu, keyId: key.KeyId!, replicaArn: `arn:aws:kms:eu-west-1:${kms.accountId}:key/${key.KeyId!}` };
  }
  const status = async (client: KMSClient, KeyId: string) => client.send(new GetKeyRotationStatusCommand({ KeyId }));

  it('refuses EnableKeyRotation, DisableKeyRotation and RotateKeyOnDemand on a replica, changing nothing', async () => {
    const { kms, west, eu, keyId, replicaArn } = await primaryWithReplica();
    const message = `${replicaArn} is a multi-Region replica key. Manage the rotation of its multi-Region key on the primary key arn:aws:kms:us-west-2:${kms.accountId}:key/${keyId}.`;
    for (const command of [new EnableKeyRotationCommand({ KeyId: keyId }), new DisableKeyRotationCommand({ KeyId: keyId }), new RotateKeyOnDemandCommand({ KeyId: keyId })]) {
      await expectKmsError(eu.send(command), 'UnsupportedOperationException', message);
    }
    expect([(await status(west, keyId)).KeyRotationEnabled, (await status(eu, keyId)).KeyRotationEnabled]).toEqual([false, false]);
    expect((await eu.send(new ListKeyRotationsCommand({ KeyId: keyId }))).Rotations).toEqual([]);
    kms.advanceTime(400 * DAY_MS);
    expect((await eu.send(new ListKeyRotationsCommand({ KeyId: keyId }))).Rotations).toEqual([]);
  });

  it("reports the primary's rotation status on the replica, and the primary's rotations reach it", async () => {
    const { kms, west, eu, keyId } = await primaryWithReplica();
    await west.send(new EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: 90 }));
    expect(await status(eu, keyId)).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 90, NextRotationDate: after(90) });
    kms.advanceTime(90 * DAY_MS);
    const ciphertext = await encrypt(west, keyId, 'after the rotation');
    expect(await decrypt(eu, ciphertext)).toBe('after the rotation');
    const ids = async (client: KMSClient) => (await client.send(new ListKeyRotationsCommand({ KeyId: keyId }))).Rotations?.map((r) => r.KeyMaterialId);
    expect(await ids(eu)).toEqual(await ids(west));
    await west.send(new DisableKeyRotationCommand({ KeyId: keyId }));
    expect((await status(eu, keyId)).KeyRotationEnabled).toBe(false);
  });

  it('keeps the rotations and the schedule of the former primary on the new primary after UpdatePrimaryRegion', async () => {
    const { kms, west, eu, keyId } = await primaryWithReplica();
    await west.send(new EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: 90 }));
    await west.send(new RotateKeyOnDemandCommand({ KeyId: keyId }));
    const rotatedOnWest = await encrypt(west, keyId, 'rotated on the former primary');
    await west.send(new UpdatePrimaryRegionCommand({ KeyId: keyId, PrimaryRegion: 'eu-west-1' }));
    kms.settle();
    expect(await decrypt(west, rotatedOnWest)).toBe('rotated on the former primary');
    kms.advanceTime(90 * DAY_MS);
    const rotations = (await eu.send(new ListKeyRotationsCommand({ KeyId: keyId }))).Rotations;
    expect(rotations?.map((r) => [r.RotationDate, r.RotationType])).toEqual([[START, 'ON_DEMAND'], [after(90), 'AUTOMATIC']]);
    expect(await status(eu, keyId)).toMatchObject({ KeyRotationEnabled: true, NextRotationDate: after(180) });
    expect(await status(west, keyId)).toMatchObject({ KeyRotationEnabled: true, NextRotationDate: after(180) });
    expect(await decrypt(west, await encrypt(eu, keyId, 'rotated on the new primary'))).toBe('rotated on the new primary');
  });
});
