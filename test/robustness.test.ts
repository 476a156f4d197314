import { CreateKeyCommand, DecryptCommand, EncryptCommand, InvalidCiphertextException, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { KmsFake } from 'kms-fake';
import { failure, fakeClient } from './support/client';

/** Misuse fails at once with a [kms-fake] message; odd but legal input keeps its meaning. */

describe('options and clock misuse', () => {
  it.each([
    [{ clock: new Date() as never }, /clock must be a function/],
    [{ accountId: '1234' }, /accountId must be 12 digits/],
    [{ callHistoryLimit: -1 }, /callHistoryLimit must be an integer >= 0/],
    [{ transientDelays: { creating: Number.NaN } }, /transientDelays.creating must be a finite number/],
  ])('new KmsFake(%p) is refused', (options, message) => {
    expect(() => new KmsFake(options)).toThrow(message);
    expect(() => new KmsFake(options)).toThrow(/^\[kms-fake\] /);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('advanceTime(%p) is refused and the clock keeps its time', (ms) => {
    const kms = new KmsFake({ clock: () => 1_000 });
    expect(() => kms.advanceTime(ms)).toThrow(/^\[kms-fake\] advanceTime needs a finite number/);
    expect(kms.now().getTime()).toBe(1_000);
  });

  it('a callsFake that returns no output object rejects the send with a [kms-fake] error, not a mocked one', async () => {
    const kms = new KmsFake();
    const client = new KMSClient({ region: 'eu-west-1', maxAttempts: 1 });
    kms.attach(client);
    kms.on(ListKeysCommand).callsFake(() => 42 as never);
    await expect(client.send(new ListKeysCommand({}))).rejects.toThrow(/^\[kms-fake\] callsFake must return the command output object/);
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
