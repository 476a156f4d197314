import {
  CreateAliasCommand,
  CreateKeyCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  EncryptCommand,
  ListAliasesCommand,
  ScheduleKeyDeletionCommand,
  UpdateAliasCommand,
  type CreateKeyRequest,
  type KMSClient,
} from '@aws-sdk/client-kms';
import type { KmsFake } from 'kms-fake';
import { DAY_MS, setup } from './support/client';
import { expectKmsError, NO_MESSAGE } from './support/errors';

const START = new Date('2024-05-01T12:00:00.000Z');
const ALIAS_ARN = (name: string) => `arn:aws:kms:us-east-1:111122223333:${name}`;
const PREFIX_TEXT =
  'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html';
const tooLong = `alias/${'a'.repeat(251)}`;

let kms: KmsFake;
let client: KMSClient;
beforeEach(() => {
  ({ kms, client } = setup({ clock: () => START }));
});

async function newKey(request: CreateKeyRequest = {}): Promise<{ keyId: string; arn: string }> {
  const { KeyMetadata } = await client.send(new CreateKeyCommand(request));
  return { keyId: KeyMetadata!.KeyId!, arn: KeyMetadata!.Arn! };
}

const alias = (AliasName: string, TargetKeyId: string) => client.send(new CreateAliasCommand({ AliasName, TargetKeyId }));

/** Every alias, as the user would list them: what a failed call must leave untouched. */
async function allAliases() {
  const { Aliases } = await client.send(new ListAliasesCommand({}));
  return Aliases!.map((a) => ({ name: a.AliasName, target: a.TargetKeyId, updated: a.LastUpdatedDate?.getTime() }));
}

const describeVia = async (keyId: string) => (await client.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!;

describe('alias names', () => {
  const operations = {
    CreateAlias: (name: string, target: string) => new CreateAliasCommand({ AliasName: name, TargetKeyId: target }),
    UpdateAlias: (name: string, target: string) => new UpdateAliasCommand({ AliasName: name, TargetKeyId: target }),
    DeleteAlias: (name: string) => new DeleteAliasCommand({ AliasName: name }),
  };
  const rules = [
    ['without the alias/ prefix', 'my-key', 'ValidationException', PREFIX_TEXT],
    // messages.md 6, tag C: emulators agree AWS sends NotAuthorizedException with no message.
    ['in the reserved alias/aws/ space (tag C: no message)', 'alias/aws/s3', 'NotAuthorizedException', NO_MESSAGE],
  ] as const;
  const cases = Object.keys(operations).flatMap((op) => rules.map((rule) => [op, ...rule] as const));

  it.each(cases)('%s refuses a name %s', async (op, _label, name, code, message) => {
    const key = await newKey();
    await alias('alias/existing', key.keyId);
    const before = await allAliases();
    await expectKmsError(client.send(operations[op as keyof typeof operations](name, key.keyId) as CreateAliasCommand), code, message);
    expect(await allAliases()).toEqual(before);
  });

  it.each([
    // messages.md 6, tag C (moto's text; the shape is AWS's generic validation wording).
    [
      'with characters outside [a-zA-Z0-9:/_-] (tag C)',
      'alias/my alias!',
      "1 validation error detected: Value 'alias/my alias!' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$",
    ],
    // messages.md 6, tag C/D.
    [
      'longer than 256 characters (tag C/D)',
      tooLong,
      `1 validation error detected: Value '${tooLong}' at 'aliasName' failed to satisfy constraint: Member must have length less than or equal to 256`,
    ],
  ])('CreateAlias refuses a name %s with ValidationException', async (_label, name, message) => {
    const key = await newKey();
    await expectKmsError(alias(name, key.keyId), 'ValidationException', message);
    expect(await allAliases()).toEqual([]);
  });

  it.each([
    ['letters, digits, /, _ and -', 'alias/team/app_1-Prod'],
    ['exactly 256 characters', `alias/${'a'.repeat(250)}`],
  ])('accepts a name of %s', async (_label, name) => {
    const key = await newKey();
    await alias(name, key.keyId);
    expect((await describeVia(name)).Arn).toBe(key.arn);
  });

  it('is case-sensitive: alias/Prod and alias/prod are two aliases', async () => {
    const [one, two] = [await newKey(), await newKey()];
    await alias('alias/Prod', one.keyId);
    await expectKmsError(describeVia('alias/prod'), 'NotFoundException', `Alias ${ALIAS_ARN('alias/prod')} is not found.`);
    await alias('alias/prod', two.keyId);
    expect((await describeVia('alias/Prod')).KeyId).toBe(one.keyId);
    expect((await describeVia('alias/prod')).KeyId).toBe(two.keyId);
  });
});

describe('CreateAlias', () => {
  it('refuses a name already in use, naming its alias ARN, and keeps the existing alias', async () => {
    const [one, two] = [await newKey(), await newKey()];
    await alias('alias/dup', one.keyId);
    const before = await allAliases();
    await expectKmsError(alias('alias/dup', two.keyId), 'AlreadyExistsException', `An alias with the name ${ALIAS_ARN('alias/dup')} already exists`);
    expect(await allAliases()).toEqual(before);
  });

  // messages.md 6, tag C (moto's text).
  it.each([
    ['an alias name (tag C)', 'alias/first'],
    ['an alias ARN (tag C)', ALIAS_ARN('alias/first')],
  ])('refuses a TargetKeyId that is %s', async (_label, target) => {
    const key = await newKey();
    await alias('alias/first', key.keyId);
    const before = await allAliases();
    await expectKmsError(alias('alias/second', target), 'ValidationException', 'Aliases must refer to keys. Not aliases');
    await expectKmsError(
      client.send(new UpdateAliasCommand({ AliasName: 'alias/first', TargetKeyId: target })),
      'ValidationException',
      'Aliases must refer to keys. Not aliases',
    );
    expect(await allAliases()).toEqual(before);
  });

  it('refuses a target key that does not exist', async () => {
    const missing = '0b7fd7b1-4d3e-4a5e-9f8e-1a2b3c4d5e6f';
    await expectKmsError(alias('alias/x', missing), 'NotFoundException', `Key 'arn:aws:kms:us-east-1:111122223333:key/${missing}' does not exist`);
    expect(await allAliases()).toEqual([]);
  });
});

describe('an alias as KeyId', () => {
  it.each([
    ['alias name', 'alias/app'],
    ['alias ARN', ALIAS_ARN('alias/app')],
  ])('Encrypt and DescribeKey accept the %s and answer with the key', async (_label, keyId) => {
    const key = await newKey();
    await alias('alias/app', key.keyId);
    const enc = await client.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('x') }));
    expect(enc.KeyId).toBe(key.arn);
    expect(await describeVia(keyId)).toMatchObject({ KeyId: key.keyId, Arn: key.arn });
  });
});

