// Written for aws-sdk-client-mock, from its documented API. The same file also runs with the two
// specifiers swapped for kms-fake's entries (./jest.config.js), which is what proves the drop-in.
import {
  DecryptCommand,
  DisabledException,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateRandomCommand,
  KMS,
  KMSClient,
  ListAliasesCommand,
} from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';

const kmsMock = mockClient(KMSClient);
const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array | undefined) => new TextDecoder().decode(data);

beforeEach(() => {
  kmsMock.reset();
});

afterAll(() => {
  kmsMock.restore();
});

describe('stubbed answers', () => {
  it('answers a stubbed command with the stubbed output', async () => {
    kmsMock.on(GenerateRandomCommand).resolves({ Plaintext: bytes('random') });

    const { Plaintext } = await new KMSClient({}).send(new GenerateRandomCommand({ NumberOfBytes: 6 }));

    expect(text(Plaintext)).toBe('random');
  });

  it('picks the stub whose input matches, partially by default', async () => {
    kmsMock
      .on(EncryptCommand)
      .resolves({ KeyId: 'any' })
      .on(EncryptCommand, { KeyId: 'alias/app' })
      .resolves({ KeyId: 'app' });
    const client = new KMSClient({});

    expect((await client.send(new EncryptCommand({ KeyId: 'alias/app', Plaintext: bytes('x') }))).KeyId).toBe('app');
    expect((await client.send(new EncryptCommand({ KeyId: 'alias/other', Plaintext: bytes('x') }))).KeyId).toBe('any');
  });

  it('matches strictly when asked to', async () => {
    kmsMock
      .on(ListAliasesCommand)
      .resolves({ Aliases: [] })
      .on(ListAliasesCommand, { KeyId: 'k' }, true)
      .resolves({ Aliases: [{ AliasName: 'alias/strict' }] });
    const client = new KMSClient({});

    expect((await client.send(new ListAliasesCommand({ KeyId: 'k' }))).Aliases).toEqual([{ AliasName: 'alias/strict' }]);
    expect((await client.send(new ListAliasesCommand({ KeyId: 'k', Limit: 5 }))).Aliases).toEqual([]);
  });

  it('answers *Once behaviours in order, then the lasting one', async () => {
    kmsMock
      .on(GenerateRandomCommand)
      .resolvesOnce({ Plaintext: bytes('first') })
      .resolvesOnce({ Plaintext: bytes('second') })
      .resolves({ Plaintext: bytes('always') });
    const client = new KMSClient({});
    const draw = async () => text((await client.send(new GenerateRandomCommand({ NumberOfBytes: 1 }))).Plaintext);

    expect([await draw(), await draw(), await draw(), await draw()]).toEqual(['first', 'second', 'always', 'always']);
  });

  it('stubs every command with onAnyCommand and the stub-level verbs', async () => {
    kmsMock.onAnyCommand().resolves({ KeyId: 'from-any' });
    const client = new KMSClient({});

    expect((await client.send(new EncryptCommand({ KeyId: 'k', Plaintext: bytes('x') }))).KeyId).toBe('from-any');
    expect((await client.send(new DecryptCommand({ CiphertextBlob: bytes('c') }))).KeyId).toBe('from-any');

    kmsMock.resolves({ KeyId: 'from-stub' });
    expect((await client.send(new DecryptCommand({ CiphertextBlob: bytes('c') }))).KeyId).toBe('from-stub');
  });

  it('answers the aggregated KMS client and its methods', async () => {
    kmsMock.on(GenerateDataKeyCommand).resolves({ KeyId: 'data-key' });

    const output = await new KMS({}).generateDataKey({ KeyId: 'alias/app', KeySpec: 'AES_256' });

    expect(output.KeyId).toBe('data-key');
  });
});

