import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  KMSClient,
  KMSInvalidStateException,
  ListKeysCommand,
  NotFoundException,
} from '@aws-sdk/client-kms';
import { kmsFake } from 'kms-fake/jest';
import { ensureKey, unwrapSecret, wrapSecret } from '../src/keyring';

/** The message of the assertion error `fn` throws. */
function failureOf(fn: () => void): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the assertion to fail');
}

describe('the client keyring.ts created at import time', () => {
  it('is answered by the fake, with real state and real crypto', async () => {
    const keyId = await ensureKey();
    expect(keyId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await ensureKey()).toBe(keyId); // the alias really exists now

    const blob = await wrapSecret('hunter2');
    expect(await unwrapSecret(blob)).toBe('hunter2');
    expect(kmsFake.calls().map((c) => c.region)).toEqual(Array(6).fill('eu-west-1'));
  });

  it('sees the exceptions the SDK makes', async () => {
    await ensureKey();
    const [describe] = kmsFake.commandCalls(DescribeKeyCommand);
    expect(describe!.error).toBeInstanceOf(NotFoundException);
    expect(describe!.error!.message).toMatch(/alias\/app/);
  });
});

describe('matchers', () => {
  beforeEach(async () => {
    await ensureKey(); // calls 1-3: DescribeKey (not found), CreateKey, CreateAlias
    await wrapSecret('hunter2'); // call 4
  });

  it('pass on the calls the application made', () => {
    expect(kmsFake).toHaveReceivedAnyCommand();
    expect(kmsFake).toHaveReceivedCommandWith(EncryptCommand, { KeyId: 'alias/app' });
    expect(kmsFake).toHaveReceivedCommandTimes(EncryptCommand, 1);
    expect(kmsFake).toHaveReceivedCommandOnce(CreateKeyCommand);
    expect(kmsFake).not.toHaveReceivedCommand(DecryptCommand);
    expect(kmsFake).toHaveReceivedNthCommandWith(3, CreateAliasCommand, { AliasName: 'alias/app' });
    expect(kmsFake).toHaveReceivedNthCommandWith(4, EncryptCommand, {
      KeyId: 'alias/app',
      Plaintext: expect.any(Uint8Array),
      EncryptionContext: { app: 'keyring' },
    });
  });

  it('fail with a message that names the command and lists the calls received', () => {
    expect(() => expect(kmsFake).toHaveReceivedCommand(DecryptCommand)).toThrow(/DecryptCommand/);
    const message = failureOf(() => expect(kmsFake).toHaveReceivedCommand(DecryptCommand));
    expect(message).toContain('Expected kms-fake to have received DecryptCommand.');
    expect(message).toContain('Received 4 calls:');
    expect(message).toContain('1. DescribeKeyCommand {"KeyId":"alias/app"}');
    expect(message).toContain('3. CreateAliasCommand {"AliasName":"alias/app","TargetKeyId":"');
    expect(message).toContain('4. EncryptCommand {"KeyId":"alias/app","Plaintext":"<7 bytes>","EncryptionContext":{"app":"keyring"}}');
  });

  it('fail under .not and with the wrong input, saying what was expected', () => {
    expect(failureOf(() => expect(kmsFake).not.toHaveReceivedCommand(EncryptCommand))).toMatch(
      /^Expected kms-fake not to have received EncryptCommand\.\nReceived 4 calls:/,
    );
    expect(failureOf(() => expect(kmsFake).toHaveReceivedCommandWith(EncryptCommand, { KeyId: 'alias/other' }))).toContain(
      'Expected kms-fake to have received EncryptCommand with {"KeyId":"alias/other"}.',
    );
    expect(failureOf(() => expect(kmsFake).toHaveReceivedCommandTimes(EncryptCommand, 2))).toContain(
      'to have received EncryptCommand 2 times.',
    );
  });
});

describe('fresh state in every test', () => {
  // Tests of one file run in order: the second sees nothing of what the first did.
  it('a test creates a key', async () => {
    await ensureKey();
    expect(kmsFake.calls()).toHaveLength(3);
  });

  it('the next test starts with no keys and no history', async () => {
    expect(kmsFake.calls()).toHaveLength(0);
    const other = new KMSClient({ region: 'eu-west-1' }); // any client of the class is faked
    const { Keys } = await other.send(new ListKeysCommand({}));
    expect(Keys).toEqual([]);
  });
});

describe('an override', () => {
  it('makes one Decrypt fail while every other call stays real', async () => {
    await ensureKey();
    const blob = await wrapSecret('hunter2');
    kmsFake.on(DecryptCommand).rejectsOnce('KMSInvalidStateException');

    const failure = unwrapSecret(blob);
    await expect(failure).rejects.toBeInstanceOf(KMSInvalidStateException);
    await expect(failure).rejects.toMatchObject({ name: 'KMSInvalidStateException', $fault: 'client' });

    expect(await wrapSecret('again')).toEqual(expect.any(String)); // Encrypt still real
    expect(await unwrapSecret(blob)).toBe('hunter2'); // the override was used up
    expect(kmsFake).toHaveReceivedCommandTimes(DecryptCommand, 2);
    expect(kmsFake.commandCalls(DecryptCommand).map((c) => c.error?.name)).toEqual(['KMSInvalidStateException', undefined]);
  });

  it('is gone in the next test', async () => {
    await ensureKey();
    expect(await unwrapSecret(await wrapSecret('hunter2'))).toBe('hunter2');
  });
});