describe('UpdateAlias', () => {
  it('re-points the alias: DescribeKey follows it, LastUpdatedDate moves, CreationDate stays', async () => {
    const [one, two] = [await newKey(), await newKey()];
    await alias('alias/moving', one.keyId);
    kms.advanceTime(90_000);
    await client.send(new UpdateAliasCommand({ AliasName: 'alias/moving', TargetKeyId: two.arn }));
    expect((await describeVia('alias/moving')).KeyId).toBe(two.keyId);
    const { Aliases } = await client.send(new ListAliasesCommand({}));
    expect(Aliases).toEqual([
      {
        AliasName: 'alias/moving',
        AliasArn: ALIAS_ARN('alias/moving'),
        TargetKeyId: two.keyId,
        CreationDate: START,
        LastUpdatedDate: new Date(START.getTime() + 90_000),
      },
    ]);
  });

  // messages.md 6: no public record of AWS's text (gap); this is the fake's current wording.
  it.each([
    ['an HMAC key', { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }],
    ['an asymmetric ENCRYPT_DECRYPT key', { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' }],
  ] as const)('refuses to move an alias of a symmetric key to %s (text unconfirmed, fake wording)', async (_label, spec) => {
    const [symmetric, other] = [await newKey(), await newKey(spec)];
    await alias('alias/sym', symmetric.keyId);
    const before = await allAliases();
    await expectKmsError(
      client.send(new UpdateAliasCommand({ AliasName: 'alias/sym', TargetKeyId: other.keyId })),
      'ValidationException',
      `${other.arn} is not the same key type or key usage as ${symmetric.arn}, the key the alias currently points to.`,
    );
    expect(await allAliases()).toEqual(before);
  });

  it('refuses an alias that does not exist (tag D: lookup text)', async () => {
    const key = await newKey();
    await expectKmsError(
      client.send(new UpdateAliasCommand({ AliasName: 'alias/nope', TargetKeyId: key.keyId })),
      'NotFoundException',
      `Alias ${ALIAS_ARN('alias/nope')} is not found.`,
    );
    expect(await allAliases()).toEqual([]);
  });
});

describe('DeleteAlias', () => {
  it('removes the alias but not the key', async () => {
    const key = await newKey();
    await alias('alias/gone', key.keyId);
    await client.send(new DeleteAliasCommand({ AliasName: 'alias/gone' }));
    expect(await allAliases()).toEqual([]);
    await expectKmsError(describeVia('alias/gone'), 'NotFoundException', `Alias ${ALIAS_ARN('alias/gone')} is not found.`);
    expect((await describeVia(key.keyId)).KeyState).toBe('Enabled');
  });

  it('answers NotFoundException naming the alias ARN for an alias that does not exist', async () => {
    const key = await newKey();
    await alias('alias/kept', key.keyId);
    const before = await allAliases();
    await expectKmsError(client.send(new DeleteAliasCommand({ AliasName: 'alias/missing' })), 'NotFoundException', `Alias ${ALIAS_ARN('alias/missing')} is not found.`);
    expect(await allAliases()).toEqual(before);
  });
});

describe('ListAliases', () => {
  it.each([['key ID', 'keyId'], ['key ARN', 'arn']] as const)('filters by the %s of a key', async (_label, form) => {
    const [one, two] = [await newKey(), await newKey()];
    await alias('alias/one-a', one.keyId);
    await alias('alias/two', two.keyId);
    await alias('alias/one-b', one.keyId);
    const { Aliases } = await client.send(new ListAliasesCommand({ KeyId: one[form] }));
    expect(Aliases!.map((a) => [a.AliasName, a.TargetKeyId])).toEqual([
      ['alias/one-a', one.keyId],
      ['alias/one-b', one.keyId],
    ]);
  });

  it('walks 7 aliases in pages of 3: each exactly once, in order, Truncated until the last page', async () => {
    const key = await newKey();
    const names = Array.from({ length: 7 }, (_, i) => `alias/page-${i}`);
    for (const name of names) await alias(name, key.keyId);
    const pages: { names: string[]; truncated: boolean | undefined; marker: string | undefined }[] = [];
    let marker: string | undefined;
    do {
      const page = await client.send(new ListAliasesCommand({ Limit: 3, Marker: marker }));
      pages.push({ names: page.Aliases!.map((a) => a.AliasName!), truncated: page.Truncated, marker: page.NextMarker });
      marker = page.NextMarker;
    } while (marker !== undefined && pages.length < 10);
    expect(pages.map((p) => [p.names.length, p.truncated, p.marker !== undefined])).toEqual([
      [3, true, true],
      [3, true, true],
      [1, false, false],
    ]);
    expect(pages.flatMap((p) => p.names)).toEqual(names);
  });

  // messages.md 8, tag C: no real-AWS text known; the fake sends none, like local-kms.
  it('rejects a marker it did not issue with InvalidMarkerException (tag C: no message)', async () => {
    await expectKmsError(client.send(new ListAliasesCommand({ Marker: 'not-a-marker' })), 'InvalidMarkerException', NO_MESSAGE);
  });

  it("drops a deleted key's aliases once its deletion date has passed, not before", async () => {
    const [doomed, kept] = [await newKey(), await newKey()];
    await alias('alias/doomed-a', doomed.keyId);
    await alias('alias/doomed-b', doomed.arn);
    await alias('alias/kept', kept.keyId);
    await client.send(new ScheduleKeyDeletionCommand({ KeyId: doomed.keyId, PendingWindowInDays: 7 }));
    kms.advanceTime(7 * DAY_MS - 1);
    expect((await allAliases()).map((a) => a.name)).toEqual(['alias/doomed-a', 'alias/doomed-b', 'alias/kept']);
    kms.advanceTime(1);
    expect((await allAliases()).map((a) => a.name)).toEqual(['alias/kept']);
    await expectKmsError(describeVia('alias/doomed-a'), 'NotFoundException', `Alias ${ALIAS_ARN('alias/doomed-a')} is not found.`);
  });
});
