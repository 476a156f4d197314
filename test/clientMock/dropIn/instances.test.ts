// Written for aws-sdk-client-mock, from its documented API (see stubbing.test.ts for how it also
// runs against kms-fake): stubs on one instance, and several stubs of one class in one file.
import { EncryptCommand, GenerateRandomCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array | undefined) => new TextDecoder().decode(data);

describe('a stubbed instance', () => {
  it('stubs that instance only', async () => {
    const stubbed = new KMSClient({});
    const instanceMock = mockClient(stubbed);
    instanceMock.on(GenerateRandomCommand).resolves({ Plaintext: bytes('instance') });

    expect(text((await stubbed.send(new GenerateRandomCommand({}))).Plaintext)).toBe('instance');
    expect(Object.prototype.hasOwnProperty.call(new KMSClient({}), 'send')).toBe(false);
    instanceMock.restore();
    expect(Object.prototype.hasOwnProperty.call(stubbed, 'send')).toBe(false);
  });
});

describe('several stubs of one class', () => {
  it('answers from the newest stub, and from the one reset last', async () => {
    const first = mockClient(KMSClient);
    const second = mockClient(KMSClient);
    const client = new KMSClient({});
    const encrypt = () => client.send(new EncryptCommand({ KeyId: 'k', Plaintext: bytes('x') }));

    second.on(EncryptCommand).resolves({ KeyId: 'second' });
    expect((await encrypt()).KeyId).toBe('second');
    expect(second).toHaveReceivedCommandTimes(EncryptCommand, 1);

    first.reset();
    first.on(EncryptCommand).resolves({ KeyId: 'first' });
    expect((await encrypt()).KeyId).toBe('first');
    expect(first).toHaveReceivedCommandTimes(EncryptCommand, 1);
    expect(second).toHaveReceivedCommandTimes(EncryptCommand, 1);

    second.restore();
    first.restore();
  });

  it('leaves the class as it was after restore', () => {
    const before = Object.getOwnPropertyDescriptor(KMSClient.prototype, 'send');
    const mock = mockClient(KMSClient);
    mock.on(EncryptCommand).resolves({});

    mock.restore();

    expect(Object.getOwnPropertyDescriptor(KMSClient.prototype, 'send')).toEqual(before);
  });
});
