import {
  CreateGrantCommand,
  CreateKeyCommand,
  ListGrantsCommand,
  ListRetirableGrantsCommand,
  ReplicateKeyCommand,
  RetireGrantCommand,
  RevokeGrantCommand,
  ScheduleKeyDeletionCommand,
  type CreateGrantCommandInput,
  type CreateKeyCommandInput,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { KmsFake } from 'kms-fake';
import { DAY_MS, fakeClient } from './support/client';
import { expectKmsError } from './support/errors';

const START = Date.parse('2030-01-01T00:00:00Z');
const ACCOUNT = '111122223333';
const ALICE = `arn:aws:iam::${ACCOUNT}:role/alice`;
const BOB = `arn:aws:iam::${ACCOUNT}:role/bob`;
const RETIRER = `arn:aws:iam::${ACCOUNT}:role/retirer`;

let kms: KmsFake;
let client: KMSClient;
beforeEach(() => {
  kms = new KmsFake({ clock: () => START });
  client = fakeClient(kms, 'eu-west-1');
});
afterEach(() => kms.reset());

const newKey = async (input: CreateKeyCommandInput = {}) => (await client.send(new CreateKeyCommand(input))).KeyMetadata!;
const grant = (KeyId: string, input: Partial<CreateGrantCommandInput> = {}) =>
  client.send(new CreateGrantCommand({ KeyId, GranteePrincipal: ALICE, Operations: ['Encrypt', 'Decrypt'], ...input }));
const grantsOn = async (KeyId: string) => (await client.send(new ListGrantsCommand({ KeyId }))).Grants!;
const grantIds = async (KeyId: string) => (await grantsOn(KeyId)).map((g) => g.GrantId);

describe('CreateGrant and ListGrants', () => {
  it('records the grant and lists it with every field', async () => {
    const key = await newKey();
    const created = await grant(key.Arn!, {
      Name: 'orders-worker',
      RetiringPrincipal: RETIRER,
      Constraints: { EncryptionContextSubset: { app: 'orders' } },
    });
    expect(created.GrantId).toMatch(/^[0-9a-f]{64}$/);
    expect(created.GrantToken).toEqual(expect.any(String));
    expect(await client.send(new ListGrantsCommand({ KeyId: key.KeyId! }))).toMatchObject({
      Truncated: false,
      Grants: [
        {
          KeyId: key.Arn,
          GrantId: created.GrantId,
          Name: 'orders-worker',
          CreationDate: new Date(START),
          GranteePrincipal: ALICE,
          RetiringPrincipal: RETIRER,
          IssuingAccount: `arn:aws:iam::${ACCOUNT}:root`,
          Operations: ['Encrypt', 'Decrypt'],
          Constraints: { EncryptionContextSubset: { app: 'orders' } },
        },
      ],
    });
  });

  it('filters by GrantId and GranteePrincipal, and refuses a malformed GrantId', async () => {
    const key = await newKey();
    const a = await grant(key.KeyId!);
    const b = await grant(key.KeyId!, { GranteePrincipal: BOB });
    const list = (input: { GrantId?: string; GranteePrincipal?: string }) =>
      client.send(new ListGrantsCommand({ KeyId: key.KeyId!, ...input }));
    expect((await list({ GrantId: a.GrantId! })).Grants!.map((g) => g.GrantId)).toEqual([a.GrantId]);
    expect((await list({ GranteePrincipal: BOB })).Grants!.map((g) => g.GrantId)).toEqual([b.GrantId]);
    expect((await list({ GranteePrincipal: RETIRER })).Grants).toEqual([]);
    await expectKmsError(list({ GrantId: 'not-a-grant' }), 'InvalidGrantIdException', "Invalid grant ID 'not-a-grant'");
  });

  it('pages with Limit and Marker', async () => {
    const key = await newKey();
    const made = [];
    for (let i = 0; i < 5; i++) made.push((await grant(key.KeyId!)).GrantId);
    const first = await client.send(new ListGrantsCommand({ KeyId: key.KeyId!, Limit: 2 }));
    expect(first).toMatchObject({ Truncated: true, NextMarker: expect.any(String) });
    const seen = first.Grants!.map((g) => g.GrantId);
    const sizes = [seen.length];
    let marker = first.NextMarker;
    while (marker !== undefined) {
      const page = await client.send(new ListGrantsCommand({ KeyId: key.KeyId!, Limit: 2, Marker: marker }));
      seen.push(...page.Grants!.map((g) => g.GrantId));
      sizes.push(page.Grants!.length);
      marker = page.Truncated ? page.NextMarker : undefined;
    }
    expect(sizes).toEqual([2, 2, 1]);
    expect(seen).toEqual([...made].sort()); // each once, in the fake's stable order (by grant ID)
  });

  it('answers the same GrantId for a repeated request with the same Name and parameters', async () => {
    const key = await newKey();
    const first = await grant(key.KeyId!, { Name: 'retry-safe' });
    const again = await grant(key.KeyId!, { Name: 'retry-safe', Operations: ['Decrypt', 'Encrypt'] });
    expect(again.GrantId).toBe(first.GrantId);
    expect(again.GrantToken).not.toBe(first.GrantToken);
    const other = await grant(key.KeyId!, { Name: 'retry-safe', Operations: ['Encrypt'] });
    expect(other.GrantId).not.toBe(first.GrantId);
    const unnamed = [await grant(key.KeyId!), await grant(key.KeyId!)];
    expect(unnamed[0]!.GrantId).not.toBe(unnamed[1]!.GrantId);
    expect(await grantIds(key.KeyId!)).toHaveLength(4);
    // Every token of the grant retires it.
    await client.send(new RetireGrantCommand({ GrantToken: again.GrantToken! }));
    expect(await grantIds(key.KeyId!)).not.toContain(first.GrantId);
  });

  it('allows only operations the key supports, and changes nothing when it refuses', async () => {
    const symmetric = await newKey();
    const signing = await newKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    const hmac = await newKey({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    const agreement = await newKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'KEY_AGREEMENT' });
    const rsa = await newKey({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
    const refused = [
      [symmetric, 'Sign'],
      [symmetric, 'GetPublicKey'],
      [signing, 'GenerateDataKey'],
      [signing, 'Encrypt'],
      [hmac, 'Decrypt'],
      [agreement, 'Verify'],
      [rsa, 'GenerateDataKeyPair'],
      [symmetric, 'DeriveSharedSecret'],
    ] as const;
    for (const [key, op] of refused) {
      await expectKmsError(
        grant(key.KeyId!, { Operations: ['DescribeKey', op] }),
        'ValidationException',
        `Grant operation ${op} is not supported on ${key.Arn}.`,
      );
      expect(await grantsOn(key.KeyId!)).toEqual([]);
    }
    await grant(symmetric.KeyId!, { Operations: ['GenerateDataKey', 'ReEncryptFrom', 'ReEncryptTo', 'CreateGrant', 'RetireGrant'] });
    await grant(signing.KeyId!, { Operations: ['Sign', 'Verify', 'GetPublicKey', 'DescribeKey'] });
    await grant(hmac.KeyId!, { Operations: ['GenerateMac', 'VerifyMac'] });
    await grant(agreement.KeyId!, { Operations: ['DeriveSharedSecret', 'GetPublicKey'] });
    await grant(rsa.KeyId!, { Operations: ['Encrypt', 'Decrypt', 'GetPublicKey'] });
  });

  it('refuses both encryption context constraints, and such constraints on other than symmetric encryption keys', async () => {
    const key = await newKey();
    await expectKmsError(
      grant(key.KeyId!, { Constraints: { EncryptionContextSubset: { a: '1' }, EncryptionContextEquals: { a: '1' } } }),
      'ValidationException',
      'More than one constraint supplied',
    );
    const signing = await newKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    await expectKmsError(
      grant(signing.KeyId!, { Operations: ['Sign'], Constraints: { EncryptionContextEquals: { a: '1' } } }),
      'ValidationException',
      'EncryptionContext is supported only when creating a grant for a symmetric encryption KMS key.',
    );
    expect(await grantsOn(key.KeyId!)).toEqual([]);
    expect(await grantsOn(signing.KeyId!)).toEqual([]);
  });

  it('checks the principals and the Name against their shapes', async () => {
    const key = await newKey();
    await expectKmsError(
      client.send(new CreateGrantCommand({ KeyId: key.KeyId!, Operations: ['Encrypt'] })),
      'ValidationException',
      'Specify GranteePrincipal or GranteeServicePrincipal.',
    );
    await expectKmsError(
      client.send(
        new CreateGrantCommand({ KeyId: key.KeyId!, Operations: ['Encrypt'], GranteePrincipal: 'arn:aws:iam::111122223333:role/a', GranteeServicePrincipal: 'logs.amazonaws.com' }),
      ),
      'ValidationException',
      'You cannot specify both GranteePrincipal and GranteeServicePrincipal.',
    );
    await expectKmsError(
      grant(key.KeyId!, { GranteePrincipal: 'has space' }),
      'ValidationException',
      "1 validation error detected: Value 'has space' at 'granteePrincipal' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\\w+=,.@:/-]+$",
    );
    await expectKmsError(
      grant(key.KeyId!, { Name: 'no spaces' }),
      'ValidationException',
      "1 validation error detected: Value 'no spaces' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$",
    );
    expect(await grantsOn(key.KeyId!)).toEqual([]);
  });
});

describe('RetireGrant, RevokeGrant and ListRetirableGrants', () => {
  it('retires by grant token and by key ARN and grant ID', async () => {
    const key = await newKey();
    const byToken = await grant(key.KeyId!);
    const byId = await grant(key.KeyId!);
    await client.send(new RetireGrantCommand({ GrantToken: byToken.GrantToken! }));
    expect(await grantIds(key.KeyId!)).toEqual([byId.GrantId]);
    await client.send(new RetireGrantCommand({ KeyId: key.Arn!, GrantId: byId.GrantId! }));
    expect(await grantIds(key.KeyId!)).toEqual([]);
    await expectKmsError(
      client.send(new RetireGrantCommand({ GrantToken: byToken.GrantToken! })),
      'NotFoundException',
      `Grant ${byToken.GrantId} does not exist`,
    );
  });

  it('refuses a token the fake did not issue, and a request naming no grant', async () => {
    const key = await newKey();
    const { GrantToken, GrantId } = await grant(key.KeyId!);
    const lastChanged = `${GrantToken!.slice(0, -1)}${GrantToken!.endsWith('A') ? 'B' : 'A'}`;
    for (const forged of ['AQpAM2RhZTk1MGMy', lastChanged]) {
      await expectKmsError(client.send(new RetireGrantCommand({ GrantToken: forged })), 'InvalidGrantTokenException', 'The grant token is not valid.');
    }
    await expectKmsError(
      client.send(new RetireGrantCommand({ GrantId: GrantId! })),
      'ValidationException',
      'Specify the grant to retire with a GrantToken, or with a KeyId and a GrantId.',
    );
    expect(await grantIds(key.KeyId!)).toEqual([GrantId]);
  });

  it('revokes by key and grant ID; an unknown or malformed grant ID changes nothing', async () => {
    const key = await newKey();
    const other = await newKey();
    const { GrantId } = await grant(key.KeyId!);
    const unknown = 'a'.repeat(64);
    await expectKmsError(client.send(new RevokeGrantCommand({ KeyId: key.KeyId!, GrantId: unknown })), 'NotFoundException', `Grant ${unknown} does not exist`);
    await expectKmsError(client.send(new RevokeGrantCommand({ KeyId: other.KeyId!, GrantId: GrantId! })), 'NotFoundException', `Grant ${GrantId} does not exist`);
    await expectKmsError(client.send(new RevokeGrantCommand({ KeyId: key.KeyId!, GrantId: 'xyz' })), 'InvalidGrantIdException', "Invalid grant ID 'xyz'");
    expect(await grantIds(key.KeyId!)).toEqual([GrantId]);
    await client.send(new RevokeGrantCommand({ KeyId: key.KeyId!, GrantId: GrantId! }));
    expect(await grantIds(key.KeyId!)).toEqual([]);
  });

  it('lists the retirable grants of a principal across the keys of the region', async () => {
    const [a, b] = [await newKey(), await newKey()];
    const onA = await grant(a.KeyId!, { RetiringPrincipal: RETIRER });
    const onB = await grant(b.KeyId!, { RetiringPrincipal: RETIRER });
    await grant(b.KeyId!, { RetiringPrincipal: BOB });
    await grant(b.KeyId!);
    const { Grants, Truncated } = await client.send(new ListRetirableGrantsCommand({ RetiringPrincipal: RETIRER }));
    expect(Truncated).toBe(false);
    expect(Grants!.map((g) => [g.KeyId, g.GrantId]).sort()).toEqual([[a.Arn, onA.GrantId], [b.Arn, onB.GrantId]].sort());
    expect((await fakeClient(kms, 'us-east-2').send(new ListRetirableGrantsCommand({ RetiringPrincipal: RETIRER }))).Grants).toEqual([]);
  });

  it('answers DryRun with DryRunOperationException and changes nothing', async () => {
    const key = await newKey();
    const { GrantId, GrantToken } = await grant(key.KeyId!);
    const dryRun = 'The request would have succeeded, but the DryRun option is set.';
    await expectKmsError(grant(key.KeyId!, { DryRun: true }), 'DryRunOperationException', dryRun);
    await expectKmsError(client.send(new RetireGrantCommand({ GrantToken: GrantToken!, DryRun: true })), 'DryRunOperationException', dryRun);
    await expectKmsError(client.send(new RevokeGrantCommand({ KeyId: key.KeyId!, GrantId: GrantId!, DryRun: true })), 'DryRunOperationException', dryRun);
    expect(await grantIds(key.KeyId!)).toEqual([GrantId]);
  });
});

describe('grants and the rest of the key state', () => {
  it('go when their key is deleted', async () => {
    const key = await newKey();
    const kept = await newKey();
    await grant(key.KeyId!, { RetiringPrincipal: RETIRER });
    const survivor = await grant(kept.KeyId!, { RetiringPrincipal: RETIRER });
    await client.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId!, PendingWindowInDays: 7 }));
    expect(await grantsOn(key.KeyId!)).toHaveLength(1);
    kms.advanceTime(7 * DAY_MS);
    await expectKmsError(client.send(new ListGrantsCommand({ KeyId: key.KeyId! })), 'NotFoundException', `Key '${key.Arn}' does not exist`);
    const { Grants } = await client.send(new ListRetirableGrantsCommand({ RetiringPrincipal: RETIRER }));
    expect(Grants!.map((g) => g.GrantId)).toEqual([survivor.GrantId]);
  });

  it('are part of snapshots: restore brings back the grant and its token', async () => {
    const key = await newKey();
    const { GrantId, GrantToken } = await grant(key.KeyId!, { Name: 'saved' });
    const saved = kms.snapshot();
    await client.send(new RevokeGrantCommand({ KeyId: key.KeyId!, GrantId: GrantId! }));
    kms.rollback(saved);
    expect(await grantIds(key.KeyId!)).toEqual([GrantId]);
    await client.send(new RetireGrantCommand({ GrantToken: GrantToken! }));
    expect(await grantIds(key.KeyId!)).toEqual([]);
    kms.rollback(saved);
    expect(await grantIds(key.KeyId!)).toEqual([GrantId]);
  });

  it('are not copied to replicas: each member has its own', async () => {
    const key = await newKey({ MultiRegion: true });
    const { GrantId } = await grant(key.KeyId!);
    await client.send(new ReplicateKeyCommand({ KeyId: key.KeyId!, ReplicaRegion: 'us-west-2' }));
    kms.settle();
    const replicaClient = fakeClient(kms, 'us-west-2');
    expect((await replicaClient.send(new ListGrantsCommand({ KeyId: key.KeyId! }))).Grants).toEqual([]);
    const onReplica = await replicaClient.send(new CreateGrantCommand({ KeyId: key.KeyId!, GranteePrincipal: BOB, Operations: ['Decrypt'] }));
    expect(await grantIds(key.KeyId!)).toEqual([GrantId]);
    expect((await replicaClient.send(new ListGrantsCommand({ KeyId: key.KeyId! }))).Grants!.map((g) => g.GrantId)).toEqual([onReplica.GrantId]);
  });
});
