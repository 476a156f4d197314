import { CreateKeyCommand, DecryptCommand, EncryptCommand, InvalidCiphertextException, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { createKmsMatchers, installKmsFake, KmsFake, KmsFakeUsageError, setUpKmsFake } from 'kms-fake';
import { failure, fakeClient } from './support/client';

/** Misuse fails at once with a [kms-fake] message; odd but legal input keeps its meaning. */

describe('options and clock misuse', () => {
  it.each([
    [{ clock: new Date() as never }, /clock must be a function/],
    [{ accountId: '1234' }, /accountId must be 12 digits/],
    [{ callHistoryLimit: -1 }, /callHistoryLimit must be an integer >= 0/],
    [{ transientDelays: { creating: Number.NaN } }, /transientDelays.creating must be a finite number/],
    [{ transientDelays: { creting: 5 } as never }, /transientDelays has no creting/],
    [{ transientDelays: null as never }, /transientDelays must be an object/],
    [{ defaultRegion: '' }, /defaultRegion must be a region name/],
  ])('new KmsFake(%p) is refused', (options, message) => {
    expect(() => new KmsFake(options)).toThrow(message);
    expect(() => new KmsFake(options)).toThrow(/^\[kms-fake\] /);
  });

  it.each([
    [{ error: 'ThrottlingException', every: 1.5 }, /every must be an integer >= 1/],
    [{ error: 'ThrottlingException', times: -1 }, /times must be an integer >= 0/],
    [{ error: 'ThrottlingException', probability: 5 }, /probability must be between 0 and 1/],
    [{ latencyMs: -1 }, /latencyMs must be a finite number/],
  ])('injectFault(%p) is refused', (fault, message) => {
    expect(() => new KmsFake().injectFault(fault)).toThrow(message);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('advanceTime(%p) is refused and the clock keeps its time', (ms) => {
    const kms = new KmsFake({ clock: () => 1_000 });
    expect(() => kms.advanceTime(ms)).toThrow(/^\[kms-fake\] advanceTime needs a finite number/);
    expect(kms.now().getTime()).toBe(1_000);
  });

  it('an override that gives no sendable output rejects the send with a [kms-fake] error, not a mocked one', async () => {
    const kms = new KmsFake();
    const client = new KMSClient({ region: 'eu-west-1', maxAttempts: 1 });
    kms.attach(client);
    kms.on(ListKeysCommand).callsFakeOnce(() => 42 as never).resolvesOnce(42 as never).resolvesOnce({ Truncated: 5n });
    await expect(client.send(new ListKeysCommand({}))).rejects.toThrow(/^\[kms-fake\] callsFake must give the command output object/);
    await expect(client.send(new ListKeysCommand({}))).rejects.toThrow(/^\[kms-fake\] resolves must give the command output object/);
    await expect(client.send(new ListKeysCommand({}))).rejects.toThrow(/^\[kms-fake\] resolves gave an output that cannot be sent/);
  });

  it('a callsFake that throws something that is not an error still arrives as an SDK exception', async () => {
    const kms = new KmsFake();
    const client = new KMSClient({ region: 'eu-west-1', maxAttempts: 1 });
    kms.attach(client);
    kms.on(ListKeysCommand).callsFake(() => {
      throw null; // eslint-disable-line @typescript-eslint/only-throw-error
    });
    await expect(client.send(new ListKeysCommand({}))).rejects.toMatchObject({ name: 'Error', message: 'null' });
  });

  it('callHistoryLimit 0 keeps no calls', async () => {
    const kms = new KmsFake({ callHistoryLimit: 0 });
    const client = fakeClient(kms);
    await client.send(new ListKeysCommand({}));
    await client.send(new ListKeysCommand({}));
    expect(kms.calls()).toEqual([]);
  });
});

describe('encryption context keys that look special', () => {
  it('binds a __proto__ key like any other', async () => {
    const client = fakeClient(new KmsFake());
    const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
    const context = Object.defineProperty({}, '__proto__', { value: 'secret', enumerable: true }) as Record<string, string>;
    const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: Buffer.from('x'), EncryptionContext: context }));
    expect(await failure(client.send(new DecryptCommand({ CiphertextBlob })))).toBeInstanceOf(InvalidCiphertextException);
    const other = Object.defineProperty({}, '__proto__', { value: 'other', enumerable: true }) as Record<string, string>;
    expect(await failure(client.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: other })))).toBeInstanceOf(InvalidCiphertextException);
    const ok = await client.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: context }));
    expect(Buffer.from(ok.Plaintext!).toString()).toBe('x');
  });
});

