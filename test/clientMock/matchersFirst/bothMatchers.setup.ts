import { CreateKeyCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { kmsFake } from 'kms-fake/jest';

describe('aws-sdk-client-mock-jest registered before kms-fake/jest', () => {
  it("its matchers still judge aws-sdk-client-mock's stubs, in both directions", async () => {
    const kmsMock = mockClient(KMSClient);
    try {
      kmsMock.on(EncryptCommand).resolves({ KeyId: 'stubbed' });
      await new KMSClient({}).send(new EncryptCommand({ KeyId: 'alias/app', Plaintext: Buffer.from('x') }));
      expect(kmsMock).toHaveReceivedCommandWith(EncryptCommand, { KeyId: 'alias/app' });
      expect(kmsMock).toReceiveCommandTimes(EncryptCommand, 1);
      expect(() => expect(kmsMock).not.toHaveReceivedCommand(EncryptCommand)).toThrow(/Expected KMSClient[\s\S]*EncryptCommand/);
      expect(() => expect(kmsMock).toHaveReceivedCommand(CreateKeyCommand)).toThrow(/Expected KMSClient[\s\S]*CreateKeyCommand/);
    } finally {
      kmsMock.restore();
    }
  });

  it("kms-fake's matchers judge the fake, in both directions", async () => {
    await new KMSClient({}).send(new CreateKeyCommand({}));
    expect(kmsFake).toHaveReceivedCommandTimes(CreateKeyCommand, 1);
    expect(() => expect(kmsFake).not.toHaveReceivedCommand(CreateKeyCommand)).toThrow(/CreateKeyCommand/);
    expect(() => expect(kmsFake).toHaveReceivedCommand(EncryptCommand)).toThrow(/EncryptCommand/);
  });
});
