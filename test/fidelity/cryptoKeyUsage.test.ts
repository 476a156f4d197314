/** Keys that cannot do the operation, and the RSA encryption path: which exception AWS picks. Sources: see cryptoSupport.ts. */
import {
  DecryptCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateMacCommand,
  ReEncryptCommand,
  SignCommand,
  VerifyCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { setup } from '../support/client';
import { expectKmsError, NO_MESSAGE } from '../support/errors';
import { INCORRECT_KEY, bytes, keyMaker } from './cryptoSupport';

let client: KMSClient;
beforeEach(() => {
  ({ client } = setup());
});

const key = keyMaker(() => client);

describe('a key that cannot do the operation (Recorded: test_error_messaging_for_invalid_keys)', () => {
  it('GenerateMac with an encryption key: the key usage', async () => {
    const k = await key();
    await expectKmsError(
      client.send(new GenerateMacCommand({ KeyId: k.keyId, Message: bytes('some important message'), MacAlgorithm: 'HMAC_SHA_224' })),
      'InvalidKeyUsageException',
      `${k.arn} key usage is ENCRYPT_DECRYPT which is not valid for GenerateMac.`,
    );
  });

  it('Sign with an HMAC key and an RSA algorithm: the key usage, before the algorithm', async () => {
    const k = await key('HMAC_224', 'GENERATE_VERIFY_MAC');
    await expectKmsError(
      client.send(new SignCommand({ KeyId: k.keyId, Message: bytes('test message 123!@#'), MessageType: 'RAW', SigningAlgorithm: 'RSASSA_PSS_SHA_256' })),
      'InvalidKeyUsageException',
      `${k.arn} key usage is GENERATE_VERIFY_MAC which is not valid for Sign.`,
    );
  });

  it('Verify with a symmetric encryption key and an ECDSA algorithm: the key usage', async () => {
    const k = await key();
    await expectKmsError(
      client.send(
        new VerifyCommand({ KeyId: k.keyId, Message: bytes('test message'), Signature: bytes('random text'), MessageType: 'RAW', SigningAlgorithm: 'ECDSA_SHA_256' }),
      ),
      'InvalidKeyUsageException',
      `${k.arn} key usage is ENCRYPT_DECRYPT which is not valid for Verify.`,
    );
  });

  it('Encrypt with a signing key: the key usage', async () => {
    const k = await key('RSA_2048', 'SIGN_VERIFY');
    await expectKmsError(
      client.send(new EncryptCommand({ KeyId: k.keyId, Plaintext: bytes('test message 123!@#') })),
      'InvalidKeyUsageException',
      `${k.arn} key usage is SIGN_VERIFY which is not valid for Encrypt.`,
    );
  });

  it('Decrypt naming an HMAC key: the key mismatch, not the key usage', async () => {
    const [symmetric, hmac] = [await key(), await key('HMAC_224', 'GENERATE_VERIFY_MAC')];
    const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: symmetric.keyId, Plaintext: bytes('test message 123!@#') }));
    await expectKmsError(client.send(new DecryptCommand({ CiphertextBlob, KeyId: hmac.keyId })), 'IncorrectKeyException', INCORRECT_KEY);
  });

  // Not recorded for these usages; the same rule as the recorded HMAC case: the named key is not the ciphertext's.
  it.each([
    ['a signing key', 'ECC_NIST_P256', 'SIGN_VERIFY'],
    ['a key agreement key', 'ECC_NIST_P256', 'KEY_AGREEMENT'],
  ] as const)('Decrypt naming %s: the key mismatch', async (_label, spec, usage) => {
    const [symmetric, other] = [await key(), await key(spec, usage)];
    const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: symmetric.keyId, Plaintext: bytes('x') }));
    await expectKmsError(client.send(new DecryptCommand({ CiphertextBlob, KeyId: other.arn })), 'IncorrectKeyException', INCORRECT_KEY);
  });
});

