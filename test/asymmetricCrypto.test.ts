import {
  CreateKeyCommand,
  DecapsulateCommand,
  DecryptCommand,
  DeriveSharedSecretCommand,
  EncapsulateCommand,
  EncryptCommand,
  GenerateDataKeyPairCommand,
  GenerateMacCommand,
  GetPublicKeyCommand,
  VerifyMacCommand,
  type KeySpec,
  type KeyUsageType,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { constants, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, publicEncrypt, sign, verify } from 'node:crypto';
import { ml_kem768 } from '@noble/post-quantum/ml-kem';
import { setup } from './support/client';
import { expectKmsError, NO_MESSAGE } from './support/errors';

let client: KMSClient;
beforeEach(() => {
  ({ client } = setup());
});

async function key(KeySpec: KeySpec, KeyUsage: KeyUsageType) {
  const { KeyMetadata } = await client.send(new CreateKeyCommand({ KeySpec, KeyUsage }));
  return { keyId: KeyMetadata!.KeyId!, arn: KeyMetadata!.Arn! };
}

const spki = async (keyId: string) => Buffer.from((await client.send(new GetPublicKeyCommand({ KeyId: keyId }))).PublicKey!);

describe('RSA encryption', () => {
  it.each(['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] as const)('node encrypts with the public key (%s) and the fake decrypts', async (algorithm) => {
    const k = await key('RSA_2048', 'ENCRYPT_DECRYPT');
    const publicKey = createPublicKey({ key: await spki(k.keyId), format: 'der', type: 'spki' });
    const blob = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: algorithm === 'RSAES_OAEP_SHA_1' ? 'sha1' : 'sha256' }, Buffer.from('secret'));
    const out = await client.send(new DecryptCommand({ KeyId: k.keyId, CiphertextBlob: blob, EncryptionAlgorithm: algorithm }));
    expect(Buffer.from(out.Plaintext!).toString()).toBe('secret');
    expect(out).toMatchObject({ KeyId: k.arn, EncryptionAlgorithm: algorithm });
  });

  it.each([
    ['RSA_2048', 'RSAES_OAEP_SHA_1', 214],
    ['RSA_2048', 'RSAES_OAEP_SHA_256', 190],
    ['RSA_3072', 'RSAES_OAEP_SHA_1', 342],
    ['RSA_3072', 'RSAES_OAEP_SHA_256', 318],
    ['RSA_4096', 'RSAES_OAEP_SHA_1', 470],
    ['RSA_4096', 'RSAES_OAEP_SHA_256', 446],
  ] as const)('%s with %s encrypts %d bytes and no more', async (spec, algorithm, limit) => {
    const k = await key(spec, 'ENCRYPT_DECRYPT');
    const ok = await client.send(new EncryptCommand({ KeyId: k.keyId, Plaintext: Buffer.alloc(limit, 7), EncryptionAlgorithm: algorithm }));
    const back = await client.send(new DecryptCommand({ KeyId: k.keyId, CiphertextBlob: ok.CiphertextBlob, EncryptionAlgorithm: algorithm }));
    expect(Buffer.from(back.Plaintext!).equals(Buffer.alloc(limit, 7))).toBe(true);
    await expectKmsError(
      client.send(new EncryptCommand({ KeyId: k.keyId, Plaintext: Buffer.alloc(limit + 1), EncryptionAlgorithm: algorithm })),
      'ValidationException',
      `Algorithm ${algorithm} and key spec ${spec} cannot encrypt data larger than ${limit} bytes.`,
    );
  });

  it('needs an EncryptionAlgorithm for an RSA key', async () => {
    const k = await key('RSA_3072', 'ENCRYPT_DECRYPT');
    await expectKmsError(
      client.send(new EncryptCommand({ KeyId: k.keyId, Plaintext: Buffer.from('x') })),
      'InvalidKeyUsageException',
      'Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_3072.',
    );
  });
});

describe('GenerateDataKeyPair', () => {
  it('returns a PKCS#8 private key that signs, its public key verifies, and the blob decrypts under its context', async () => {
    const { keyId } = await key('SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT');
    const pair = await client.send(new GenerateDataKeyPairCommand({ KeyId: keyId, KeyPairSpec: 'ECC_NIST_P256', EncryptionContext: { app: 'x' } }));
    const privateKey = createPrivateKey({ key: Buffer.from(pair.PrivateKeyPlaintext!), format: 'der', type: 'pkcs8' });
    const publicKey = createPublicKey({ key: Buffer.from(pair.PublicKey!), format: 'der', type: 'spki' });
    expect(verify('sha256', Buffer.from('m'), publicKey, sign('sha256', Buffer.from('m'), privateKey))).toBe(true);
    const opened = await client.send(new DecryptCommand({ CiphertextBlob: pair.PrivateKeyCiphertextBlob, EncryptionContext: { app: 'x' } }));
    expect(Buffer.from(opened.Plaintext!).equals(Buffer.from(pair.PrivateKeyPlaintext!))).toBe(true);
    await expectKmsError(client.send(new DecryptCommand({ CiphertextBlob: pair.PrivateKeyCiphertextBlob })), 'InvalidCiphertextException', NO_MESSAGE);
  });

  it.each(['RSA_2048', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1', 'ECC_NIST_EDWARDS25519', 'ML_KEM_512'] as const)('makes %s pairs', async (KeyPairSpec) => {
    const { keyId } = await key('SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT');
    const pair = await client.send(new GenerateDataKeyPairCommand({ KeyId: keyId, KeyPairSpec }));
    expect(pair.KeyPairSpec).toBe(KeyPairSpec);
    if (KeyPairSpec.startsWith('ML_KEM')) return;
    const privateKey = createPrivateKey({ key: Buffer.from(pair.PrivateKeyPlaintext!), format: 'der', type: 'pkcs8' });
    expect(createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).equals(Buffer.from(pair.PublicKey!))).toBe(true);
  });
});

