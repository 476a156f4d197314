import {
  CreateAliasCommand,
  CreateKeyCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  EncryptCommand,
  ListAliasesCommand,
  UpdateAliasCommand,
  type AliasListEntry,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { KmsFake } from 'kms-fake';
import { setup } from '../support/client';
import { expectKmsError } from '../support/errors';

/**
 * Aliases against recorded AWS answers: LocalStack's AWS-validated test_kms tests test_create_alias,
 * test_list_aliases_of_key, test_all_types_of_key_id_can_be_used_for_encryption,
 * test_create_list_delete_alias, test_update_alias and test_describe_with_alias_arn.
 */

let kms: KmsFake;
let client: KMSClient;
beforeEach(() => ({ kms, client } = setup()));

const newKey = async () => (await client.send(new CreateKeyCommand({}))).KeyMetadata!;
async function allAliases(KeyId?: string): Promise<AliasListEntry[]> {
  const out: AliasListEntry[] = [];
  let Marker: string | undefined;
  do {
    const page = await client.send(new ListAliasesCommand({ KeyId, Marker }));
    out.push(...(page.Aliases ?? []));
    Marker = page.NextMarker;
  } while (Marker);
  return out;
}
const findAlias = async (name: string, KeyId?: string) => (await allAliases(KeyId)).find((a) => a.AliasName === name);

it('refuses an alias name without the alias/ prefix (test_create_alias)', async () => {
  const key = await newKey();
  await expectKmsError(
    client.send(new CreateAliasCommand({ AliasName: 'no-prefix', TargetKeyId: key.KeyId })),
    'ValidationException',
    'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html',
  );
});

it('ListAliases with a KeyId lists only that key\'s aliases (test_list_aliases_of_key)', async () => {
  const aliased = await newKey();
  const other = await newKey();
  await client.send(new CreateAliasCommand({ AliasName: 'alias/mine', TargetKeyId: aliased.KeyId }));
  expect(await findAlias('alias/mine', aliased.KeyId)).toMatchObject({ AliasName: 'alias/mine', TargetKeyId: aliased.KeyId });
  expect(await findAlias('alias/mine', other.KeyId)).toBeUndefined();
});

it('a key is usable by key ID, key ARN, alias name and alias ARN (test_all_types_of_key_id_can_be_used_for_encryption)', async () => {
  const key = await newKey();
  await client.send(new CreateAliasCommand({ AliasName: 'alias/every-form', TargetKeyId: key.KeyId }));
  const aliasArn = (await findAlias('alias/every-form', key.KeyId))!.AliasArn!;
  expect(aliasArn).toBe(`arn:aws:kms:us-east-1:${kms.accountId}:alias/every-form`);
  for (const KeyId of [key.Arn, key.KeyId, aliasArn, 'alias/every-form']) {
    expect((await client.send(new EncryptCommand({ KeyId, Plaintext: Buffer.from('encrypt-me') }))).KeyId).toBe(key.Arn);
  }
  // DescribeKey by alias ARN describes the key (test_describe_with_alias_arn).
  expect((await client.send(new DescribeKeyCommand({ KeyId: aliasArn }))).KeyMetadata).toEqual(key);
});

it('CreateAlias, ListAliases, DeleteAlias (test_create_list_delete_alias)', async () => {
  const key = await newKey();
  expect(await findAlias('alias/short-lived')).toBeUndefined();
  await client.send(new CreateAliasCommand({ AliasName: 'alias/short-lived', TargetKeyId: key.KeyId }));
  expect(await findAlias('alias/short-lived')).toBeDefined();
  await client.send(new DeleteAliasCommand({ AliasName: 'alias/short-lived' }));
  expect(await findAlias('alias/short-lived')).toBeUndefined();
});

it('UpdateAlias points the alias at the new key, listed under it by its key ID (test_update_alias)', async () => {
  const before = await newKey();
  await client.send(new CreateAliasCommand({ AliasName: 'alias/moving', TargetKeyId: before.KeyId }));
  expect((await findAlias('alias/moving', before.KeyId))?.TargetKeyId).toBe(before.KeyId);
  const after = await newKey();
  await client.send(new UpdateAliasCommand({ AliasName: 'alias/moving', TargetKeyId: after.KeyId }));
  expect((await findAlias('alias/moving', after.KeyId))?.TargetKeyId).toBe(after.KeyId);
  expect(await findAlias('alias/moving', before.KeyId)).toBeUndefined();
});
