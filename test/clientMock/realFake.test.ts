// kms-fake/client-mock beyond aws-sdk-client-mock: what no behaviour was set for is answered by a
// real KmsFake, through the client's own stack (serializer, retry loop, deserializer).
import {
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  DisabledException,
  EncryptCommand,
  GenerateRandomCommand,
  KMS,
  KMSClient,
  KMSInternalException,
  ListKeysCommand,
  NotFoundException,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { fastRetries, KmsFake, KmsFakeUsageError } from 'kms-fake';
import { mockClient } from 'kms-fake/client-mock';
import 'kms-fake/client-mock-jest';

const kmsMock = mockClient(KMSClient);
afterEach(() => kmsMock.reset());
afterAll(() => kmsMock.restore());

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array | undefined) => new TextDecoder().decode(data);
const region = 'eu-west-1';

async function createKey(client: KMSClient) {
  const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
  return KeyMetadata!.KeyId!;
}

describe('unstubbed commands', () => {
  it('round-trip Encrypt and Decrypt with real cryptography', async () => {
    const client = new KMSClient({ region });
    const keyId = await createKey(client);

    const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: keyId, Plaintext: bytes('hunter2'), EncryptionContext: { app: 'a' } }));
    const { Plaintext, KeyId } = await client.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: { app: 'a' } }));

    expect(text(Plaintext)).toBe('hunter2');
    expect(KeyId).toContain(`:${region}:`);
    expect(text(CiphertextBlob)).not.toContain('hunter2');
    expect(kmsMock).toHaveReceivedCommandTimes(EncryptCommand, 1);
    expect(kmsMock.kmsFake.commandCalls(DecryptCommand)).toHaveLength(1);
  });

  it('fail as KMS would, with the SDK\'s own exception', async () => {
    const client = new KMSClient({ region });
    const keyId = await createKey(client);
    await client.send(new DisableKeyCommand({ KeyId: keyId }));

    const error: unknown = await client.send(new EncryptCommand({ KeyId: keyId, Plaintext: bytes('x') })).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DisabledException);
    expect(error).toMatchObject({ name: 'DisabledException', $fault: 'client', $metadata: { httpStatusCode: 400 } });
  });

  it('fall through from on(Command) without a behaviour and from used-up *Once answers', async () => {
    const client = new KMSClient({ region });
    kmsMock.on(DescribeKeyCommand);
    kmsMock.on(GenerateRandomCommand).resolvesOnce({ Plaintext: bytes('stub') });

    await expect(client.send(new DescribeKeyCommand({ KeyId: 'alias/missing' }))).rejects.toBeInstanceOf(NotFoundException);
    expect(text((await client.send(new GenerateRandomCommand({ NumberOfBytes: 4 }))).Plaintext)).toBe('stub');
    expect((await client.send(new GenerateRandomCommand({ NumberOfBytes: 4 }))).Plaintext).toHaveLength(4);
  });

  it('go through the SDK\'s retry loop: a fault injected in the fake is retried away', async () => {
    const client = new KMSClient({ region, ...fastRetries(3) });
    kmsMock.kmsFake.injectFault({ error: 'ThrottlingException', command: ListKeysCommand, times: 1 });

    const { $metadata } = await client.send(new ListKeysCommand({}));

    expect($metadata.attempts).toBe(2);
    expect(kmsMock).toHaveReceivedCommandTimes(ListKeysCommand, 1);
  });

  it('reach the fake from the aggregated KMS client', async () => {
    const kms = new KMS({ region });
    const { KeyMetadata } = await kms.createKey({ Description: 'aggregated' });

    expect((await kms.describeKey({ KeyId: KeyMetadata!.KeyId })).KeyMetadata?.Description).toBe('aggregated');
  });

  it('answer a client built without a region, in the fake\'s defaultRegion', async () => {
    const { KeyMetadata } = await new KMSClient({}).send(new CreateKeyCommand({}));

    expect(KeyMetadata?.Arn).toMatch(/^arn:aws:kms:us-east-1:/);
  });

  it('keep the client\'s own region', async () => {
    const keyId = await createKey(new KMSClient({ region: 'ap-south-1' }));

    expect(keyId).toBeDefined();
    expect(kmsMock.kmsFake.calls()[0]!.region).toBe('ap-south-1');
  });
});