describe('GenerateMac and VerifyMac', () => {
  it('verifies its own MAC, refuses a flipped bit, and a MAC of another key', async () => {
    const a = await key('HMAC_256', 'GENERATE_VERIFY_MAC');
    const b = await key('HMAC_256', 'GENERATE_VERIFY_MAC');
    const Message = Buffer.from('webhook body');
    const { Mac } = await client.send(new GenerateMacCommand({ KeyId: a.keyId, Message, MacAlgorithm: 'HMAC_SHA_256' }));
    expect(Mac).toHaveLength(32);
    const ok = await client.send(new VerifyMacCommand({ KeyId: a.keyId, Message, Mac, MacAlgorithm: 'HMAC_SHA_256' }));
    expect(ok).toMatchObject({ MacValid: true, KeyId: a.arn });
    const flipped = Buffer.from(Mac!);
    flipped[0]! ^= 1;
    await expectKmsError(client.send(new VerifyMacCommand({ KeyId: a.keyId, Message, Mac: flipped, MacAlgorithm: 'HMAC_SHA_256' })), 'KMSInvalidMacException', NO_MESSAGE);
    await expectKmsError(client.send(new VerifyMacCommand({ KeyId: b.keyId, Message, Mac, MacAlgorithm: 'HMAC_SHA_256' })), 'KMSInvalidMacException', NO_MESSAGE);
  });

  it('refuses an algorithm of another HMAC spec', async () => {
    const k = await key('HMAC_224', 'GENERATE_VERIFY_MAC');
    await expectKmsError(
      client.send(new GenerateMacCommand({ KeyId: k.keyId, Message: Buffer.from('m'), MacAlgorithm: 'HMAC_SHA_256' })),
      'InvalidKeyUsageException',
      'Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_224.',
    );
  });
});

describe('DeriveSharedSecret', () => {
  it('equals node ECDH on the other side', async () => {
    const k = await key('ECC_NIST_P256', 'KEY_AGREEMENT');
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const out = await client.send(
      new DeriveSharedSecretCommand({ KeyId: k.keyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: other.publicKey.export({ format: 'der', type: 'spki' }) }),
    );
    const mine = diffieHellman({ privateKey: other.privateKey, publicKey: createPublicKey({ key: await spki(k.keyId), format: 'der', type: 'spki' }) });
    expect(Buffer.from(out.SharedSecret!).equals(mine)).toBe(true);
    expect(out).toMatchObject({ KeyId: k.arn, KeyAgreementAlgorithm: 'ECDH', KeyOrigin: 'AWS_KMS' });
  });

  it('answers a malformed public key with a ValidationException without message', async () => {
    const k = await key('ECC_NIST_P256', 'KEY_AGREEMENT');
    await expectKmsError(
      client.send(new DeriveSharedSecretCommand({ KeyId: k.keyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: Buffer.from('not a key') })),
      'ValidationException',
      NO_MESSAGE,
    );
  });
});

describe('Encapsulate and Decapsulate', () => {
  it('agree on the shared secret, and so does @noble/post-quantum with the public key', async () => {
    const k = await key('ML_KEM_768', 'ENCAPSULATE_DECAPSULATE');
    const enc = await client.send(new EncapsulateCommand({ KeyId: k.keyId, EncapsulationAlgorithm: 'ML_KEM' }));
    const dec = await client.send(new DecapsulateCommand({ KeyId: k.keyId, SharedSecretCiphertextBlob: enc.SharedSecretCiphertextBlob, EncapsulationAlgorithm: 'ML_KEM' }));
    expect(Buffer.from(dec.SharedSecret!).equals(Buffer.from(enc.SharedSecret!))).toBe(true);
    const der = await spki(k.keyId);
    const { cipherText, sharedSecret } = ml_kem768.encapsulate(der.subarray(der.length - 1184));
    const theirs = await client.send(new DecapsulateCommand({ KeyId: k.keyId, SharedSecretCiphertextBlob: cipherText, EncapsulationAlgorithm: 'ML_KEM' }));
    expect(Buffer.from(theirs.SharedSecret!).equals(Buffer.from(sharedSecret))).toBe(true);
  });
});

describe('key material', () => {
  it('is reproducible from the seed, RSA included', async () => {
    const publicKeys = async () => {
      ({ client } = setup({ seed: 'fixture' }));
      const out: string[] = [];
      for (const [spec, usage] of [['RSA_2048', 'SIGN_VERIFY'], ['ECC_NIST_P256', 'SIGN_VERIFY'], ['ECC_NIST_EDWARDS25519', 'SIGN_VERIFY'], ['ML_DSA_44', 'SIGN_VERIFY']] as const) {
        out.push((await spki((await key(spec, usage)).keyId)).toString('hex'));
      }
      return out;
    };
    expect(await publicKeys()).toEqual(await publicKeys());
  });
});
