import {
  CreateKeyCommand,
  DecryptCommand,
  DisabledException,
  EncryptCommand,
  KMSClient,
  KMSInternalException,
  KMSInvalidStateException,
  KMSServiceException,
  ListKeysCommand,
} from '@aws-sdk/client-kms';
import { fastRetries, KmsFake } from 'kms-fake';
import { failure } from './support/client';

let kms: KmsFake;
let client: KMSClient;
beforeEach(() => {
  kms = new KmsFake({ clock: () => Date.parse('2031-05-01T00:00:00Z') });
  client = new KMSClient({ region: 'sa-east-1', maxAttempts: 1 });
  kms.attach(client);
});

async function encrypted(text: string) {
  const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
  const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: Buffer.from(text) }));
  return { key: KeyMetadata!, blob: CiphertextBlob! };
}

describe('call history', () => {
  it('records every send with input, output or error, region, principal and time', async () => {
    const { key } = await encrypted('x');
    const error = await failure(client.send(new DecryptCommand({ CiphertextBlob: Buffer.from('garbage') })));
    const [create, encrypt, decrypt] = kms.calls();
    expect(create).toMatchObject({ commandName: 'CreateKeyCommand', operation: 'CreateKey', region: 'sa-east-1' });
    expect(create!.output).toMatchObject({ KeyMetadata: { KeyId: key.KeyId } });
    expect(encrypt).toMatchObject({
      input: { KeyId: key.KeyId },
      principal: 'arn:aws:iam::111122223333:root',
      time: new Date('2031-05-01T00:00:00Z'),
    });
    expect(decrypt!.error).toBe(error);
    expect(kms.commandCalls(EncryptCommand, { KeyId: key.KeyId })).toHaveLength(1);
    expect(kms.commandCalls(EncryptCommand, { KeyId: 'other' })).toHaveLength(0);
    kms.reset();
    expect(kms.calls()).toEqual([]);
  });

  it('keeps at most callHistoryLimit calls, dropping the oldest', async () => {
    const small = new KmsFake({ callHistoryLimit: 2 });
    const c = new KMSClient({ region: 'sa-east-1' });
    small.attach(c);
    await c.send(new CreateKeyCommand({ Description: 'first' }));
    await c.send(new ListKeysCommand({}));
    await c.send(new ListKeysCommand({ Limit: 5 }));
    expect(small.calls().map((call) => call.input)).toEqual([{}, { Limit: 5 }]);
  });
});

describe('overrides over the real fake', () => {
  it('rejectsOnce makes one Decrypt fail with the SDK\'s exception while everything else stays real', async () => {
    const { key, blob } = await encrypted('secret');
    kms.on(DecryptCommand).rejectsOnce('KMSInvalidStateException');
    const error = await failure(client.send(new DecryptCommand({ CiphertextBlob: blob })));
    expect(Object.getPrototypeOf(error)).toBe(KMSInvalidStateException.prototype);
    const ok = await client.send(new DecryptCommand({ CiphertextBlob: blob }));
    expect(Buffer.from(ok.Plaintext!).toString()).toBe('secret');
    expect(ok.KeyId).toBe(key.Arn);
  });

  it('accepts errors as SDK exceptions, plain objects and strings', async () => {
    kms
      .on(ListKeysCommand)
      .rejectsOnce(new DisabledException({ message: 'forced', $metadata: {} }))
      .rejectsOnce({ name: 'ThrottlingException', message: 'slow down' })
      .rejectsOnce('boom');
    const sdk = await failure(client.send(new ListKeysCommand({})));
    expect(Object.getPrototypeOf(sdk)).toBe(DisabledException.prototype);
    expect(sdk.message).toBe('forced');
    const plain = await failure(client.send(new ListKeysCommand({})));
    expect(plain).toBeInstanceOf(KMSServiceException);
    expect(plain).toMatchObject({ name: 'ThrottlingException', message: 'slow down' });
    const text = await failure(client.send(new ListKeysCommand({})));
    expect(text).toMatchObject({ name: 'Error', message: 'boom' });
    expect((await client.send(new ListKeysCommand({}))).Keys).toEqual([]);
  });

  it('resolves answers through the SDK deserializer; partial inputs select the rule', async () => {
    const { key } = await encrypted('x');
    kms.on(EncryptCommand, { KeyId: 'alias/canned' }).resolves({ CiphertextBlob: new Uint8Array([1, 2, 3]), KeyId: key.Arn });
    const canned = await client.send(new EncryptCommand({ KeyId: 'alias/canned', Plaintext: Buffer.from('x') }));
    expect(canned.CiphertextBlob).toEqual(new Uint8Array([1, 2, 3]));
    expect(canned.$metadata.httpStatusCode).toBe(200);
    const real = await client.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') }));
    expect(real.CiphertextBlob!.length).toBeGreaterThan(3);
  });

  it('callsFake sees the input and can answer or throw', async () => {
    const seen: unknown[] = [];
    kms.on(EncryptCommand).callsFake((input) => {
      seen.push(input.KeyId);
      if (input.KeyId === 'bad') throw new DisabledException({ message: 'no', $metadata: {} });
      return { KeyId: 'arn:fake', CiphertextBlob: new Uint8Array([9]) };
    });
    expect((await client.send(new EncryptCommand({ KeyId: 'good', Plaintext: Buffer.from('x') }))).KeyId).toBe('arn:fake');
    expect(await failure(client.send(new EncryptCommand({ KeyId: 'bad', Plaintext: Buffer.from('x') })))).toBeInstanceOf(DisabledException);
    expect(seen).toEqual(['good', 'bad']);
  });

  it("a bug in callsFake's own code rejects the send with that same error, not a KMS exception", async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'KeyId')");
    kms.on(EncryptCommand).callsFake(() => {
      throw bug;
    });
    const error = await client.send(new EncryptCommand({ KeyId: 'k', Plaintext: Buffer.from('x') })).catch((e: unknown) => e);
    expect(error).toBe(bug);
    expect(error).not.toBeInstanceOf(KMSServiceException);
    expect(kms.calls()[0]!.error).toBe(bug);
  });

  it('a plain Error thrown in callsFake arrives as itself; exception names and { name } objects stay KMS errors', async () => {
    const own = new Error('the test gave up');
    kms.on(EncryptCommand).callsFakeOnce(() => {
      throw own;
    });
    kms.on(DecryptCommand).callsFakeOnce(() => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- a plain { name, message } is a KMS error too
      throw { name: 'KMSInvalidStateException', message: 'pending' };
    });
    kms.on(ListKeysCommand).callsFakeOnce(() => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- so is an exception's name
      throw 'DisabledException';
    });
    await expect(client.send(new EncryptCommand({ KeyId: 'k', Plaintext: Buffer.from('x') }))).rejects.toBe(own);
    const invalid = await failure(client.send(new DecryptCommand({ CiphertextBlob: Buffer.from('x') })));
    expect(invalid).toBeInstanceOf(KMSInvalidStateException);
    expect(invalid.message).toBe('pending');
    expect(await failure(client.send(new ListKeysCommand({})))).toBeInstanceOf(DisabledException);
  });
});

