// Run by ./vitest.config.mts, under the kms-fake/vitest setup file: a test file that imports
// kms-fake/client-mock-jest/vitest asserts with both kinds of matcher under the same names,
// kms-fake's own on a KmsFake and aws-sdk-client-mock-jest's on a stub.
import { CreateKeyCommand, EncryptCommand, GenerateRandomCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'kms-fake/client-mock';
import 'kms-fake/client-mock-jest/vitest';
import { kmsFake } from 'kms-fake/vitest';
import { expect, it } from 'vitest';

const client = new KMSClient({ region: 'eu-west-1' });

it('takes the setup file\'s KmsFake, and fails when wrong, with and without .not', async () => {
  await client.send(new CreateKeyCommand({ Description: 'app' }));

  expect(kmsFake).toHaveReceivedCommand(CreateKeyCommand);
  expect(kmsFake).toReceiveCommandTimes(CreateKeyCommand, 1);
  expect(kmsFake).toHaveReceivedCommandWith(CreateKeyCommand, { Description: 'app' });
  expect(kmsFake).not.toHaveReceivedCommand(EncryptCommand);

  expect(() => expect(kmsFake).toHaveReceivedCommand(EncryptCommand)).toThrow(/kms-fake to have received EncryptCommand/);
  expect(() => expect(kmsFake).not.toHaveReceivedCommand(CreateKeyCommand)).toThrow(/kms-fake not to have received CreateKeyCommand/);
  expect(() => expect(kmsFake).not.toHaveReceivedCommandWith(CreateKeyCommand, { Description: 'app' })).toThrow(/not to have received/);
  expect(() => expect(kmsFake).not.toHaveReceivedCommand(EncryptCommand, { KeyId: 'x' })).toThrow(/takes 1 argument/);
});

it('takes a mockClient() stub in the same file, and fails when wrong, with and without .not', async () => {
  const kmsMock = mockClient(KMSClient);
  try {
    kmsMock.on(GenerateRandomCommand).resolves({ Plaintext: new Uint8Array([1]) });
    await client.send(new GenerateRandomCommand({ NumberOfBytes: 1 }));

    expect(kmsMock).toHaveReceivedCommandWith(GenerateRandomCommand, { NumberOfBytes: 1 });
    expect(kmsMock).not.toHaveReceivedCommand(EncryptCommand);

    expect(() => expect(kmsMock).toHaveReceivedCommand(EncryptCommand)).toThrow(/Expected KMSClient[\s\S]*EncryptCommand/);
    expect(() => expect(kmsMock).not.toHaveReceivedCommand(GenerateRandomCommand)).toThrow(/Expected KMSClient[\s\S]*GenerateRandomCommand/);
  } finally {
    kmsMock.restore();
  }
  expect(kmsFake).not.toHaveReceivedCommand(GenerateRandomCommand);
});
