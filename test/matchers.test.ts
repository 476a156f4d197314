import { CreateKeyCommand, DecryptCommand, EncryptCommand, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { createKmsMatchers, KmsFake, type KmsFakeMatchers } from 'kms-fake';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface Matchers<R> extends KmsFakeMatchers<R> {}
  }
}

// The jest entry registers these itself; this file runs in the plain suite, so it registers them.
expect.extend(createKmsMatchers(expect.objectContaining));

let kms: KmsFake;
let keyId: string;
beforeEach(async () => {
  kms = new KmsFake();
  const client = new KMSClient({ region: 'eu-west-1' });
  kms.attach(client);
  keyId = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  await client.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('a'), EncryptionContext: { app: 'x' } }));
  await client.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('b') }));
});

describe('the aws-sdk-client-mock-jest matchers on a KmsFake', () => {
  it('pass for what was received', () => {
    expect(kms).toHaveReceivedAnyCommand();
    expect(kms).toHaveReceivedCommand(EncryptCommand);
    expect(kms).toHaveReceivedCommandTimes(EncryptCommand, 2);
    expect(kms).toHaveReceivedCommandOnce(CreateKeyCommand);
    expect(kms).toHaveReceivedCommandWith(EncryptCommand, { KeyId: keyId, EncryptionContext: { app: 'x' } });
    expect(kms).toHaveReceivedCommandWith(EncryptCommand, { Plaintext: expect.any(Uint8Array) });
    expect(kms).toHaveReceivedNthCommandWith(2, EncryptCommand, { KeyId: keyId });
    expect(kms).toHaveReceivedNthSpecificCommandWith(2, EncryptCommand, { KeyId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });

  it('support .not', () => {
    expect(kms).not.toHaveReceivedCommand(DecryptCommand);
    expect(kms).not.toHaveReceivedCommandTimes(EncryptCommand, 3);
    expect(kms).not.toHaveReceivedCommandWith(EncryptCommand, { KeyId: 'alias/other' });
    expect(kms).not.toHaveReceivedNthCommandWith(1, EncryptCommand, { KeyId: keyId });
    expect(new KmsFake()).not.toHaveReceivedAnyCommand();
  });

  it('fail with a message naming the command and listing the calls received', () => {
    expect(() => expect(kms).toHaveReceivedCommand(DecryptCommand)).toThrow(
      /Expected kms-fake to have received DecryptCommand\.\nReceived 3 calls:\n {2}1\. CreateKeyCommand \{\}\n {2}2\. EncryptCommand \{"KeyId":"[^"]+","Plaintext":"<1 bytes>"/,
    );
    expect(() => expect(kms).not.toHaveReceivedCommand(EncryptCommand)).toThrow(/Expected kms-fake not to have received EncryptCommand\./);
    expect(() => expect(kms).toHaveReceivedCommandWith(EncryptCommand, { KeyId: 'nope' })).toThrow(/EncryptCommand with \{"KeyId":"nope"\}/);
    expect(() => expect(new KmsFake()).toHaveReceivedAnyCommand()).toThrow(/Received no calls\./);
  });

  it('fail, with or without .not, when given arguments they do not take', () => {
    const extra: [string, (e: jest.Matchers<void>) => void][] = [
      ['toHaveReceivedCommand', (e) => (e.toHaveReceivedCommand as (...a: unknown[]) => void)(EncryptCommand, { KeyId: 'x' })],
      ['toHaveReceivedCommandTimes', (e) => (e.toHaveReceivedCommandTimes as (...a: unknown[]) => void)(EncryptCommand, 2, { KeyId: 'x' })],
      ['toHaveReceivedCommandOnce', (e) => (e.toHaveReceivedCommandOnce as (...a: unknown[]) => void)(CreateKeyCommand, {})],
      ['toHaveReceivedCommandWith', (e) => (e.toHaveReceivedCommandWith as (...a: unknown[]) => void)(EncryptCommand, {}, {})],
      ['toHaveReceivedNthCommandWith', (e) => (e.toHaveReceivedNthCommandWith as (...a: unknown[]) => void)(1, CreateKeyCommand, {}, 2)],
      ['toHaveReceivedNthSpecificCommandWith', (e) => (e.toHaveReceivedNthSpecificCommandWith as (...a: unknown[]) => void)(1, EncryptCommand, {}, 'x')],
      ['toHaveReceivedAnyCommand', (e) => (e.toHaveReceivedAnyCommand as (command: unknown) => void)(EncryptCommand)],
    ];
    for (const [name, assertion] of extra) {
      const wrongCount = new RegExp(`^\\[kms-fake\\] ${name}\\([a-z, ]*\\) takes \\d arguments?, not \\d`);
      expect(() => assertion(expect(kms))).toThrow(wrongCount);
      expect(() => assertion(expect(kms).not)).toThrow(wrongCount);
    }
    expect(() => expect(kms).not.toHaveReceivedCommand(...([EncryptCommand, { KeyId: 'x' }] as unknown as [typeof EncryptCommand]))).toThrow(
      '[kms-fake] toHaveReceivedCommand(command) takes 1 argument, not 2: ["EncryptCommand",{"KeyId":"x"}]',
    );
  });

  it('fail when an argument has the wrong type, naming what it must be', () => {
    expect(() => expect(kms).not.toHaveReceivedCommand('EncryptCommand' as never)).toThrow(
      '[kms-fake] toHaveReceivedCommand(command): command must be a command class such as EncryptCommand, not "EncryptCommand"',
    );
    expect(() => expect(kms).not.toHaveReceivedCommandTimes(EncryptCommand, '2' as never)).toThrow(/times must be a count/);
    expect(() => expect(kms).not.toHaveReceivedCommandWith(EncryptCommand, undefined as never)).toThrow(/input must be an input object/);
    expect(() => expect(kms).not.toHaveReceivedNthCommandWith(0, EncryptCommand, {})).toThrow(/n must be a call number/);
    expect(() => expect(kms).not.toHaveReceivedNthSpecificCommandWith(EncryptCommand as never, 1 as never, {})).toThrow(/n must be a call number/);
  });

  it('explain misuse with a [kms-fake] message', () => {
    expect(() => expect({}).toHaveReceivedCommand(ListKeysCommand)).toThrow(/^\[kms-fake\] expect\(\.\.\.\) needs the KmsFake/);
  });
});
