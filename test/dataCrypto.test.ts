import {
  CreateAliasCommand,
  CreateGrantCommand,
  CreateKeyCommand,
  DecryptCommand,
  DryRunOperationException,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  GenerateRandomCommand,
  IncorrectKeyException,
  InvalidCiphertextException,
  InvalidKeyUsageException,
  KMSClient,
  ReEncryptCommand,
} from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { failure, fakeClient, setup } from './support/client';

let client: KMSClient;
beforeEach(() => {
  ({ client } = setup());
});

async function symmetricKey(): Promise<{ keyId: string; arn: string }> {
  const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
  return { keyId: KeyMetadata!.KeyId!, arn: KeyMetadata!.Arn! };
}

const text = (bytes: Uint8Array | undefined) => Buffer.from(bytes!).toString('utf8');

describe('Encrypt and Decrypt', () => {
  it('round-trips under the encryption context, given in any order', async () => {
    const key = await symmetricKey();
    const enc = await client.send(
      new EncryptCommand({ KeyId: key.keyId, Plaintext: Buffer.from('attack at dawn'), EncryptionContext: { a: '1', b: '2' } }),
    );
    expect(enc).toMatchObject({ KeyId: key.arn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
    const dec = await client.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { b: '2', a: '1' } }));
    expect(text(dec.Plaintext)).toBe('attack at dawn');
    expect(dec).toMatchObject({ KeyId: key.arn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
    expect(dec.KeyMaterialId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('encrypts the same plaintext to different ciphertexts', async () => {
    const key = await symmetricKey();
    const send = () => client.send(new EncryptCommand({ KeyId: key.keyId, Plaintext: Buffer.from('same') }));
    const [a, b] = await Promise.all([send(), send()]);
    expect(Buffer.from(a.CiphertextBlob!).equals(Buffer.from(b.CiphertextBlob!))).toBe(false);
  });

  it.each([
    ['a different value', { purpose: 'other' }],
    ['a missing context', undefined],
    ['an extra pair', { purpose: 'test', extra: 'x' }],
    ['a key in another case', { Purpose: 'test' }],
  ])('fails with InvalidCiphertextException (no message) under %s', async (_label, context) => {
    const key = await symmetricKey();
    const enc = await client.send(new EncryptCommand({ KeyId: key.keyId, Plaintext: Buffer.from('x'), EncryptionContext: { purpose: 'test' } }));
    const error = await failure(client.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: context })));
    expect(Object.getPrototypeOf(error)).toBe(InvalidCiphertextException.prototype);
    expect(error.name).toBe('InvalidCiphertextException');
    // AWS sends no message for this error, so the SDK reports its placeholder.
    expect(error.message).toBe('UnknownError');
  });

  it('detects tampering with any byte of the blob', async () => {
    const key = await symmetricKey();
    const enc = await client.send(new EncryptCommand({ KeyId: key.keyId, Plaintext: Buffer.from('integrity') }));
    const blob = Buffer.from(enc.CiphertextBlob!);
    for (const index of [0, 1, 10, 40, 75, blob.length - 20, blob.length - 1]) {
      const tampered = Buffer.from(blob);
      tampered[index] = tampered[index]! ^ 0x01;
      const error = await failure(client.send(new DecryptCommand({ CiphertextBlob: tampered })));
      expect(error).toBeInstanceOf(InvalidCiphertextException);
    }
    const truncated = await failure(client.send(new DecryptCommand({ CiphertextBlob: blob.subarray(0, blob.length - 1) })));
    expect(truncated).toBeInstanceOf(InvalidCiphertextException);
  });

  it('names its key: Decrypt needs no KeyId, and another key is IncorrectKeyException', async () => {
    const [one, two] = [await symmetricKey(), await symmetricKey()];
    await client.send(new CreateAliasCommand({ AliasName: 'alias/one', TargetKeyId: one.keyId }));
    const enc = await client.send(new EncryptCommand({ KeyId: 'alias/one', Plaintext: Buffer.from('x') }));
    expect(enc.KeyId).toBe(one.arn);
    for (const keyId of [one.keyId, one.arn, 'alias/one']) {
      const dec = await client.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, KeyId: keyId }));
      expect(text(dec.Plaintext)).toBe('x');
    }
    const error = await failure(client.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, KeyId: two.keyId })));
    expect(Object.getPrototypeOf(error)).toBe(IncorrectKeyException.prototype);
    expect(error.message).toBe('The key ID in the request does not identify a CMK that can perform this operation.');
  });

  it('does not decrypt in another region', async () => {
    const { kms, client: west } = setup({}, 'eu-west-1');
    const east = fakeClient(kms, 'us-east-1');
    const { KeyMetadata } = await west.send(new CreateKeyCommand({}));
    const enc = await west.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: Buffer.from('x') }));
    const error = await failure(east.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob })));
    expect(error).toBeInstanceOf(InvalidCiphertextException);
  });

  it('checks EncryptionAlgorithm against the key', async () => {
    const key = await symmetricKey();
    const error = await failure(
      client.send(new EncryptCommand({ KeyId: key.keyId, Plaintext: Buffer.from('x'), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' })),
    );
    expect(Object.getPrototypeOf(error)).toBe(InvalidKeyUsageException.prototype);
    expect(error.message).toBe('Algorithm RSAES_OAEP_SHA_256 is incompatible with key spec SYMMETRIC_DEFAULT.');
  });

  it('refuses a key of another usage with the usage message', async () => {
    const { KeyMetadata } = await client.send(new CreateKeyCommand({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }));
    const error = await failure(client.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: Buffer.from('x') })));
    expect(error).toBeInstanceOf(InvalidKeyUsageException);
    expect(error.message).toBe(`${KeyMetadata!.Arn} key usage is GENERATE_VERIFY_MAC which is not valid for Encrypt.`);
  });

  // A token CreateGrant issued; one the fake could not have issued is InvalidGrantTokenException (test/fidelity/grantTokens.test.ts).
  it('accepts GrantTokens', async () => {
    const key = await symmetricKey();
    const { GrantToken } = await client.send(
      new CreateGrantCommand({ KeyId: key.keyId, GranteePrincipal: 'arn:aws:iam::111122223333:role/app', Operations: ['Encrypt'] }),
    );
    const enc = await client.send(new EncryptCommand({ KeyId: key.keyId, Plaintext: Buffer.from('x'), GrantTokens: [GrantToken!] }));
    expect(enc.CiphertextBlob).toBeInstanceOf(Uint8Array);
  });
});

