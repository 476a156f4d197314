import {
  CreateKeyCommand,
  DescribeKeyCommand,
  DisabledException,
  DisableKeyCommand,
  EncryptCommand,
  KMSClient,
  KMSServiceException,
  ListKeysCommand,
  NotFoundException,
} from '@aws-sdk/client-kms';
import net from 'node:net';
import { KmsFake } from 'kms-fake';
import { failure, fakeClient } from './support/client';

/** Records every outbound TCP connect and refuses it, so a leak fails loudly and is counted. */
const connects: unknown[] = [];
const realConnect = net.Socket.prototype.connect;
beforeAll(() => {
  net.Socket.prototype.connect = function guarded(this: net.Socket, ...args: unknown[]) {
    connects.push(args[0]);
    setImmediate(() => this.destroy(new Error('kms-fake test: network access is forbidden')));
    return this;
  };
});
afterAll(() => {
  net.Socket.prototype.connect = realConnect;
});
beforeEach(() => {
  connects.length = 0;
});

/** A credential provider that counts its calls: the fake must never ask for credentials. */
function countingCredentials() {
  const provider = Object.assign(
    () => {
      provider.calls += 1;
      return Promise.reject(new Error('credentials were requested'));
    },
    { calls: 0 },
  );
  return provider;
}

describe('no credentials, no network', () => {
  it('answers without any AWS_* variable, profile file or credential lookup, and opens no socket', async () => {
    expect(Object.keys(process.env).filter((k) => /^AWS_(ACCESS|SECRET|SESSION|PROFILE)/.test(k))).toEqual([]);
    const credentials = countingCredentials();
    const kms = new KmsFake();
    const client = new KMSClient({ region: 'eu-west-1', credentials });
    client.middlewareStack.use(kms.plugin());
    const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
    await client.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: Buffer.from('x') }));
    expect(credentials.calls).toBe(0);
    expect(connects).toEqual([]);
  });

  it('the socket guard in this file really catches a client without the plugin', async () => {
    const client = new KMSClient({ region: 'eu-west-1', credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' }, maxAttempts: 1 });
    await expect(client.send(new ListKeysCommand({}))).rejects.toThrow('network access is forbidden');
    expect(connects.length).toBeGreaterThan(0);
  });
});

describe('regions and clients', () => {
  it('takes the region from the resolved endpoint, for every partition', async () => {
    const kms = new KmsFake();
    const arns = await Promise.all(
      ['eu-west-1', 'ap-southeast-2', 'cn-north-1', 'us-gov-west-1'].map(async (region) => {
        const { KeyMetadata } = await fakeClient(kms, region).send(new CreateKeyCommand({}));
        return KeyMetadata!.Arn!.replace(KeyMetadata!.KeyId!, '<id>');
      }),
    );
    expect(arns).toEqual([
      'arn:aws:kms:eu-west-1:111122223333:key/<id>',
      'arn:aws:kms:ap-southeast-2:111122223333:key/<id>',
      'arn:aws-cn:kms:cn-north-1:111122223333:key/<id>',
      'arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/<id>',
    ]);
  });

  it('uses the client region for a custom endpoint when attached with attach()', async () => {
    const kms = new KmsFake();
    const client = new KMSClient({ region: 'ap-south-1', endpoint: 'http://localhost:4566' });
    kms.attach(client);
    const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
    expect(KeyMetadata!.Arn).toMatch(/^arn:aws:kms:ap-south-1:111122223333:key\//);
    expect(connects).toEqual([]);
  });

  it('serves many clients from one fake; each region sees only its own keys', async () => {
    const kms = new KmsFake({ accountId: '444455556666' });
    const [west, westAgain, east] = [fakeClient(kms, 'eu-west-1'), fakeClient(kms, 'eu-west-1'), fakeClient(kms, 'us-east-2')];
    const { KeyMetadata } = await west.send(new CreateKeyCommand({}));
    expect(KeyMetadata!.AWSAccountId).toBe('444455556666');
    expect((await westAgain.send(new ListKeysCommand({}))).Keys).toEqual([{ KeyId: KeyMetadata!.KeyId, KeyArn: KeyMetadata!.Arn }]);
    expect((await east.send(new ListKeysCommand({}))).Keys).toEqual([]);
    const error = await failure(east.send(new DescribeKeyCommand({ KeyId: KeyMetadata!.KeyId })));
    expect(error).toBeInstanceOf(NotFoundException);
    expect(error.message).toBe(`Key 'arn:aws:kms:us-east-2:444455556666:key/${KeyMetadata!.KeyId}' does not exist`);
  });

  it('works with cacheMiddleware: true', async () => {
    const kms = new KmsFake();
    const client = new KMSClient({ region: 'eu-north-1', cacheMiddleware: true });
    client.middlewareStack.use(kms.plugin());
    const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
    const again = await client.send(new DescribeKeyCommand({ KeyId: KeyMetadata!.KeyId }));
    expect(again.KeyMetadata!.KeyState).toBe('Enabled');
  });
});

describe('what comes back is made by the SDK', () => {
  it('outputs carry $metadata with the request id the fake sent', async () => {
    const client = fakeClient(new KmsFake());
    const first = await client.send(new ListKeysCommand({}));
    const second = await client.send(new ListKeysCommand({}));
    expect(first.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 1 });
    expect(first.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.$metadata.requestId).not.toBe(first.$metadata.requestId);
  });

  it('errors are the SDK deserializer\'s own exception objects', async () => {
    const client = fakeClient(new KmsFake());
    const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
    await client.send(new DisableKeyCommand({ KeyId: KeyMetadata!.KeyId }));
    const error = await failure(client.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: Buffer.from('x') })));
    expect(Object.getPrototypeOf(error)).toBe(DisabledException.prototype);
    expect(error).toBeInstanceOf(KMSServiceException);
    expect(error).toMatchObject({ name: 'DisabledException', $fault: 'client', __type: 'DisabledException' });
    expect(error.$metadata).toMatchObject({ httpStatusCode: 400, attempts: 1 });
    expect(error.$response?.statusCode).toBe(400);
  });
});

describe('attach and detach', () => {
  it('detach restores the stack exactly, and the client goes back to asking for credentials', async () => {
    const credentials = countingCredentials();
    const client = new KMSClient({ region: 'eu-west-1', credentials, maxAttempts: 1 });
    const before = client.middlewareStack.identify();
    const detach = new KmsFake().attach(client);
    await client.send(new ListKeysCommand({}));
    detach();
    expect(client.middlewareStack.identify()).toEqual(before);
    await expect(client.send(new ListKeysCommand({}))).rejects.toThrow('credentials were requested');
    expect(credentials.calls).toBe(1);
  });
});
