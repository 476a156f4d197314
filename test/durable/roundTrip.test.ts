import {
  CreateAliasCommand,
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  CreateGrantCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeCustomKeyStoresCommand,
  DescribeKeyCommand,
  DisconnectCustomKeyStoreCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GenerateMacCommand,
  GetParametersForImportCommand,
  ImportKeyMaterialCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  ListAliasesCommand,
  ListGrantsCommand,
  ListKeyRotationsCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  NotFoundException,
  ReplicateKeyCommand,
  RetireGrantCommand,
  RevokeGrantCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  SignCommand,
  TagResourceCommand,
  UpdatePrimaryRegionCommand,
  VerifyCommand,
  VerifyMacCommand,
  type CreateKeyCommandInput,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { randomBytes } from 'node:crypto';
import { DAY_MS, failure, fakeClient } from '../support/client';
import { importMaterial, wrap } from '../support/importMaterial';
import { fixedClock, FIXED_NOW, open, stateDirectory } from './support';

const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }],
});
const APP_ROLE = 'arn:aws:iam::111122223333:role/app';

/** Rich state through the API: every kind of record a directory must keep, and what was made with the keys. */
async function buildState(client: KMSClient, west: KMSClient, advanceTime: (ms: number) => void, settle: () => void) {
  const created = async (input: CreateKeyCommandInput) =>
    (await client.send(new CreateKeyCommand(input))).KeyMetadata!.KeyId!;
  const symmetric = await created({ Description: 'app data', Policy: POLICY, Tags: [{ TagKey: 'team', TagValue: 'core' }, { TagKey: '$odd', TagValue: 'x' }] });
  const rsa = await created({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' });
  const hmac = await created({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
  const external = await created({ Origin: 'EXTERNAL' });
  const doomed = await created({ Description: 'doomed' });
  const multi = (await west.send(new CreateKeyCommand({ MultiRegion: true }))).KeyMetadata!.KeyId!;
  await client.send(new CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: symmetric }));
  await client.send(new CreateAliasCommand({ AliasName: 'alias/doomed', TargetKeyId: doomed }));
  await client.send(new TagResourceCommand({ KeyId: hmac, Tags: [{ TagKey: 'kind', TagValue: 'mac' }] }));
  const grant = (Name: string) =>
    client.send(new CreateGrantCommand({ KeyId: symmetric, GranteePrincipal: APP_ROLE, RetiringPrincipal: APP_ROLE, Operations: ['Decrypt'], Name, Constraints: { EncryptionContextSubset: { $tenant: 'a' } } }));
  await grant('kept');
  const retired = await grant('retired');
  const revoked = await grant('revoked');
  await client.send(new RetireGrantCommand({ GrantToken: retired.GrantToken! }));
  await client.send(new RevokeGrantCommand({ KeyId: symmetric, GrantId: revoked.GrantId! }));
  await client.send(new EnableKeyRotationCommand({ KeyId: symmetric, RotationPeriodInDays: 90 }));
  await client.send(new RotateKeyOnDemandCommand({ KeyId: symmetric }));
  await importMaterial(client, external, randomBytes(32), { ValidTo: new Date(FIXED_NOW + 30 * DAY_MS), ExpirationModel: 'KEY_MATERIAL_EXPIRES' });
  await west.send(new ReplicateKeyCommand({ KeyId: multi, ReplicaRegion: 'us-east-1' }));
  settle();
  await client.send(new CreateCustomKeyStoreCommand({
    CustomKeyStoreName: 'xks',
    CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
    XksProxyUriEndpoint: 'https://xks.example.com',
    XksProxyUriPath: '/kms/xks/v1',
    XksProxyConnectivity: 'PUBLIC_ENDPOINT',
    XksProxyAuthenticationCredential: { AccessKeyId: 'ABCDEFGHIJKLMNOPQRST', RawSecretAccessKey: 'a'.repeat(43) },
  }));
  await client.send(new ScheduleKeyDeletionCommand({ KeyId: doomed, PendingWindowInDays: 7 }));
  advanceTime(2 * DAY_MS);

  const message = Buffer.from('signed before the restart');
  const made = {
    ciphertext: (await client.send(new EncryptCommand({ KeyId: 'alias/app', Plaintext: Buffer.from('sealed before'), EncryptionContext: { $tenant: 'a' } }))).CiphertextBlob!,
    importedCiphertext: (await client.send(new EncryptCommand({ KeyId: external, Plaintext: Buffer.from('imported') }))).CiphertextBlob!,
    replicaCiphertext: (await client.send(new EncryptCommand({ KeyId: multi, Plaintext: Buffer.from('replica') }))).CiphertextBlob!,
    signature: (await client.send(new SignCommand({ KeyId: rsa, Message: message, SigningAlgorithm: 'RSASSA_PSS_SHA_256' }))).Signature!,
    mac: (await client.send(new GenerateMacCommand({ KeyId: hmac, Message: message, MacAlgorithm: 'HMAC_SHA_256' }))).Mac!,
    message,
  };
  return { keys: { symmetric, rsa, hmac, external, doomed, multi }, made };
}

/** What a user sees of the whole state, through the API. */
async function observed(client: KMSClient, west: KMSClient, keys: Record<string, string>) {
  const perKey: Record<string, unknown> = {};
  for (const [name, KeyId] of Object.entries(keys)) {
    const metadata = (await client.send(new DescribeKeyCommand({ KeyId }))).KeyMetadata!;
    perKey[name] = {
      metadata,
      tags: (await client.send(new ListResourceTagsCommand({ KeyId }))).Tags,
      policy: (await client.send(new GetKeyPolicyCommand({ KeyId }))).Policy,
      grants: (await client.send(new ListGrantsCommand({ KeyId }))).Grants,
      ...(metadata.KeySpec === 'SYMMETRIC_DEFAULT' && metadata.Origin === 'AWS_KMS' && {
        rotations: (await client.send(new ListKeyRotationsCommand({ KeyId }))).Rotations,
        rotationStatus: await client.send(new GetKeyRotationStatusCommand({ KeyId })).then(({ $metadata: _, ...status }) => status),
      }),
    };
  }
  return {
    perKey,
    westPrimary: (await west.send(new DescribeKeyCommand({ KeyId: keys.multi }))).KeyMetadata,
    aliases: (await client.send(new ListAliasesCommand({}))).Aliases,
    keys: (await client.send(new ListKeysCommand({}))).Keys,
    stores: (await client.send(new DescribeCustomKeyStoresCommand({}))).CustomKeyStores,
  };
}

describe('a state directory across a restart', () => {
  it('keeps keys, material, aliases, tags, policies, grants, rotations, replicas, stores and the clock', async () => {
    const directory = stateDirectory();
    const first = open(directory, { clock: fixedClock });
    const west1 = fakeClient(first.kms, 'us-west-2');
    const { keys, made } = await buildState(first.client, west1, (ms) => first.kms.advanceTime(ms), () => first.kms.settle());
    const before = await observed(first.client, west1, keys);
    const timeBefore = first.kms.now().getTime();
    first.kms.close();

    const second = open(directory, { clock: fixedClock });
    const west2 = fakeClient(second.kms, 'us-west-2');
    expect(second.kms.now().getTime()).toBe(timeBefore);
    expect(await observed(second.client, west2, keys)).toEqual(before);
    expect(JSON.stringify(before.perKey)).toContain('"Name":"kept"');
    expect(JSON.stringify(before.perKey)).not.toContain('"Name":"retired"');

    const decrypted = async (CiphertextBlob: Uint8Array, EncryptionContext?: Record<string, string>) =>
      Buffer.from((await second.client.send(new DecryptCommand({ CiphertextBlob, ...(EncryptionContext && { EncryptionContext }) }))).Plaintext!).toString();
    expect(await decrypted(made.ciphertext, { $tenant: 'a' })).toBe('sealed before');
    expect(await decrypted(made.importedCiphertext)).toBe('imported');
    expect(await decrypted(made.replicaCiphertext)).toBe('replica');
    const verify = await second.client.send(new VerifyCommand({ KeyId: keys.rsa, Message: made.message, Signature: made.signature, SigningAlgorithm: 'RSASSA_PSS_SHA_256' }));
    expect(verify.SignatureValid).toBe(true);
    const mac = await second.client.send(new VerifyMacCommand({ KeyId: keys.hmac, Message: made.message, Mac: made.mac, MacAlgorithm: 'HMAC_SHA_256' }));
    expect(mac.MacValid).toBe(true);

    // What was scheduled before the restart still falls due on the fake clock after it.
    second.kms.advanceTime(5 * DAY_MS);
    expect(await failure(second.client.send(new DescribeKeyCommand({ KeyId: keys.doomed })))).toBeInstanceOf(NotFoundException);
    const aliases = (await second.client.send(new ListAliasesCommand({}))).Aliases!.map((a) => a.AliasName);
    expect(aliases).not.toContain('alias/doomed');
    second.kms.advanceTime(30 * DAY_MS);
    expect((await second.client.send(new DescribeKeyCommand({ KeyId: keys.external }))).KeyMetadata!.KeyState).toBe('PendingImport');
    const rotations = (await second.client.send(new ListKeyRotationsCommand({ KeyId: keys.symmetric }))).Rotations!;
    expect(rotations.map((r) => r.RotationType)).toEqual(['ON_DEMAND']);
    second.kms.advanceTime(90 * DAY_MS);
    const after = (await second.client.send(new ListKeyRotationsCommand({ KeyId: keys.symmetric }))).Rotations!;
    expect(after.map((r) => r.RotationType)).toEqual(['ON_DEMAND', 'AUTOMATIC']);
  });

  it('keeps what the fake clock did, and a seeded fake goes on with its stream instead of repeating key IDs', async () => {
    const directory = stateDirectory();
    const first = open(directory, { seed: 'durable', clock: fixedClock });
    const made = (await first.client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    first.kms.advanceTime(DAY_MS);
    first.kms.close();

    const second = open(directory, { seed: 'durable', clock: fixedClock });
    expect(second.kms.now().getTime()).toBe(FIXED_NOW + DAY_MS);
    const next = (await second.client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    expect(next).not.toBe(made);
    const listed = (await second.client.send(new ListKeysCommand({}))).Keys!.map((k) => k.KeyId).sort();
    expect(listed).toEqual([made, next].sort());
  });

  it('keeps what reset() and rollback() leave', async () => {
    const directory = stateDirectory();
    const first = open(directory);
    const kept = (await first.client.send(new CreateKeyCommand({ Description: 'kept' }))).KeyMetadata!.KeyId!;
    const saved = first.kms.snapshot();
    await first.client.send(new CreateKeyCommand({ Description: 'rolled back' }));
    first.kms.rollback(saved);
    first.kms.close();
    const second = open(directory);
    expect((await second.client.send(new ListKeysCommand({}))).Keys!.map((k) => k.KeyId)).toEqual([kept]);
    second.kms.reset();
    second.kms.close();
    const third = open(directory);
    expect((await third.client.send(new ListKeysCommand({}))).Keys).toEqual([]);
  });

  it('keeps what the fake clock and repeated calls change in records already stored', async () => {
    const directory = stateDirectory();
    const first = open(directory, { clock: fixedClock }, 'us-west-2');
    const east1 = fakeClient(first.kms, 'us-east-1');
    const west = first.client;
    const multi = (await west.send(new CreateKeyCommand({ MultiRegion: true }))).KeyMetadata!.KeyId!;
    await west.send(new ReplicateKeyCommand({ KeyId: multi, ReplicaRegion: 'us-east-1' }));
    first.kms.settle();
    const { CustomKeyStoreId } = await east1.send(new CreateCustomKeyStoreCommand({
      CustomKeyStoreName: 'hsm', CloudHsmClusterId: 'cluster-1a23b4cdefg', TrustAnchorCertificate: '-----BEGIN CERTIFICATE-----trust-----END CERTIFICATE-----', KeyStorePassword: 'kmsuser-pass',
    }));
    await east1.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId }));
    first.kms.settle();
    const inStore = (await east1.send(new CreateKeyCommand({ CustomKeyStoreId, Origin: 'AWS_CLOUDHSM' }))).KeyMetadata!.KeyId!;
    const grant = { KeyId: multi, GranteePrincipal: APP_ROLE, RetiringPrincipal: APP_ROLE, Operations: ['Encrypt' as const], Name: 'again' };
    await east1.send(new CreateGrantCommand(grant));
    // Then only calls that change stored records in place, and no read of them before the restart
    // (a read would write a change the journal had missed): UpdatePrimaryRegion, which ends on the
    // fake clock; DisconnectCustomKeyStore, which makes the store's keys Unavailable; a CreateGrant
    // repeated with its name, which adds a token to the grant.
    await west.send(new UpdatePrimaryRegionCommand({ KeyId: multi, PrimaryRegion: 'us-east-1' }));
    first.kms.settle();
    await east1.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId }));
    const again = await east1.send(new CreateGrantCommand(grant));
    first.kms.close();

    const second = open(directory, { clock: fixedClock }, 'us-west-2');
    const east2 = fakeClient(second.kms, 'us-east-1');
    const metadata = async (client: KMSClient, KeyId: string) => (await client.send(new DescribeKeyCommand({ KeyId }))).KeyMetadata!;
    expect((await metadata(east2, multi)).MultiRegionConfiguration!.MultiRegionKeyType).toBe('PRIMARY');
    expect((await metadata(second.client, multi)).MultiRegionConfiguration!.MultiRegionKeyType).toBe('REPLICA');
    expect((await metadata(second.client, multi)).KeyState).toBe('Enabled');
    expect((await metadata(east2, inStore)).KeyState).toBe('Unavailable');
    expect((await east2.send(new DescribeCustomKeyStoresCommand({}))).CustomKeyStores![0]!.ConnectionState).toBe('DISCONNECTED');
    await east2.send(new RetireGrantCommand({ GrantToken: again.GrantToken! }));
    expect((await east2.send(new ListGrantsCommand({ KeyId: multi }))).Grants).toEqual([]);
  });

  it('keeps an import started before the restart, so it completes after it', async () => {
    const directory = stateDirectory();
    const first = open(directory);
    const KeyId = (await first.client.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }))).KeyMetadata!.KeyId!;
    const params = await first.client.send(new GetParametersForImportCommand({ KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }));
    first.kms.close();
    const second = open(directory);
    await second.client.send(new ImportKeyMaterialCommand({
      KeyId,
      ImportToken: params.ImportToken,
      EncryptedKeyMaterial: wrap(params.PublicKey!, 'RSAES_OAEP_SHA_256', randomBytes(32)),
      ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
    }));
    expect((await second.client.send(new DescribeKeyCommand({ KeyId }))).KeyMetadata!.KeyState).toBe('Enabled');
  });

  it('keeps the keys a fixture loads', async () => {
    const directory = stateDirectory();
    const keyId = '1234abcd-12ab-34cd-56ef-1234567890ab';
    const first = open(directory);
    first.kms.load({ keys: [{ keyId, aliases: ['alias/fixture'] }] });
    const { CiphertextBlob } = await first.client.send(new EncryptCommand({ KeyId: 'alias/fixture', Plaintext: Buffer.from('fixture') }));
    first.kms.close();
    const second = open(directory);
    const { Plaintext, KeyId } = await second.client.send(new DecryptCommand({ CiphertextBlob }));
    expect(Buffer.from(Plaintext!).toString()).toBe('fixture');
    expect(KeyId).toContain(keyId);
  });
});
