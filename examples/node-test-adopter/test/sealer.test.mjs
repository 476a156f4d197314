import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { CreateKeyCommand, EncryptCommand, InvalidCiphertextException, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { kmsFake } from './kmsFake.mjs';
import { open, seal } from '../src/sealer.mjs';

const admin = new KMSClient({ region: 'eu-central-1' });
const keyIds = async () => (await admin.send(new ListKeysCommand({}))).Keys.map((k) => k.KeyId);
let keyId;

before(async () => {
  keyId = (await admin.send(new CreateKeyCommand({ Description: 'made in before' }))).KeyMetadata.KeyId;
});

describe('sealer.mjs under node:test', () => {
  it('seals and opens through the client the module made, with real crypto bound to the tenant', async () => {
    const blob = await seal(keyId, 'acme', 'hunter2');
    assert.equal(await open(blob, 'acme'), 'hunter2');
    await assert.rejects(open(blob, 'globex'), InvalidCiphertextException);
    assert.equal(kmsFake.commandCalls(EncryptCommand, { KeyId: keyId }).length, 1);
  });

  it('test 1 makes a key of its own', async () => {
    await admin.send(new CreateKeyCommand({}));
    assert.equal((await keyIds()).length, 2);
  });

  it('test 2 starts from the state before() left: its key, no other, and an empty history', async () => {
    assert.deepEqual(kmsFake.calls(), []);
    assert.deepEqual(await keyIds(), [keyId]);
  });
});
