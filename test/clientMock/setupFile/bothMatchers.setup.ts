// Run by ./jest.config.js, under the kms-fake/jest setup file: a test file that imports
// kms-fake/client-mock-jest asserts with both kinds of matcher under the same names, kms-fake's
// own on a KmsFake and aws-sdk-client-mock-jest's on a stub.
import { CreateKeyCommand, DescribeKeyCommand, EncryptCommand, GenerateRandomCommand, KMSClient, NotFoundException } from '@aws-sdk/client-kms';
import { mockClient } from 'kms-fake/client-mock';
import { kmsFake } from 'kms-fake/jest';
import 'kms-fake/client-mock-jest';

const client = new KMSClient({ region: 'eu-west-1' });

it('takes the setup file\'s KmsFake, and fails when wrong, with and without .not', async () => {
  await client.send(new CreateKeyCommand({ Description: 'app' }));

  expect(kmsFake).toHaveReceivedCommand(CreateKeyCommand);
  expect(kmsFake).toReceiveCommand(CreateKeyCommand);
  expect(kmsFake).toHaveReceivedCommandTimes(CreateKeyCommand, 1);
  expect(kmsFake).toHaveReceivedCommandWith(CreateKeyCommand, { Description: 'app' });
  expect(kmsFake).toHaveReceivedNthCommandWith(1, CreateKeyCommand, { Description: 'app' });
  expect(kmsFake).toHaveReceivedAnyCommand();
  expect(kmsFake).not.toHaveReceivedCommand(EncryptCommand);
  expect(kmsFake).not.toHaveReceivedCommandWith(CreateKeyCommand, { Description: 'other' });

  expect(() => expect(kmsFake).toHaveReceivedCommand(EncryptCommand)).toThrow(/kms-fake to have received EncryptCommand/);
  expect(() => expect(kmsFake).not.toHaveReceivedCommand(CreateKeyCommand)).toThrow(/kms-fake not to have received CreateKeyCommand/);
  expect(() => expect(kmsFake).not.toHaveReceivedCommandWith(CreateKeyCommand, { Description: 'app' })).toThrow(/not to have received/);
  expect(() => expect(kmsFake).toHaveReceivedCommandTimes(CreateKeyCommand, 2)).toThrow(/CreateKeyCommand 2 times/);
  // kms-fake's matchers refuse arguments they do not take, with .not too: that assertion cannot pass.
  // @ts-expect-error: an argument toHaveReceivedCommand does not take
  expect(() => expect(kmsFake).not.toHaveReceivedCommand(EncryptCommand, { KeyId: 'x' })).toThrow(/takes 1 argument/);
});

it('takes a mockClient() stub in the same file, and fails when wrong, with and without .not', async () => {
  const kmsMock = mockClient(KMSClient);
  try {
    kmsMock.on(GenerateRandomCommand).resolves({ Plaintext: new Uint8Array([1]) });
    await client.send(new GenerateRandomCommand({ NumberOfBytes: 1 }));

    expect(kmsMock).toHaveReceivedCommand(GenerateRandomCommand);
    expect(kmsMock).toReceiveCommandWith(GenerateRandomCommand, { NumberOfBytes: 1 });
    expect(kmsMock).toHaveReceivedCommandTimes(GenerateRandomCommand, 1);
    expect(kmsMock).not.toHaveReceivedCommand(EncryptCommand);
    expect(kmsMock.kmsFake).not.toHaveReceivedAnyCommand();

    expect(() => expect(kmsMock).toHaveReceivedCommand(EncryptCommand)).toThrow(/Expected KMSClient[\s\S]*EncryptCommand/);
    expect(() => expect(kmsMock).not.toHaveReceivedCommand(GenerateRandomCommand)).toThrow(/Expected KMSClient[\s\S]*GenerateRandomCommand/);
    expect(() => expect(kmsMock).not.toHaveReceivedCommandWith(GenerateRandomCommand, { NumberOfBytes: 1 })).toThrow(/Expected KMSClient[\s\S]*NumberOfBytes/);
    // Neither matcher kind takes anything else: a plain object fails the assertion.
    expect(() => expect({}).toHaveReceivedCommand(EncryptCommand)).toThrow();
  } finally {
    kmsMock.restore();
  }
  expect(kmsFake).not.toHaveReceivedCommand(GenerateRandomCommand);
});

it('puts a stub over the setup file\'s fake back to that fake\'s state at mockClient() on reset', async () => {
  const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
  const kmsMock = mockClient(KMSClient, { kmsFake });
  try {
    const { KeyMetadata: later } = await client.send(new CreateKeyCommand({}));

    kmsMock.reset();

    expect(kmsFake).not.toHaveReceivedAnyCommand();
    expect((await client.send(new DescribeKeyCommand({ KeyId: KeyMetadata!.KeyId }))).KeyMetadata?.KeyId).toBe(KeyMetadata!.KeyId);
    await expect(client.send(new DescribeKeyCommand({ KeyId: later!.KeyId }))).rejects.toBeInstanceOf(NotFoundException);
    expect(kmsMock).toHaveReceivedCommandTimes(DescribeKeyCommand, 2);
  } finally {
    kmsMock.restore();
  }
});
