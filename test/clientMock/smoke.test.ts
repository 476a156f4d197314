import { CreateKeyCommand, DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'kms-fake/client-mock';
import 'kms-fake/client-mock-jest';

it('smoke', async () => {
  const before = Object.getOwnPropertyDescriptor(KMSClient.prototype, 'send');
  const kmsMock = mockClient(KMSClient);
  const client = new KMSClient({ region: 'eu-west-1' });
  const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
  const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: Buffer.from('hi') }));
  kmsMock.on(DecryptCommand).resolvesOnce({ Plaintext: Buffer.from('stubbed') });
  expect(Buffer.from((await client.send(new DecryptCommand({ CiphertextBlob })))!.Plaintext!).toString()).toBe('stubbed');
  expect(Buffer.from((await client.send(new DecryptCommand({ CiphertextBlob })))!.Plaintext!).toString()).toBe('hi');
  expect(kmsMock).toHaveReceivedCommandTimes(DecryptCommand, 2);
  expect(kmsMock.kmsFake.calls()).toHaveLength(3);
  kmsMock.restore();
  expect(Object.getOwnPropertyDescriptor(KMSClient.prototype, 'send')).toEqual(before);
});