describe('ReEncrypt with keys that cannot do it', () => {
  async function ciphertext() {
    const source = await key();
    const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: source.keyId, Plaintext: bytes('test message 123 !%$@ 1234567890') }));
    return CiphertextBlob!;
  }

  // Recorded: test_re_encrypt_incorrect_source_key (2025).
  it('an HMAC SourceKeyId (and DestinationKeyId): the key mismatch of the source', async () => {
    const blob = await ciphertext();
    const hmac = await key('HMAC_224', 'GENERATE_VERIFY_MAC');
    await expectKmsError(
      client.send(new ReEncryptCommand({ CiphertextBlob: blob, SourceKeyId: hmac.keyId, DestinationKeyId: hmac.keyId })),
      'IncorrectKeyException',
      INCORRECT_KEY,
    );
  });

  // test_re_encrypt_invalid_destination_key (validated): InvalidKeyUsageException, the operation named ReEncrypt.
  it('a signing DestinationKeyId: the destination key usage', async () => {
    const blob = await ciphertext();
    const signer = await key('ECC_NIST_P256', 'SIGN_VERIFY');
    await expectKmsError(
      client.send(new ReEncryptCommand({ CiphertextBlob: blob, DestinationKeyId: signer.keyId })),
      'InvalidKeyUsageException',
      `${signer.arn} key usage is SIGN_VERIFY which is not valid for ReEncrypt.`,
    );
  });
});

