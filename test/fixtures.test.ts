import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateKeyCommand,
  EnableKeyCommand,
  TagResourceCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  KMSInvalidStateException,
  ListAliasesCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  NotFoundException,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KmsFake, KmsFakeUsageError, type Fixture } from 'kms-fake';
import { DAY_MS, failure, fakeClient } from './support/client';

const APP_KEY = '1234abcd-12ab-34cd-56ef-1234567890ab';
const fixture: Fixture = {
  seed: 'repo-test-data',
  region: 'eu-west-1',
  keys: [
    { keyId: APP_KEY, description: 'app', tags: { team: 'payments' }, aliases: ['alias/app'] },
    { keyId: '0000aaaa-0000-4000-8000-000000000001', state: 'Disabled' },
    { keyId: '0000aaaa-0000-4000-8000-000000000002', state: 'PendingDeletion', deletionDate: '2040-01-08T00:00:00Z' },
    { keyId: '0000aaaa-0000-4000-8000-000000000003', state: 'PendingImport' },
    { keyId: '0000aaaa-0000-4000-8000-000000000004', keySpec: 'HMAC_256', keyUsage: 'GENERATE_VERIFY_MAC', region: 'us-west-2' },
  ],
};
const START = Date.parse('2040-01-01T00:00:00Z');

describe('fixtures', () => {
  it('declares keys with fixed IDs, states, tags and aliases', async () => {
    const kms = KmsFake.fromFixture(fixture, { clock: () => START });
    const client = fakeClient(kms, 'eu-west-1');
    const states = await Promise.all(
      fixture.keys.filter((k) => !k.region).map(async (k) => (await client.send(new DescribeKeyCommand({ KeyId: k.keyId }))).KeyMetadata!.KeyState),
    );
    expect(states).toEqual(['Enabled', 'Disabled', 'PendingDeletion', 'PendingImport']);
    const app = (await client.send(new DescribeKeyCommand({ KeyId: 'alias/app' }))).KeyMetadata!;
    expect(app).toMatchObject({ KeyId: APP_KEY, Description: 'app', Arn: `arn:aws:kms:eu-west-1:111122223333:key/${APP_KEY}` });
    expect((await client.send(new ListResourceTagsCommand({ KeyId: APP_KEY }))).Tags).toEqual([{ TagKey: 'team', TagValue: 'payments' }]);
    const west2 = fakeClient(kms, 'us-west-2');
    expect((await west2.send(new ListKeysCommand({}))).Keys!.map((k) => k.KeyId)).toEqual(['0000aaaa-0000-4000-8000-000000000004']);
  });

  it('derives key material from the seed: a ciphertext made by one fake decrypts in another', async () => {
    const first = fakeClient(KmsFake.fromFixture(fixture), 'eu-west-1');
    const { CiphertextBlob } = await first.send(new EncryptCommand({ KeyId: 'alias/app', Plaintext: Buffer.from('committed') }));
    const second = fakeClient(KmsFake.fromFixture(fixture), 'eu-west-1');
    const dec = await second.send(new DecryptCommand({ CiphertextBlob }));
    expect(Buffer.from(dec.Plaintext!).toString()).toBe('committed');
    const otherSeed = fakeClient(KmsFake.fromFixture({ ...fixture, seed: 'another' }), 'eu-west-1');
    expect((await failure(otherSeed.send(new DecryptCommand({ CiphertextBlob })))).name).toBe('InvalidCiphertextException');
  });

  it('schedules declared deletions on the fake clock', async () => {
    const kms = KmsFake.fromFixture(fixture, { clock: () => START });
    const client = fakeClient(kms, 'eu-west-1');
    kms.advanceTime(7 * DAY_MS);
    const error = await failure(client.send(new DescribeKeyCommand({ KeyId: '0000aaaa-0000-4000-8000-000000000002' })));
    expect(error).toBeInstanceOf(NotFoundException);
  });

  it('reads JSON and YAML files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kms-fake-'));
    writeFileSync(join(dir, 'kms.json'), JSON.stringify(fixture));
    writeFileSync(
      join(dir, 'kms.yaml'),
      ['seed: repo-test-data', 'region: eu-west-1', 'keys:', `  - keyId: ${APP_KEY}`, '    aliases: [alias/app]', ''].join('\n'),
    );
    const fromJson = fakeClient(KmsFake.fromFixture(join(dir, 'kms.json')), 'eu-west-1');
    const fromYaml = fakeClient(KmsFake.fromFixture(join(dir, 'kms.yaml')), 'eu-west-1');
    const { CiphertextBlob } = await fromJson.send(new EncryptCommand({ KeyId: 'alias/app', Plaintext: Buffer.from('same key') }));
    expect(Buffer.from((await fromYaml.send(new DecryptCommand({ CiphertextBlob }))).Plaintext!).toString()).toBe('same key');
  });

  it.each([
    [{ keys: [{ keyId: 'not-an-id' }] }, /invalid keyId not-an-id/],
    [{ keys: [{ keyId: APP_KEY, keySpec: 'HMAC_256' as const }] }, /keyUsage undefined does not fit HMAC_256/],
    [{ keys: [{ keyId: APP_KEY }, { keyId: APP_KEY }] }, /declared twice/],
    [{ keys: [{ keyId: APP_KEY, aliases: ['app'] }] }, /alias app is invalid/],
  ])('rejects a bad fixture with a [kms-fake] message: %j', (bad, message) => {
    expect(() => KmsFake.fromFixture(bad as Fixture)).toThrow(message);
    expect(() => KmsFake.fromFixture(bad as Fixture)).toThrow(/^\[kms-fake\] fixture: /);
  });
});

