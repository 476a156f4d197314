/** Output members of the cryptographic operations: present, absent, and keys named by ARN. Sources: see cryptoSupport.ts. */
import {
  DecryptCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyPairCommand,
  GenerateDataKeyPairWithoutPlaintextCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  GetPublicKeyCommand,
  ReEncryptCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { setup } from '../support/client';
import { expectKmsError, NO_MESSAGE } from '../support/errors';
import { bytes, members, keyMaker } from './cryptoSupport';

let client: KMSClient;
beforeEach(() => {
  ({ client } = setup());
});

const key = keyMaker(() => client);

describe('outputs (Recorded: test_encrypt_decrypt_encryption_context and TestKMSGenerateKeys)', () => {
  it('Encrypt and Decrypt name the key by ARN; Decrypt without the context has no message', async () => {
    const k = await key();
    const context = { 'context-key': 'context-value' };
    const encrypted = await client.send(new EncryptCommand({ KeyId: k.keyId, Plaintext: bytes('m'), EncryptionContext: context }));
    // Encrypt has no KeyMaterialId (API Reference: Encrypt, response elements).
    expect(members(encrypted)).toEqual(['CiphertextBlob', 'EncryptionAlgorithm', 'KeyId']);
    expect(encrypted).toMatchObject({ KeyId: k.arn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
    const decrypted = await client.send(new DecryptCommand({ KeyId: k.keyId, CiphertextBlob: encrypted.CiphertextBlob, EncryptionContext: context }));
    // KeyMaterialId postdates the 2023 record; the API Reference lists it for symmetric keys.
    expect(members(decrypted)).toEqual(['EncryptionAlgorithm', 'KeyId', 'KeyMaterialId', 'Plaintext']);
    expect(decrypted).toMatchObject({ KeyId: k.arn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
    await expectKmsError(client.send(new DecryptCommand({ KeyId: k.keyId, CiphertextBlob: encrypted.CiphertextBlob })), 'InvalidCiphertextException', NO_MESSAGE);
  });

  it('an RSA Decrypt has no KeyMaterialId (API Reference: symmetric keys only)', async () => {
    const k = await key('RSA_2048');
    const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: k.keyId, Plaintext: bytes('m'), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }));
    const decrypted = await client.send(new DecryptCommand({ KeyId: k.keyId, CiphertextBlob, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }));
    expect(members(decrypted)).toEqual(['EncryptionAlgorithm', 'KeyId', 'Plaintext']);
  });

  it('the data key operations name the key by ARN, and their blobs need the context', async () => {
    const k = await key();
    const context = { 'context-key': 'context-value' };
    const dataKey = await client.send(new GenerateDataKeyCommand({ KeyId: k.keyId, KeySpec: 'AES_256', EncryptionContext: context }));
    expect(members(dataKey)).toEqual(['CiphertextBlob', 'KeyId', 'KeyMaterialId', 'Plaintext']);
    const without = await client.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: k.keyId, KeySpec: 'AES_256', EncryptionContext: context }));
    expect(members(without)).toEqual(['CiphertextBlob', 'KeyId', 'KeyMaterialId']);
    const pair = await client.send(new GenerateDataKeyPairCommand({ KeyId: k.keyId, KeyPairSpec: 'RSA_2048', EncryptionContext: context }));
    expect(members(pair)).toEqual(['KeyId', 'KeyMaterialId', 'KeyPairSpec', 'PrivateKeyCiphertextBlob', 'PrivateKeyPlaintext', 'PublicKey']);
    const pairWithout = await client.send(new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId: k.keyId, KeyPairSpec: 'RSA_2048', EncryptionContext: context }));
    expect(members(pairWithout)).toEqual(['KeyId', 'KeyMaterialId', 'KeyPairSpec', 'PrivateKeyCiphertextBlob', 'PublicKey']);
    for (const out of [dataKey, without, pair, pairWithout]) expect(out.KeyId).toBe(k.arn);
    for (const blob of [dataKey.CiphertextBlob, without.CiphertextBlob, pair.PrivateKeyCiphertextBlob, pairWithout.PrivateKeyCiphertextBlob]) {
      await expectKmsError(client.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: k.keyId })), 'InvalidCiphertextException', NO_MESSAGE);
    }
  });

  it('GetPublicKey names the key by ARN, with its spec and usage (test_get_public_key, validated)', async () => {
    const k = await key('RSA_2048');
    const out = await client.send(new GetPublicKeyCommand({ KeyId: k.keyId }));
    expect(out).toMatchObject({ KeyId: k.arn, KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
    expect(out.PublicKey!.length).toBeGreaterThan(0);
  });
});

describe('ReEncrypt outputs (Recorded: test_re_encrypt, 2025)', () => {
  it('RSA to RSA: the members recorded, the source named by ARN', async () => {
    const [source, destination] = [await key('RSA_2048'), await key('RSA_2048')];
    const algorithm = 'RSAES_OAEP_SHA_256';
    const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: source.keyId, Plaintext: bytes('test message'), EncryptionAlgorithm: algorithm }));
    const out = await client.send(
      new ReEncryptCommand({
        CiphertextBlob,
        SourceKeyId: source.keyId,
        DestinationKeyId: destination.keyId,
        SourceEncryptionAlgorithm: algorithm,
        DestinationEncryptionAlgorithm: algorithm,
      }),
    );
    expect(members(out)).toEqual(['CiphertextBlob', 'DestinationEncryptionAlgorithm', 'KeyId', 'SourceEncryptionAlgorithm', 'SourceKeyId']);
    expect(out).toMatchObject({ SourceKeyId: source.arn, KeyId: destination.arn });
  });

  // The June 2025 record predates the key material IDs, which the API Reference (and the SDK model)
  // now lists for symmetric keys, as the September 2025 Decrypt record shows for Decrypt.
  it('symmetric to symmetric: also both key material IDs', async () => {
    const [source, destination] = [await key(), await key()];
    const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: source.keyId, Plaintext: bytes('test message') }));
    const out = await client.send(new ReEncryptCommand({ CiphertextBlob, SourceKeyId: source.keyId, DestinationKeyId: destination.keyId }));
    expect(members(out)).toEqual([
      'CiphertextBlob',
      'DestinationEncryptionAlgorithm',
      'DestinationKeyMaterialId',
      'KeyId',
      'SourceEncryptionAlgorithm',
      'SourceKeyId',
      'SourceKeyMaterialId',
    ]);
    expect(out).toMatchObject({ SourceKeyId: source.arn, KeyId: destination.arn });
  });
});