describe('stubbed commands', () => {
  it('answer in one send, not retried, and never reach the fake', async () => {
    const client = new KMSClient({ region, ...fastRetries(5) });
    // A 500 the SDK would retry, had it come through the stack.
    kmsMock.on(EncryptCommand).rejects(new KMSInternalException({ message: 'internal', $metadata: { httpStatusCode: 500 } }));

    await expect(client.send(new EncryptCommand({ KeyId: 'k', Plaintext: bytes('x') }))).rejects.toThrow('internal');

    expect(kmsMock.send.callCount).toBe(1);
    expect(kmsMock.kmsFake.calls()).toHaveLength(0);
  });

  it('surface an error thrown by the test\'s own callsFake as that error', async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'KeyId')");
    kmsMock.on(DecryptCommand).callsFake(() => {
      throw bug;
    });

    await expect(new KMSClient({ region }).send(new DecryptCommand({ CiphertextBlob: bytes('c') }))).rejects.toBe(bug);
  });

  it('leave the fake\'s state alone', async () => {
    const client = new KMSClient({ region });
    const keyId = await createKey(client);
    kmsMock.on(ScheduleKeyDeletionCommand).callsFake(() => ({ KeyId: keyId, PendingWindowInDays: 7 }));

    await client.send(new ScheduleKeyDeletionCommand({ KeyId: keyId }));

    const { KeyMetadata } = await client.send(new DescribeKeyCommand({ KeyId: keyId }));
    expect(KeyMetadata?.Enabled).toBe(true);
  });
});

describe('options', () => {
  it('takes a ready KmsFake, whose keys the stub then answers from', async () => {
    const kmsFake = KmsFake.fromFixture({ keys: [{ keyId: '1234abcd-12ab-34cd-56ef-1234567890ab', aliases: ['alias/app'] }] }, { defaultRegion: region });
    const stub = mockClient(KMSClient, { kmsFake });
    try {
      expect(stub.kmsFake).toBe(kmsFake);
      const { KeyMetadata } = await new KMSClient({ region }).send(new DescribeKeyCommand({ KeyId: 'alias/app' }));
      expect(KeyMetadata?.KeyId).toBe('1234abcd-12ab-34cd-56ef-1234567890ab');
    } finally {
      stub.restore();
    }
  });

  it('passes KmsFake options to the fake it makes', async () => {
    const stub = mockClient(KMSClient, { accountId: '444455556666' });
    try {
      const keyId = await createKey(new KMSClient({ region }));
      const { KeyMetadata } = await new KMSClient({ region }).send(new DescribeKeyCommand({ KeyId: keyId }));
      expect(KeyMetadata?.AWSAccountId).toBe('444455556666');
    } finally {
      stub.restore();
    }
  });

  it('refuses a kmsFake that is not one, or one with options for a new fake', () => {
    expect(() => mockClient(KMSClient, { kmsFake: {} as KmsFake })).toThrow(/\[kms-fake\].*kmsFake/);
    expect(() => mockClient(KMSClient, { kmsFake: new KmsFake(), seed: 1 })).toThrow(/\[kms-fake\].*not both/);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['an object with no send method', {}],
    ['a string', 'KMSClient'],
  ])('refuses %s instead of a client with a usage error naming what it takes', (_name, client) => {
    const before = Object.getOwnPropertyDescriptor(KMSClient.prototype, 'send');
    const call = () => mockClient(client as unknown as typeof KMSClient);
    expect(call).toThrow(KmsFakeUsageError);
    expect(call).toThrow(/mockClient needs a client class such as KMSClient, or a client instance, not /);
    expect(Object.getOwnPropertyDescriptor(KMSClient.prototype, 'send')).toEqual(before);
  });
});