describe('fault injection through the SDK retry loop', () => {
  it('a transient 500 is retried by the SDK and succeeds on the next attempt', async () => {
    const retrying = new KMSClient({ region: 'sa-east-1', ...fastRetries(3) });
    kms.attach(retrying);
    kms.injectFault({ error: 'KMSInternalException', times: 1 });
    const out = await retrying.send(new ListKeysCommand({}));
    expect(out.$metadata.attempts).toBe(2);
    expect(out.$metadata.totalRetryDelay).toBe(0);
  });

  it('a persistent fault exhausts the attempts and arrives as the SDK exception', async () => {
    const retrying = new KMSClient({ region: 'sa-east-1', ...fastRetries(4) });
    kms.attach(retrying);
    kms.injectFault({ error: 'ThrottlingException', command: ListKeysCommand });
    const error = await failure(retrying.send(new ListKeysCommand({})));
    expect(error).toMatchObject({ name: 'ThrottlingException', $metadata: { attempts: 4 } });
    const internal = kms.injectFault({ error: 'KMSInternalException', command: CreateKeyCommand });
    expect(await failure(retrying.send(new CreateKeyCommand({})))).toBeInstanceOf(KMSInternalException);
    internal.remove();
    await retrying.send(new CreateKeyCommand({}));
  });

  it('every n-th attempt, seeded probability, and added latency', async () => {
    kms.injectFault({ error: 'DependencyTimeoutException', every: 3 });
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) {
      outcomes.push(await client.send(new ListKeysCommand({})).then(() => 'ok', (e: Error) => e.name));
    }
    expect(outcomes).toEqual(['ok', 'ok', 'DependencyTimeoutException', 'ok', 'ok', 'DependencyTimeoutException']);

    const draw = async (seed: string) => {
      const seeded = new KmsFake({ seed });
      const c = new KMSClient({ region: 'sa-east-1', maxAttempts: 1 });
      seeded.attach(c);
      seeded.injectFault({ error: 'ThrottlingException', probability: 0.5 });
      const results: boolean[] = [];
      for (let i = 0; i < 20; i++) results.push(await c.send(new ListKeysCommand({})).then(() => true, () => false));
      return results;
    };
    const [a, b] = [await draw('s1'), await draw('s1')];
    expect(a).toEqual(b);
    expect(a.filter(Boolean).length).toBeGreaterThan(0);
    expect(a.filter((x) => !x).length).toBeGreaterThan(0);

    kms.injectFault({ latencyMs: 30, command: CreateKeyCommand });
    const started = process.hrtime.bigint();
    await client.send(new CreateKeyCommand({}));
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeGreaterThanOrEqual(25);
  });
});
