// Run by ./jest.config.js, under the kms-fake/jest setup file: a stub takes over from the setup
// file's fake while it lives, and after its restore() the setup file's fake answers again.
import { CreateKeyCommand, GenerateRandomCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'kms-fake/client-mock';
import { kmsFake } from 'kms-fake/jest';
import 'kms-fake/client-mock-jest';

it('answers from the stub and its fake until restore, then from the setup file\'s fake', async () => {
  const client = new KMSClient({ region: 'eu-west-1' });
  await client.send(new CreateKeyCommand({}));
  expect(kmsFake.calls()).toHaveLength(1);

  const kmsMock = mockClient(KMSClient);
  kmsMock.on(GenerateRandomCommand).resolves({ Plaintext: new Uint8Array([1]) });
  expect((await client.send(new GenerateRandomCommand({}))).Plaintext).toEqual(new Uint8Array([1]));
  await client.send(new CreateKeyCommand({}));
  expect(kmsMock.kmsFake.calls()).toHaveLength(1);
  expect(kmsMock).toHaveReceivedCommandTimes(CreateKeyCommand, 1);
  expect(kmsFake.calls()).toHaveLength(1);

  kmsMock.restore();
  await client.send(new CreateKeyCommand({}));
  expect(kmsFake.calls()).toHaveLength(2);
});