describe('ReEncrypt', () => {
  it('moves a ciphertext from one key and context to another', async () => {
    const [source, destination] = [await symmetricKey(), await symmetricKey()];
    const enc = await client.send(new EncryptCommand({ KeyId: source.keyId, Plaintext: Buffer.from('moving'), EncryptionContext: { v: '1' } }));
    const re = await client.send(
      new ReEncryptCommand({
        CiphertextBlob: enc.CiphertextBlob,
        SourceEncryptionContext: { v: '1' },
        DestinationKeyId: destination.keyId,
        DestinationEncryptionContext: { v: '2' },
      }),
    );
    expect(re).toMatchObject({ SourceKeyId: source.arn, KeyId: destination.arn, SourceEncryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
    const dec = await client.send(new DecryptCommand({ CiphertextBlob: re.CiphertextBlob, EncryptionContext: { v: '2' } }));
    expect(dec.KeyId).toBe(destination.arn);
    expect(text(dec.Plaintext)).toBe('moving');
    const wrongSource = await failure(
      client.send(new ReEncryptCommand({ CiphertextBlob: enc.CiphertextBlob, SourceKeyId: destination.keyId, SourceEncryptionContext: { v: '1' }, DestinationKeyId: destination.keyId })),
    );
    expect(wrongSource).toBeInstanceOf(IncorrectKeyException);
  });
});

describe('data keys', () => {
  it('GenerateDataKey gives a key that node:crypto can use and Decrypt gives back', async () => {
    const key = await symmetricKey();
    const context = { tenant: 'acme' };
    const dk = await client.send(new GenerateDataKeyCommand({ KeyId: key.keyId, KeySpec: 'AES_256', EncryptionContext: context }));
    expect(dk.Plaintext).toHaveLength(32);
    expect(dk.KeyId).toBe(key.arn);
    // Encrypt locally with node:crypto, as an envelope-encrypting application does.
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', dk.Plaintext!, iv);
    const sealed = Buffer.concat([cipher.update('payload'), cipher.final()]);
    const tag = cipher.getAuthTag();
    const recovered = await client.send(new DecryptCommand({ CiphertextBlob: dk.CiphertextBlob, EncryptionContext: context }));
    const decipher = createDecipheriv('aes-256-gcm', recovered.Plaintext!, iv).setAuthTag(tag);
    expect(Buffer.concat([decipher.update(sealed), decipher.final()]).toString()).toBe('payload');
  });

  it.each([
    [{ KeySpec: 'AES_128' as const }, 16],
    [{ NumberOfBytes: 1 }, 1],
    [{ NumberOfBytes: 1024 }, 1024],
  ])('sizes the data key from %j', async (size, bytes) => {
    const key = await symmetricKey();
    const dk = await client.send(new GenerateDataKeyCommand({ KeyId: key.keyId, ...size }));
    expect(dk.Plaintext).toHaveLength(bytes);
    const back = await client.send(new DecryptCommand({ CiphertextBlob: dk.CiphertextBlob }));
    expect(Buffer.from(back.Plaintext!).equals(Buffer.from(dk.Plaintext!))).toBe(true);
  });

  it('GenerateDataKeyWithoutPlaintext returns only the encrypted key', async () => {
    const key = await symmetricKey();
    const dk = await client.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: key.keyId, NumberOfBytes: 64 }));
    expect(dk).not.toHaveProperty('Plaintext');
    expect((await client.send(new DecryptCommand({ CiphertextBlob: dk.CiphertextBlob }))).Plaintext).toHaveLength(64);
  });

  it('GenerateRandom returns the requested number of random bytes', async () => {
    const [a, b] = await Promise.all([1, 2].map(() => client.send(new GenerateRandomCommand({ NumberOfBytes: 32 }))));
    expect(a!.Plaintext).toHaveLength(32);
    expect(Buffer.from(a!.Plaintext!).equals(Buffer.from(b!.Plaintext!))).toBe(false);
  });
});

