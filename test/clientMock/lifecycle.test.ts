// reset, resetHistory and restore of kms-fake/client-mock: aws-sdk-client-mock's meaning, applied
// to the fake behind the stub as well.
import { CreateAliasCommand, CreateKeyCommand, DescribeKeyCommand, GenerateRandomCommand, KMS, KMSClient, ListKeysCommand, NotFoundException, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { KmsFake } from 'kms-fake';
import { mockClient } from 'kms-fake/client-mock';
import 'kms-fake/client-mock-jest';

const region = 'eu-west-1';
const sendOf = (target: object) => Object.getOwnPropertyDescriptor(target, 'send');
const middlewareNames = (client: KMSClient) => client.middlewareStack.identify();

async function createKey(client: KMSClient) {
  const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
  return KeyMetadata!.KeyId!;
}

describe('reset', () => {
  it('drops behaviours, history and every key, and unstubbed commands still reach the fake', async () => {
    const stub = mockClient(KMSClient);
    try {
      const client = new KMSClient({ region });
      const keyId = await createKey(client);
      stub.on(GenerateRandomCommand).resolves({ Plaintext: new Uint8Array([7]) });

      stub.reset();

      expect(stub.calls()).toHaveLength(0);
      expect(stub.kmsFake.calls()).toHaveLength(0);
      await expect(client.send(new DescribeKeyCommand({ KeyId: keyId }))).rejects.toBeInstanceOf(NotFoundException);
      expect((await client.send(new GenerateRandomCommand({ NumberOfBytes: 3 }))).Plaintext).toHaveLength(3);
      expect(stub).toHaveReceivedCommandTimes(DescribeKeyCommand, 1);
    } finally {
      stub.restore();
    }
  });

  it('puts a given fake back to its state at mockClient(), not to empty', async () => {
    const kmsFake = new KmsFake({ defaultRegion: region });
    const client = new KMSClient({ region });
    const stub0 = mockClient(KMSClient, { kmsFake });
    const before = await createKey(client); // made before the stub under test: it stays
    await client.send(new CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: before }));
    stub0.restore();
    const stub = mockClient(KMSClient, { kmsFake });
    try {
      const during = await createKey(client);
      await client.send(new ScheduleKeyDeletionCommand({ KeyId: before, PendingWindowInDays: 7 }));
      stub.on(GenerateRandomCommand).resolves({ Plaintext: new Uint8Array([7]) });

      stub.reset();

      expect(stub.calls()).toHaveLength(0);
      expect(kmsFake.calls()).toHaveLength(0);
      const { KeyMetadata } = await client.send(new DescribeKeyCommand({ KeyId: 'alias/app' }));
      expect(KeyMetadata).toMatchObject({ KeyId: before, KeyState: 'Enabled' });
      await expect(client.send(new DescribeKeyCommand({ KeyId: during }))).rejects.toBeInstanceOf(NotFoundException);
      expect((await client.send(new GenerateRandomCommand({ NumberOfBytes: 3 }))).Plaintext).toHaveLength(3);
      expect(stub).toHaveReceivedCommandTimes(DescribeKeyCommand, 2);
      expect(kmsFake.calls()).toHaveLength(3);
    } finally {
      stub.restore();
    }
  });
});

describe('resetHistory', () => {
  it('empties both histories and keeps behaviours and keys', async () => {
    const stub = mockClient(KMSClient);
    try {
      const client = new KMSClient({ region });
      const keyId = await createKey(client);
      stub.on(GenerateRandomCommand).resolves({ Plaintext: new Uint8Array([7]) });

      stub.resetHistory();

      expect(stub.calls()).toHaveLength(0);
      expect(stub.kmsFake.calls()).toHaveLength(0);
      expect((await client.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata?.KeyId).toBe(keyId);
      expect((await client.send(new GenerateRandomCommand({ NumberOfBytes: 3 }))).Plaintext).toEqual(new Uint8Array([7]));
    } finally {
      stub.restore();
    }
  });
});

describe('restore', () => {
  it('leaves the class exactly as before, for clients made before and after', async () => {
    const before = sendOf(KMSClient.prototype);
    const early = new KMSClient({ region });
    const earlyNames = middlewareNames(early);
    const stub = mockClient(KMSClient);
    await createKey(early);
    await createKey(new KMSClient({ region }));
    expect(middlewareNames(early)).not.toEqual(earlyNames);

    stub.restore();

    expect(sendOf(KMSClient.prototype)).toEqual(before);
    expect(middlewareNames(early)).toEqual(earlyNames);
    expect(stub.kmsFake.calls()).toHaveLength(2);
  });

  it('leaves an instance exactly as before, and other instances untouched', async () => {
    const client = new KMSClient({ region });
    const other = new KMSClient({ region });
    const names = middlewareNames(client);
    const stub = mockClient(client);
    await createKey(client);

    expect(middlewareNames(other)).toEqual(names);
    expect(sendOf(other)).toBeUndefined();
    expect(middlewareNames(client)).not.toEqual(names);
    stub.restore();

    expect(sendOf(client)).toBeUndefined();
    expect(middlewareNames(client)).toEqual(names);
  });

  it('leaves the aggregated KMS class as before', async () => {
    const before = sendOf(KMS.prototype);
    const stub = mockClient(KMS);
    await new KMS({ region }).listKeys({});

    stub.restore();

    expect(sendOf(KMS.prototype)).toEqual(before);
    expect(stub).toHaveReceivedCommandTimes(ListKeysCommand, 1);
  });
});

describe('several stubs of one class', () => {
  it('answers from the fake of the stub made or reset last', async () => {
    const before = sendOf(KMSClient.prototype);
    const first = mockClient(KMSClient);
    const second = mockClient(KMSClient);
    const client = new KMSClient({ region });
    try {
      const secondKey = await createKey(client);
      expect(second.kmsFake.calls()).toHaveLength(1);
      expect(first.kmsFake.calls()).toHaveLength(0);

      first.reset();
      await expect(client.send(new DescribeKeyCommand({ KeyId: secondKey }))).rejects.toBeInstanceOf(NotFoundException);
      expect(first).toHaveReceivedCommandTimes(DescribeKeyCommand, 1);
      expect(first.kmsFake.calls()).toHaveLength(1);
      expect(second).toHaveReceivedCommandTimes(DescribeKeyCommand, 0);
    } finally {
      second.restore();
      first.restore();
    }
    expect(sendOf(KMSClient.prototype)).toEqual(before);
  });

  it('restores in either order', () => {
    const before = sendOf(KMSClient.prototype);
    const first = mockClient(KMSClient);
    const second = mockClient(KMSClient);

    first.restore();
    second.restore();

    expect(sendOf(KMSClient.prototype)).toEqual(before);
  });
});

describe('an instance stub on a client whose class is stubbed too', () => {
  it('answers what it stubs; what neither stub answers goes to the class\'s fake', async () => {
    const classMock = mockClient(KMSClient);
    const client = new KMSClient({ region });
    const instanceMock = mockClient(client);
    try {
      instanceMock.on(GenerateRandomCommand).resolves({ Plaintext: new Uint8Array([9]) });

      expect((await client.send(new GenerateRandomCommand({}))).Plaintext).toEqual(new Uint8Array([9]));
      await createKey(client);

      expect(instanceMock).toHaveReceivedCommandTimes(CreateKeyCommand, 1);
      expect(classMock.kmsFake.calls()).toHaveLength(1);
      expect(instanceMock.kmsFake.calls()).toHaveLength(0);
    } finally {
      instanceMock.restore();
      classMock.restore();
    }
  });
});