describe('test_invalid_key_usage (validated; the class is recorded)', () => {
  it('Sign with an RSA encryption key, Encrypt with an RSA signing key', async () => {
    const encrypting = await key('RSA_4096', 'ENCRYPT_DECRYPT');
    await expectKmsError(
      client.send(new SignCommand({ KeyId: encrypting.keyId, Message: bytes('hello'), MessageType: 'RAW', SigningAlgorithm: 'RSASSA_PSS_SHA_256' })),
      'InvalidKeyUsageException',
      `${encrypting.arn} key usage is ENCRYPT_DECRYPT which is not valid for Sign.`,
    );
    const signing = await key('RSA_4096', 'SIGN_VERIFY');
    await expectKmsError(
      client.send(new EncryptCommand({ KeyId: signing.keyId, Plaintext: bytes('hello'), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' })),
      'InvalidKeyUsageException',
      `${signing.arn} key usage is SIGN_VERIFY which is not valid for Encrypt.`,
    );
  });
});

/**
 * RSA Decrypt, as floci-io/floci PR #3038 measured it on AWS (us-east-1, aws-cli 2; its tests pin
 * the values): second-hand records, each consistent with the first-hand ones above.
 */
describe('RSA encryption keys (floci-io/floci PR #3038, measured on AWS)', () => {
  const algorithm = 'RSAES_OAEP_SHA_256' as const;

  async function rsaCiphertext() {
    const k = await key('RSA_2048');
    const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: k.keyId, Plaintext: bytes('hello'), EncryptionAlgorithm: algorithm }));
    return { k, blob: CiphertextBlob! };
  }

  it('a signing KeyId with an RSA algorithm: the key usage', async () => {
    const signer = await key('RSA_2048', 'SIGN_VERIFY');
    await expectKmsError(
      client.send(new DecryptCommand({ KeyId: signer.keyId, CiphertextBlob: new Uint8Array(256), EncryptionAlgorithm: algorithm })),
      'InvalidKeyUsageException',
      `${signer.arn} key usage is SIGN_VERIFY which is not valid for Decrypt.`,
    );
  });

  it('an RSA ciphertext read as SYMMETRIC_DEFAULT (the algorithm left out): InvalidCiphertextException', async () => {
    const { k, blob } = await rsaCiphertext();
    await expectKmsError(client.send(new DecryptCommand({ KeyId: k.keyId, CiphertextBlob: blob })), 'InvalidCiphertextException', NO_MESSAGE);
  });

  // One RSA ciphertext in 256 starts with the byte 0x01, as the fake's symmetric blobs do: bytes
  // that merely look like a header (no key ID in them) are not a ciphertext of another key.
  it('a blob of any length that only looks like a symmetric header: InvalidCiphertextException, never IncorrectKeyException', async () => {
    const named = [(await rsaCiphertext()).k, await key()];
    for (let length = 1; length <= 300; length += 1) {
      const blob = new Uint8Array(length).fill(0x61);
      blob[0] = 0x01;
      if (length > 1) blob[1] = 36;
      for (const k of named) {
        await expectKmsError(client.send(new DecryptCommand({ KeyId: k.keyId, CiphertextBlob: blob })), 'InvalidCiphertextException', NO_MESSAGE);
      }
    }
  });

  it('a symmetric ciphertext with an RSA algorithm: the algorithm against the symmetric key', async () => {
    const k = await key();
    const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: k.keyId, Plaintext: bytes('hello') }));
    await expectKmsError(
      client.send(new DecryptCommand({ KeyId: k.keyId, CiphertextBlob, EncryptionAlgorithm: algorithm })),
      'InvalidKeyUsageException',
      `Algorithm ${algorithm} is incompatible with key spec SYMMETRIC_DEFAULT.`,
    );
  });

  it('another RSA key, another OAEP hash, garbage: InvalidCiphertextException', async () => {
    const { k, blob } = await rsaCiphertext();
    const other = await key('RSA_2048');
    const tries = [
      { KeyId: other.keyId, CiphertextBlob: blob, EncryptionAlgorithm: algorithm },
      { KeyId: k.keyId, CiphertextBlob: blob, EncryptionAlgorithm: 'RSAES_OAEP_SHA_1' as const },
      { KeyId: k.keyId, CiphertextBlob: new Uint8Array(256), EncryptionAlgorithm: algorithm },
    ];
    for (const input of tries) await expectKmsError(client.send(new DecryptCommand(input)), 'InvalidCiphertextException', NO_MESSAGE);
  });

  it('an encryption context with an RSA algorithm: ValidationException, on Encrypt, Decrypt and ReEncrypt', async () => {
    const { k, blob } = await rsaCiphertext();
    const message = 'EncryptionContext is not supported when encrypting/decrypting with asymmetric CMKs.';
    const context = { foo: 'bar' };
    await expectKmsError(
      client.send(new EncryptCommand({ KeyId: k.keyId, Plaintext: bytes('hello'), EncryptionAlgorithm: algorithm, EncryptionContext: context })),
      'ValidationException',
      message,
    );
    await expectKmsError(
      client.send(new DecryptCommand({ KeyId: k.keyId, CiphertextBlob: blob, EncryptionAlgorithm: algorithm, EncryptionContext: context })),
      'ValidationException',
      message,
    );
    const symmetric = await key();
    await expectKmsError(
      client.send(
        new ReEncryptCommand({
          CiphertextBlob: blob,
          SourceKeyId: k.keyId,
          SourceEncryptionAlgorithm: algorithm,
          DestinationKeyId: symmetric.keyId,
          DestinationEncryptionAlgorithm: algorithm,
          DestinationEncryptionContext: context,
        }),
      ),
      'ValidationException',
      message,
    );
    // An empty context is no context.
    await client.send(new EncryptCommand({ KeyId: k.keyId, Plaintext: bytes('hello'), EncryptionAlgorithm: algorithm, EncryptionContext: {} }));
  });

  it('GenerateDataKey under an RSA key: SYMMETRIC_DEFAULT against its spec; under a signing key: the usage', async () => {
    const rsa = await key('RSA_2048');
    await expectKmsError(
      client.send(new GenerateDataKeyCommand({ KeyId: rsa.keyId, KeySpec: 'AES_256' })),
      'InvalidKeyUsageException',
      'Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.',
    );
    const signer = await key('RSA_2048', 'SIGN_VERIFY');
    await expectKmsError(
      client.send(new GenerateDataKeyCommand({ KeyId: signer.keyId, KeySpec: 'AES_256' })),
      'InvalidKeyUsageException',
      `${signer.arn} key usage is SIGN_VERIFY which is not valid for GenerateDataKey.`,
    );
  });
});

describe('real AWS output quoted in public issues', () => {
  // zalando/spring-cloud-config-aws-kms#82 and jkroepke/helm-secrets#395 (Encrypt under an RSA key, no algorithm);
  // jonathankeebler/jwt-kms#4 (Encrypt under a signing key).
  it('Encrypt under an RSA key without an algorithm, and under a signing key', async () => {
    const rsa = await key('RSA_4096');
    await expectKmsError(
      client.send(new EncryptCommand({ KeyId: rsa.keyId, Plaintext: bytes('x') })),
      'InvalidKeyUsageException',
      'Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_4096.',
    );
    const signer = await key('ECC_NIST_P256', 'SIGN_VERIFY');
    await expectKmsError(
      client.send(new EncryptCommand({ KeyId: signer.keyId, Plaintext: bytes('x') })),
      'InvalidKeyUsageException',
      `${signer.arn} key usage is SIGN_VERIFY which is not valid for Encrypt.`,
    );
  });
});