describe('DryRun', () => {
  it.each(['Encrypt', 'Decrypt', 'ReEncrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext'])(
    '%s with DryRun answers DryRunOperationException once every check passed, and does nothing',
    async (operation) => {
      const key = await symmetricKey();
      const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: key.keyId, Plaintext: Buffer.from('x') }));
      const commands = {
        Encrypt: () => new EncryptCommand({ KeyId: key.keyId, Plaintext: Buffer.from('x'), DryRun: true }),
        Decrypt: () => new DecryptCommand({ CiphertextBlob, DryRun: true }),
        ReEncrypt: () => new ReEncryptCommand({ CiphertextBlob, DestinationKeyId: key.keyId, DryRun: true }),
        GenerateDataKey: () => new GenerateDataKeyCommand({ KeyId: key.keyId, KeySpec: 'AES_256', DryRun: true }),
        GenerateDataKeyWithoutPlaintext: () =>
          new GenerateDataKeyWithoutPlaintextCommand({ KeyId: key.keyId, KeySpec: 'AES_256', DryRun: true }),
      };
      const error = await failure(client.send(commands[operation as keyof typeof commands]() as EncryptCommand));
      expect(Object.getPrototypeOf(error)).toBe(DryRunOperationException.prototype);
      expect(error.message).toBe('The request would have succeeded, but the DryRun option is set.');
    },
  );

  it('a dry run that would fail reports the real failure instead', async () => {
    const key = await symmetricKey();
    const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: key.keyId, Plaintext: Buffer.from('x'), EncryptionContext: { a: 'b' } }));
    const error = await failure(client.send(new DecryptCommand({ CiphertextBlob, DryRun: true })));
    expect(error).toBeInstanceOf(InvalidCiphertextException);
    const ignored = await failure(client.send(new DecryptCommand({ CiphertextBlob, DryRun: true, DryRunModifiers: ['IGNORE_CIPHERTEXT'] })));
    expect(ignored).toBeInstanceOf(DryRunOperationException);
  });
});
