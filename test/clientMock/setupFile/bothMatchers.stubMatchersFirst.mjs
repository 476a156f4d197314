// Run by ./vitest.stubMatchersFirst.config.mts: no import of kms-fake/client-mock-jest/vitest here;
// both kinds of matcher come from the setup files, in that order.
import { CreateKeyCommand, EncryptCommand, GenerateRandomCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'kms-fake/client-mock';
import { kmsFake } from 'kms-fake/vitest';
import { expect, it } from 'vitest';

const client = new KMSClient({ region: 'eu-west-1' });

it('a stub is judged by the stub matchers, in both directions', async () => {
  const kmsMock = mockClient(KMSClient);
  try {
    kmsMock.on(GenerateRandomCommand).resolves({ Plaintext: new Uint8Array([1]) });
    await client.send(new GenerateRandomCommand({ NumberOfBytes: 1 }));
    expect(kmsMock).toHaveReceivedCommandWith(GenerateRandomCommand, { NumberOfBytes: 1 });
    expect(kmsMock).toReceiveCommandTimes(GenerateRandomCommand, 1);
    expect(() => expect(kmsMock).not.toHaveReceivedCommand(GenerateRandomCommand)).toThrow(/Expected KMSClient[\s\S]*GenerateRandomCommand/);
    expect(() => expect(kmsMock).toHaveReceivedCommand(EncryptCommand)).toThrow(/Expected KMSClient[\s\S]*EncryptCommand/);
  } finally {
    kmsMock.restore();
  }
});

it("the setup file's KmsFake is judged by kms-fake's matchers, in both directions", async () => {
  await client.send(new CreateKeyCommand({}));
  expect(kmsFake).toHaveReceivedCommandTimes(CreateKeyCommand, 1);
  expect(() => expect(kmsFake).not.toHaveReceivedCommand(CreateKeyCommand)).toThrow(/CreateKeyCommand/);
  expect(() => expect(kmsFake).toHaveReceivedCommand(EncryptCommand)).toThrow(/EncryptCommand/);
});