describe('seed and snapshots', () => {
  it('new KmsFake({ seed }) repeats key IDs and material', async () => {
    const run = async () => {
      const client = fakeClient(new KmsFake({ seed: 42 }), 'eu-west-1');
      const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
      return { client, keyId: KeyMetadata!.KeyId!, materialId: KeyMetadata!.CurrentKeyMaterialId };
    };
    const [first, second] = [await run(), await run()];
    expect(second.keyId).toBe(first.keyId);
    expect(second.materialId).toBe(first.materialId);
    const { CiphertextBlob } = await first.client.send(new EncryptCommand({ KeyId: first.keyId, Plaintext: Buffer.from('same key') }));
    const dec = await second.client.send(new DecryptCommand({ CiphertextBlob }));
    expect(Buffer.from(dec.Plaintext!).toString()).toBe('same key');
  });

  it('rollback(snapshot) returns the whole state, and scheduled deletions still fall due', async () => {
    const kms = new KmsFake({ clock: () => START });
    const client = fakeClient(kms, 'eu-west-1');
    const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
    const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: Buffer.from('x') }));
    await client.send(new CreateAliasCommand({ AliasName: 'alias/kept', TargetKeyId: KeyMetadata!.KeyId }));
    await client.send(new TagResourceCommand({ KeyId: KeyMetadata!.KeyId, Tags: [{ TagKey: 'team', TagValue: 'a' }] }));
    await client.send(new ScheduleKeyDeletionCommand({ KeyId: KeyMetadata!.KeyId, PendingWindowInDays: 7 }));
    const saved = kms.snapshot();
    kms.reset();
    expect((await client.send(new ListKeysCommand({}))).Keys).toEqual([]);
    kms.rollback(saved);
    expect(await failure(client.send(new DecryptCommand({ CiphertextBlob })))).toBeInstanceOf(KMSInvalidStateException);
    expect((await client.send(new ListAliasesCommand({}))).Aliases!.map((a) => a.AliasName)).toEqual(['alias/kept']);
    expect((await client.send(new ListResourceTagsCommand({ KeyId: KeyMetadata!.KeyId }))).Tags).toEqual([{ TagKey: 'team', TagValue: 'a' }]);
    await client.send(new CancelKeyDeletionCommand({ KeyId: KeyMetadata!.KeyId }));
    await client.send(new EnableKeyCommand({ KeyId: KeyMetadata!.KeyId }));
    expect(Buffer.from((await client.send(new DecryptCommand({ CiphertextBlob }))).Plaintext!).toString()).toBe('x');
    kms.rollback(saved);
    kms.advanceTime(7 * DAY_MS);
    expect(await failure(client.send(new DescribeKeyCommand({ KeyId: KeyMetadata!.KeyId })))).toBeInstanceOf(NotFoundException);
  });
  it('rollback(snapshot) puts the fake clock back too, so a key pending deletion is still pending', async () => {
    const kms = new KmsFake({ clock: () => START });
    const client = fakeClient(kms, 'eu-west-1');
    const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
    await client.send(new ScheduleKeyDeletionCommand({ KeyId: KeyMetadata!.KeyId, PendingWindowInDays: 7 }));
    const saved = kms.snapshot();
    kms.advanceTime(8 * DAY_MS);
    expect(await failure(client.send(new DescribeKeyCommand({ KeyId: KeyMetadata!.KeyId })))).toBeInstanceOf(NotFoundException);
    kms.rollback(saved);
    expect(kms.now()).toEqual(new Date(START));
    expect((await client.send(new DescribeKeyCommand({ KeyId: KeyMetadata!.KeyId }))).KeyMetadata!.KeyState).toBe('PendingDeletion');
  });

  it('rollback refuses anything but a snapshot of kms.snapshot(), before touching the state', async () => {
    const kms = new KmsFake();
    const client = fakeClient(kms, 'eu-west-1');
    await client.send(new CreateKeyCommand({}));
    for (const bad of [undefined, {}, { store: {} }, { store: { regions: [] }, clockOffset: 0 }]) {
      expect(() => kms.rollback(bad as never)).toThrow(KmsFakeUsageError);
    }
    expect((await client.send(new ListKeysCommand({}))).Keys).toHaveLength(1);
  });
});
