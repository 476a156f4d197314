import {
  CreateGrantCommand,
  CreateKeyCommand,
  ListGrantsCommand,
  RetireGrantCommand,
  RevokeGrantCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { failure, setup } from '../support/client';

/**
 * Grants against recorded AWS answers: LocalStack's AWS-validated test_kms tests
 * test_create_grant_with_invalid_key, test_list_grants_with_invalid_key,
 * test_create_grant_with_valid_key, test_create_grant_with_same_name_two_keys, test_revoke_grant,
 * test_retire_grant_with_grant_token and test_retire_grant_with_grant_id_and_key_id.
 */

let client: KMSClient;
beforeEach(() => ({ client } = setup()));

const GRANTEE = 'arn:aws:iam::111122223333:role/grantee';
const newKey = async () => (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
const grantCount = async (KeyId: string) => (await client.send(new ListGrantsCommand({ KeyId }))).Grants!.length;

it('CreateGrant and ListGrants on a key ID that is not one answer NotFoundException', async () => {
  const create = await failure(client.send(new CreateGrantCommand({ KeyId: 'invalid', GranteePrincipal: GRANTEE, Operations: ['Decrypt', 'Encrypt'] })));
  expect(create.name).toBe('NotFoundException');
  expect((await failure(client.send(new ListGrantsCommand({ KeyId: 'invalid' })))).name).toBe('NotFoundException');
});

it('CreateGrant answers a GrantId and a GrantToken, and the grant is listed', async () => {
  const keyId = await newKey();
  const grant = await client.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: GRANTEE, Operations: ['Decrypt', 'Encrypt'] }));
  expect(grant.GrantId).toEqual(expect.any(String));
  expect(grant.GrantToken).toEqual(expect.any(String));
  expect(await grantCount(keyId)).toBe(1);
});

it('the same grant name on two keys makes one grant on each', async () => {
  const first = await newKey();
  const second = await newKey();
  for (const KeyId of [first, second]) {
    await client.send(new CreateGrantCommand({ KeyId, GranteePrincipal: GRANTEE, Name: 'TestGrantName', Operations: ['Decrypt', 'DescribeKey'] }));
  }
  expect([await grantCount(first), await grantCount(second)]).toEqual([1, 1]);
});

it('RevokeGrant, RetireGrant by token and RetireGrant by grant ID and key ID each remove the grant', async () => {
  const keyId = await newKey();
  const grant = () => client.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: GRANTEE, RetiringPrincipal: GRANTEE, Operations: ['Decrypt'] }));
  const [a, b, c] = [await grant(), await grant(), await grant()];
  await client.send(new RevokeGrantCommand({ KeyId: keyId, GrantId: a.GrantId }));
  expect(await grantCount(keyId)).toBe(2);
  await client.send(new RetireGrantCommand({ GrantToken: b.GrantToken }));
  expect(await grantCount(keyId)).toBe(1);
  await client.send(new RetireGrantCommand({ GrantId: c.GrantId, KeyId: keyId }));
  expect(await grantCount(keyId)).toBe(0);
});