describe('stubbed errors', () => {
  it('rejects with the very error given', async () => {
    const disabled = new DisabledException({ message: 'key is disabled', $metadata: {} });
    kmsMock.on(DecryptCommand).rejects(disabled);

    const failure = new KMSClient({}).send(new DecryptCommand({ CiphertextBlob: bytes('c') }));

    await expect(failure).rejects.toBe(disabled);
    await expect(failure).rejects.toBeInstanceOf(DisabledException);
  });

  it('turns a message or a plain object into an Error', async () => {
    kmsMock
      .on(EncryptCommand)
      .rejectsOnce('just a message')
      .rejectsOnce({ name: 'ThrottlingException', message: 'slow down' });
    const client = new KMSClient({});
    const encrypt = () => client.send(new EncryptCommand({ KeyId: 'k', Plaintext: bytes('x') }));

    await expect(encrypt()).rejects.toThrow('just a message');
    await expect(encrypt()).rejects.toMatchObject({ name: 'ThrottlingException', message: 'slow down' });
  });

  it('sends a stubbed error once: no retry', async () => {
    kmsMock.on(EncryptCommand).rejects({ name: 'ThrottlingException', message: 'slow down', $fault: 'client' });

    await expect(new KMSClient({}).send(new EncryptCommand({ KeyId: 'k', Plaintext: bytes('x') }))).rejects.toThrow('slow down');

    expect(kmsMock.send.callCount).toBe(1);
  });
});

describe('callsFake', () => {
  it('computes the answer from the input', async () => {
    kmsMock.on(EncryptCommand).callsFake((input: { KeyId: string }) => ({ KeyId: `${input.KeyId}-used` }));

    const { KeyId } = await new KMSClient({}).send(new EncryptCommand({ KeyId: 'alias/app', Plaintext: bytes('x') }));

    expect(KeyId).toBe('alias/app-used');
  });

  it('gives the client that sent the command', async () => {
    const client = new KMSClient({ region: 'eu-central-1' });
    kmsMock.on(GenerateRandomCommand).callsFake(async (_input, getClient) => ({ Plaintext: bytes(await getClient().config.region()) }));

    expect(text((await client.send(new GenerateRandomCommand({}))).Plaintext)).toBe('eu-central-1');
  });

  it('lets an error thrown by the test code reach the caller as itself', async () => {
    const bug = new TypeError('a bug in the test');
    kmsMock.on(DecryptCommand).callsFake(() => {
      throw bug;
    });

    await expect(new KMSClient({}).send(new DecryptCommand({ CiphertextBlob: bytes('c') }))).rejects.toBe(bug);
  });

  it('answers callsFakeOnce once', async () => {
    kmsMock
      .on(GenerateRandomCommand)
      .callsFakeOnce(() => ({ Plaintext: bytes('once') }))
      .resolves({ Plaintext: bytes('later') });
    const client = new KMSClient({});
    const draw = async () => text((await client.send(new GenerateRandomCommand({}))).Plaintext);

    expect([await draw(), await draw()]).toEqual(['once', 'later']);
  });
});

