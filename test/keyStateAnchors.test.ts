import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateKeyCommand,
  DisabledException,
  DisableKeyCommand,
  EncryptCommand,
  KMSInvalidStateException,
  ReplicateKeyCommand,
  ScheduleKeyDeletionCommand,
  UpdateAliasCommand,
} from '@aws-sdk/client-kms';
import { KmsFake } from 'kms-fake';
import { failure, fakeClient } from './support/client';

/**
 * A few cells of the key-state table written out literally. The matrix suite derives every cell
 * from the data; these anchors make sure that derivation and the data say what AWS says.
 */
describe('key-state anchors', () => {
  const kms = new KmsFake({ transientDelays: { creating: 60_000 } });
  const client = fakeClient(kms, 'eu-west-1');
  const newKey = async (input = {}) => (await client.send(new CreateKeyCommand(input))).KeyMetadata!;
  const encrypt = (keyId: string) => client.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('x') }));

  it('Encrypt × Disabled → DisabledException "<arn> is disabled."', async () => {
    const key = await newKey();
    await client.send(new DisableKeyCommand({ KeyId: key.KeyId }));
    const error = await failure(encrypt(key.KeyId!));
    expect(Object.getPrototypeOf(error)).toBe(DisabledException.prototype);
    expect(error.message).toBe(`${key.Arn} is disabled.`);
  });

  it('Encrypt × PendingDeletion → KMSInvalidStateException "<arn> is pending deletion."', async () => {
    const key = await newKey();
    await client.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    const error = await failure(encrypt(key.KeyId!));
    expect(Object.getPrototypeOf(error)).toBe(KMSInvalidStateException.prototype);
    expect(error.message).toBe(`${key.Arn} is pending deletion.`);
  });

  it('Encrypt × PendingImport → KMSInvalidStateException "<arn> is pending import."', async () => {
    const key = await newKey({ Origin: 'EXTERNAL' });
    const error = await failure(encrypt(key.KeyId!));
    expect(Object.getPrototypeOf(error)).toBe(KMSInvalidStateException.prototype);
    expect(error.message).toBe(`${key.Arn} is pending import.`);
  });

  it('CancelKeyDeletion × Enabled → KMSInvalidStateException "<arn> is not pending deletion."', async () => {
    const key = await newKey();
    const error = await failure(client.send(new CancelKeyDeletionCommand({ KeyId: key.KeyId })));
    expect(Object.getPrototypeOf(error)).toBe(KMSInvalidStateException.prototype);
    expect(error.message).toBe(`${key.Arn} is not pending deletion.`);
  });

  it('UpdateAlias to a key pending deletion fails; from one it succeeds', async () => {
    const [from, to] = [await newKey(), await newKey()];
    await client.send(new CreateAliasCommand({ AliasName: 'alias/anchor', TargetKeyId: from.KeyId }));
    await client.send(new ScheduleKeyDeletionCommand({ KeyId: to.KeyId, PendingWindowInDays: 7 }));
    const error = await failure(client.send(new UpdateAliasCommand({ AliasName: 'alias/anchor', TargetKeyId: to.KeyId })));
    expect(error.message).toBe(`${to.Arn} is pending deletion.`);
    await client.send(new ScheduleKeyDeletionCommand({ KeyId: from.KeyId, PendingWindowInDays: 7 }));
    const fresh = await newKey();
    await client.send(new UpdateAliasCommand({ AliasName: 'alias/anchor', TargetKeyId: fresh.KeyId }));
  });

  it('Encrypt × Creating (a new replica) → KMSInvalidStateException "<arn> is creating."', async () => {
    const primary = await newKey({ MultiRegion: true });
    const { ReplicaKeyMetadata } = await client.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: 'eu-north-1' }));
    const replica = fakeClient(kms, 'eu-north-1');
    const error = await failure(replica.send(new EncryptCommand({ KeyId: primary.KeyId, Plaintext: Buffer.from('x') })));
    expect(Object.getPrototypeOf(error)).toBe(KMSInvalidStateException.prototype);
    expect(error.message).toBe(`${ReplicaKeyMetadata!.Arn} is creating.`);
  });
});