describe('fixtures load all or nothing', () => {
  const good = { keyId: '1234abcd-12ab-34cd-56ef-1234567890ab', aliases: ['alias/good'] };
  it.each([
    [[good, { keyId: 'nope' }], /invalid keyId nope/],
    [[good, { keyId: '1234abcd-12ab-34cd-56ef-1234567890ac', creationDate: 'yesterday' }], /creationDate yesterday is not a date/],
    [[good, { keyId: '1234abcd-12ab-34cd-56ef-1234567890ac', aliases: ['alias/good'] }], /alias alias\/good is invalid or taken/],
  ])('a bad key after a good one leaves nothing behind (%#)', async (keys, message) => {
    const kms = new KmsFake();
    expect(() => kms.load({ keys })).toThrow(message);
    expect((await fakeClient(kms).send(new ListKeysCommand({}))).Keys).toEqual([]);
  });

  it('refuses keys of another account, which no request could reach', () => {
    expect(() => KmsFake.fromFixture({ accountId: '999999999999', keys: [good] })).toThrow(/accountId 999999999999 is not this fake's account/);
  });
});

describe('call history principal', () => {
  it('names the account root in the region\'s partition', async () => {
    const kms = new KmsFake();
    await fakeClient(kms, 'cn-north-1').send(new ListKeysCommand({}));
    expect(kms.calls()[0]!.principal).toBe('arn:aws-cn:iam::111122223333:root');
  });
});

describe('misuse of the client-facing verbs', () => {
  it('attach without a client is refused with a usage error, not a TypeError', () => {
    const kms = new KmsFake();
    for (const bad of [undefined, null, {}, { middlewareStack: {} }]) {
      expect(() => kms.attach(bad as never)).toThrow(KmsFakeUsageError);
    }
  });

  it('setUpKmsFake without a framework is refused with a usage error', () => {
    expect(() => setUpKmsFake(undefined as never, KMSClient)).toThrow(KmsFakeUsageError);
    expect(() => setUpKmsFake({} as never, KMSClient)).toThrow(/must run inside a test framework/);
  });

  it('the matchers refuse an object that only looks like a fake (say, a mockClient stub)', () => {
    const { toHaveReceivedCommand } = createKmsMatchers((partial) => partial);
    const lookalike = { calls: () => [{ args: [new ListKeysCommand({})] }] };
    const context = { isNot: true, equals: () => false };
    expect(() => toHaveReceivedCommand.call(context, lookalike, ListKeysCommand)).toThrow(/needs the KmsFake/);
  });
});

describe('options that are no object', () => {
  it.each([null, 'eu-west-1', 5])('new KmsFake(%p) is refused with a usage error', (options) => {
    expect(() => new KmsFake(options as never)).toThrow(KmsFakeUsageError);
  });
});

describe('a misspelt option', () => {
  it('is refused, naming the options there are, instead of being ignored', () => {
    expect(() => new KmsFake({ defaultRegoin: 'eu-west-1' } as never)).toThrow(/no option defaultRegoin; the options are accountId, clock/);
    expect(() => installKmsFake(KMSClient, { overide: true } as never)).toThrow(/no option overide; the options are .*, override$/);
    expect(() => installKmsFake(KMSClient, null as never)).toThrow(KmsFakeUsageError);
    expect(Object.getOwnPropertyDescriptor(KMSClient.prototype, 'send')).toBeUndefined(); // the refused install touched nothing
  });
});

describe('setUpKmsFake without a client class', () => {
  it('is refused before it registers any hook', () => {
    const registered: string[] = [];
    const hook = (name: string) => () => void registered.push(name);
    const framework = { beforeEach: hook('beforeEach'), afterEach: hook('afterEach'), afterAll: hook('afterAll') };
    expect(() => setUpKmsFake(framework, undefined as never)).toThrow(/needs a client class/);
    expect(registered).toEqual([]);
  });
});