describe('call history', () => {
  beforeEach(async () => {
    kmsMock.on(EncryptCommand).resolves({ KeyId: 'k' }).on(DecryptCommand).resolves({ KeyId: 'k' });
    const client = new KMSClient({});
    await client.send(new EncryptCommand({ KeyId: 'alias/a', Plaintext: bytes('1') }));
    await client.send(new DecryptCommand({ CiphertextBlob: bytes('c') }));
    await client.send(new EncryptCommand({ KeyId: 'alias/b', Plaintext: bytes('2') }));
  });

  it('lists every call with its command and input', () => {
    const calls = kmsMock.calls();

    expect(calls).toHaveLength(3);
    expect(calls[0]!.args[0]).toBeInstanceOf(EncryptCommand);
    expect(calls[0]!.args[0].input).toEqual({ KeyId: 'alias/a', Plaintext: bytes('1') });
    expect(kmsMock.call(1).args[0]).toBeInstanceOf(DecryptCommand);
  });

  it('lists the calls of one command, optionally by input', () => {
    expect(kmsMock.commandCalls(EncryptCommand)).toHaveLength(2);
    expect(kmsMock.commandCalls(EncryptCommand, { KeyId: 'alias/b' })[0]!.args[0].input.KeyId).toBe('alias/b');
    expect(kmsMock.commandCall(-1, EncryptCommand).args[0].input.KeyId).toBe('alias/b');
  });

  it('exposes send as a sinon stub', () => {
    expect(kmsMock.send.callCount).toBe(3);
    expect(kmsMock.send.getCall(2).args[0].input).toMatchObject({ KeyId: 'alias/b' });
    expect(kmsMock.send.calledWith(kmsMock.send.getCall(1).args[0])).toBe(true);
  });

  it('forgets the history but keeps the behaviours on resetHistory', async () => {
    kmsMock.resetHistory();

    expect(kmsMock.calls()).toHaveLength(0);
    expect((await new KMSClient({}).send(new DecryptCommand({ CiphertextBlob: bytes('c') }))).KeyId).toBe('k');
  });

  it('forgets history and behaviours on reset', async () => {
    kmsMock.reset();
    kmsMock.on(DecryptCommand).resolves({ KeyId: 'after-reset' });

    expect(kmsMock.calls()).toHaveLength(0);
    expect((await new KMSClient({}).send(new DecryptCommand({ CiphertextBlob: bytes('c') }))).KeyId).toBe('after-reset');
  });
});

describe('matchers', () => {
  beforeEach(async () => {
    kmsMock.on(EncryptCommand).resolves({}).on(DecryptCommand).resolves({});
    const client = new KMSClient({});
    await client.send(new EncryptCommand({ KeyId: 'alias/a', Plaintext: bytes('1') }));
    await client.send(new DecryptCommand({ CiphertextBlob: bytes('c'), KeyId: 'alias/a' }));
  });

  it('asserts on commands received', () => {
    expect(kmsMock).toHaveReceivedCommand(EncryptCommand);
    expect(kmsMock).not.toHaveReceivedCommand(GenerateRandomCommand);
    expect(kmsMock).toHaveReceivedCommandTimes(DecryptCommand, 1);
    expect(kmsMock).toHaveReceivedCommandWith(EncryptCommand, { KeyId: 'alias/a' });
    expect(kmsMock).not.toHaveReceivedCommandWith(EncryptCommand, { KeyId: 'alias/b' });
    expect(kmsMock).toHaveReceivedCommandWith(DecryptCommand, { KeyId: expect.stringMatching(/^alias\//) });
    expect(kmsMock).toHaveReceivedNthCommandWith(2, DecryptCommand, { KeyId: 'alias/a' });
    expect(kmsMock).toHaveReceivedNthSpecificCommandWith(1, DecryptCommand, { KeyId: 'alias/a' });
    expect(kmsMock).toHaveReceivedAnyCommand();
  });

  it('has the toReceive aliases', () => {
    expect(kmsMock).toReceiveCommand(EncryptCommand);
    expect(kmsMock).toReceiveCommandTimes(EncryptCommand, 1);
    expect(kmsMock).toReceiveCommandWith(EncryptCommand, { KeyId: 'alias/a' });
    expect(kmsMock).toReceiveNthCommandWith(1, EncryptCommand, { KeyId: 'alias/a' });
    expect(kmsMock).toReceiveNthSpecificCommandWith(1, EncryptCommand, { KeyId: 'alias/a' });
    expect(kmsMock).toReceiveAnyCommand();
  });

  it('fails when the command was not received', () => {
    expect(() => expect(kmsMock).toHaveReceivedCommandTimes(EncryptCommand, 2)).toThrow(/Expected KMSClient[\s\S]*EncryptCommand/);
    expect(() => expect(kmsMock).toHaveReceivedCommand(GenerateRandomCommand)).toThrow(/Expected KMSClient[\s\S]*GenerateRandomCommand/);
  });
});
