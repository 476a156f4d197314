import { CreateKeyCommand, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { installKmsFake, KmsFake } from 'kms-fake';

const originalSend = KMSClient.prototype.send;
const hadOwnSend = Object.prototype.hasOwnProperty.call(KMSClient.prototype, 'send');
const countingCredentials = () => Object.assign(async () => Promise.reject(new Error('credentials were requested')), {});

afterEach(() => {
  expect(KMSClient.prototype.send).toBe(originalSend);
  expect(Object.prototype.hasOwnProperty.call(KMSClient.prototype, 'send')).toBe(hadOwnSend);
});

describe('installKmsFake(KMSClient)', () => {
  it('fakes clients created before and after the install, each through its own stack', async () => {
    const before = new KMSClient({ region: 'eu-west-1', credentials: countingCredentials() });
    const kms = installKmsFake(KMSClient);
    try {
      const after = new KMSClient({ region: 'eu-west-1', credentials: countingCredentials() });
      const { KeyMetadata } = await before.send(new CreateKeyCommand({}));
      const listed = await after.send(new ListKeysCommand({}));
      expect(listed.Keys).toEqual([{ KeyId: KeyMetadata!.KeyId, KeyArn: KeyMetadata!.Arn }]);
      expect(before.middlewareStack.identify()).toContain('kmsFakeMiddleware - after deserializerMiddleware');
      expect(kms.calls().map((c) => c.commandName)).toEqual(['CreateKeyCommand', 'ListKeysCommand']);
    } finally {
      kms.restore();
    }
  });

  it('restore() puts the class and every touched client back exactly', async () => {
    const client = new KMSClient({ region: 'eu-west-1', credentials: countingCredentials(), maxAttempts: 1 });
    const stackBefore = client.middlewareStack.identify();
    const kms = installKmsFake(KMSClient);
    await client.send(new ListKeysCommand({}));
    kms.restore();
    kms.restore(); // harmless when repeated
    expect(client.middlewareStack.identify()).toEqual(stackBefore);
    await expect(client.send(new ListKeysCommand({}))).rejects.toThrow('credentials were requested');
  });

  it('nested installs with override: the latest answers, and undoing it hands clients back to the earlier one', async () => {
    const outer = installKmsFake(KMSClient, { accountId: '111111111111' });
    const client = new KMSClient({ region: 'eu-west-1' });
    try {
      expect((await client.send(new CreateKeyCommand({}))).KeyMetadata!.AWSAccountId).toBe('111111111111');
      const inner = installKmsFake(KMSClient, { accountId: '222222222222', override: true });
      expect((await client.send(new CreateKeyCommand({}))).KeyMetadata!.AWSAccountId).toBe('222222222222');
      inner.restore();
      expect((await client.send(new CreateKeyCommand({}))).KeyMetadata!.AWSAccountId).toBe('111111111111');
      expect(outer.calls()).toHaveLength(2);
    } finally {
      outer.restore();
    }
  });

  it('an instance attach and a class install can be undone in either order', async () => {
    const instanceFake = new KmsFake({ accountId: '333333333333' });
    const client = new KMSClient({ region: 'eu-west-1', credentials: countingCredentials(), maxAttempts: 1 });
    const stackBefore = client.middlewareStack.identify();
    const detach = instanceFake.attach(client);
    const classFake = installKmsFake(KMSClient, { accountId: '444444444444' });
    // The client's own fake keeps it: a class install fakes the clients nobody else did.
    expect((await client.send(new CreateKeyCommand({}))).KeyMetadata!.AWSAccountId).toBe('333333333333');
    detach();
    classFake.restore();
    expect(client.middlewareStack.identify()).toEqual(stackBefore);
  });

  it('...and in the other order', async () => {
    const client = new KMSClient({ region: 'eu-west-1', credentials: countingCredentials(), maxAttempts: 1 });
    const stackBefore = client.middlewareStack.identify();
    const classFake = installKmsFake(KMSClient, { accountId: '444444444444' });
    await client.send(new ListKeysCommand({}));
    const detach = new KmsFake({ accountId: '333333333333' }).attach(client);
    expect((await client.send(new CreateKeyCommand({}))).KeyMetadata!.AWSAccountId).toBe('333333333333');
    classFake.restore();
    expect((await client.send(new CreateKeyCommand({}))).KeyMetadata!.AWSAccountId).toBe('333333333333');
    detach();
    expect(client.middlewareStack.identify()).toEqual(stackBefore);
    await expect(client.send(new ListKeysCommand({}))).rejects.toThrow('credentials were requested');
  });

  it('restore() also undoes attach(client), as aws-sdk-client-mock restore() does', async () => {
    const kms = new KmsFake();
    const client = new KMSClient({ region: 'eu-west-1', credentials: countingCredentials(), maxAttempts: 1 });
    const stackBefore = client.middlewareStack.identify();
    const detach = kms.attach(client);
    expect((await client.send(new ListKeysCommand({}))).Keys).toEqual([]);
    kms.restore();
    expect(client.middlewareStack.identify()).toEqual(stackBefore);
    await expect(client.send(new ListKeysCommand({}))).rejects.toThrow('credentials were requested');
    detach(); // harmless after restore
    expect(client.middlewareStack.identify()).toEqual(stackBefore);
  });

  it('restore(anything) is a usage error pointing at rollback, and uninstalls nothing', async () => {
    const kms = installKmsFake(KMSClient);
    try {
      const saved = kms.snapshot();
      expect(() => (kms.restore as (s: unknown) => void)(saved)).toThrow(/^\[kms-fake\] restore\(\) takes no argument.*rollback\(snapshot\)/);
      expect(() => (kms.restore as (s: unknown) => void)(undefined)).toThrow(/rollback/);
      expect((await new KMSClient({ region: 'eu-west-1' }).send(new ListKeysCommand({}))).Keys).toEqual([]);
    } finally {
      kms.restore();
    }
  });

  it('a second fake on a class another live fake holds is refused, naming the fix', async () => {
    const first = installKmsFake(KMSClient, { accountId: '111111111111' });
    try {
      expect(() => installKmsFake(KMSClient)).toThrow(
        /^\[kms-fake\] KMSClient is already faked by another KmsFake .*import \{ kmsFake \} from 'kms-fake\/jest'.*restore\(\) the other one first.*override: true/,
      );
      first.installOn(KMSClient); // the same fake again is harmless
      const client = new KMSClient({ region: 'eu-west-1' });
      expect((await client.send(new CreateKeyCommand({}))).KeyMetadata!.AWSAccountId).toBe('111111111111');
    } finally {
      first.restore();
    }
    const next = installKmsFake(KMSClient, { accountId: '222222222222' }); // after restore, a new install is fine
    try {
      const client = new KMSClient({ region: 'eu-west-1' });
      expect((await client.send(new CreateKeyCommand({}))).KeyMetadata!.AWSAccountId).toBe('222222222222');
    } finally {
      next.restore();
    }
  });

  it('refuses something that is not a client class, with a [kms-fake] message', () => {
    expect(() => installKmsFake({} as never)).toThrow(/^\[kms-fake\] installKmsFake needs a client class/);
  });
});

describe('installKmsFake on a subclass', () => {
  class TeamClient extends KMSClient {}

  it('the nearest installed class decides, and undoing it falls back to the base class install', async () => {
    const base = installKmsFake(KMSClient, { accountId: '555555555555' });
    const sub = installKmsFake(TeamClient, { accountId: '666666666666' });
    try {
      const client = new TeamClient({ region: 'eu-west-1' });
      expect((await client.send(new CreateKeyCommand({}))).KeyMetadata!.AWSAccountId).toBe('666666666666');
      expect(base.calls()).toHaveLength(0);
      sub.restore();
      expect((await client.send(new CreateKeyCommand({}))).KeyMetadata!.AWSAccountId).toBe('555555555555');
    } finally {
      sub.restore();
      base.restore();
    }
  });
});

describe('clients with cacheMiddleware: true', () => {
  it('are faked even after they sent the same command before the install, and real again after restore', async () => {
    const client = new KMSClient({ region: 'eu-west-1', cacheMiddleware: true, credentials: countingCredentials(), maxAttempts: 1 });
    await expect(client.send(new ListKeysCommand({}))).rejects.toThrow('credentials were requested');
    const kms = installKmsFake(KMSClient);
    try {
      expect((await client.send(new ListKeysCommand({}))).Keys).toEqual([]);
      expect(kms.calls()).toHaveLength(1);
    } finally {
      kms.restore();
    }
    await expect(client.send(new ListKeysCommand({}))).rejects.toThrow('credentials were requested');
  });
});
