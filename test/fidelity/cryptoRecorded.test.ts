/** Recorded error answers of the cryptographic operations: MACs, signatures, limits, states, key agreement. Sources: see cryptoSupport.ts. */
import {
  CreateKeyCommand,
  DecryptCommand,
  DeriveSharedSecretCommand,
  DisableKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyPairCommand,
  GenerateDataKeyPairWithoutPlaintextCommand,
  GenerateMacCommand,
  GenerateRandomCommand,
  GetPublicKeyCommand,
  ScheduleKeyDeletionCommand,
  SignCommand,
  VerifyCommand,
  VerifyMacCommand,
  type KMSClient,
  type KeyAgreementAlgorithmSpec,
  type MacAlgorithmSpec,
} from '@aws-sdk/client-kms';
import { createHash } from 'node:crypto';
import { setup } from '../support/client';
import { expectKmsError, NO_MESSAGE } from '../support/errors';
import { bytes, members, keyMaker } from './cryptoSupport';

let client: KMSClient;
beforeEach(() => {
  ({ client } = setup());
});

const key = keyMaker(() => client);

describe('MACs (Recorded: test_invalid_generate_mac, test_invalid_verify_mac, test_generate_and_verify_mac)', () => {
  const ENUM = '[HMAC_SHA_384, HMAC_SHA_256, HMAC_SHA_224, HMAC_SHA_512]';

  it('an algorithm of another HMAC spec', async () => {
    const k224 = await key('HMAC_224', 'GENERATE_VERIFY_MAC');
    await expectKmsError(
      client.send(new GenerateMacCommand({ KeyId: k224.keyId, Message: bytes('some important message'), MacAlgorithm: 'HMAC_SHA_256' })),
      'InvalidKeyUsageException',
      'Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_224.',
    );
    const k256 = await key('HMAC_256', 'GENERATE_VERIFY_MAC');
    const { Mac } = await client.send(new GenerateMacCommand({ KeyId: k256.keyId, Message: bytes('some important message'), MacAlgorithm: 'HMAC_SHA_256' }));
    await expectKmsError(
      client.send(new VerifyMacCommand({ KeyId: k256.keyId, Message: bytes('some important message'), Mac, MacAlgorithm: 'HMAC_SHA_512' })),
      'InvalidKeyUsageException',
      'Algorithm HMAC_SHA_512 is incompatible with key spec HMAC_256.',
    );
  });

  it('an algorithm outside the enum, and a MAC of another message', async () => {
    const k = await key('HMAC_256', 'GENERATE_VERIFY_MAC');
    const invalid = 'INVALID' as MacAlgorithmSpec;
    const enumError = `1 validation error detected: Value 'INVALID' at 'macAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: ${ENUM}`;
    await expectKmsError(client.send(new GenerateMacCommand({ KeyId: k.keyId, Message: bytes('m'), MacAlgorithm: invalid })), 'ValidationException', enumError);
    const generated = await client.send(new GenerateMacCommand({ KeyId: k.keyId, Message: bytes('some important message'), MacAlgorithm: 'HMAC_SHA_256' }));
    expect(members(generated)).toEqual(['KeyId', 'Mac', 'MacAlgorithm']);
    expect(generated).toMatchObject({ KeyId: k.arn, MacAlgorithm: 'HMAC_SHA_256' });
    const { Mac } = generated;
    await expectKmsError(client.send(new VerifyMacCommand({ KeyId: k.keyId, Message: bytes('m'), Mac, MacAlgorithm: invalid })), 'ValidationException', enumError);
    await expectKmsError(
      client.send(new VerifyMacCommand({ KeyId: k.keyId, Message: bytes('some different important message'), Mac, MacAlgorithm: 'HMAC_SHA_256' })),
      'KMSInvalidMacException',
      NO_MESSAGE,
    );
    const verified = await client.send(new VerifyMacCommand({ KeyId: k.keyId, Message: bytes('some important message'), Mac, MacAlgorithm: 'HMAC_SHA_256' }));
    expect(members(verified)).toEqual(['KeyId', 'MacAlgorithm', 'MacValid']);
    expect(verified).toMatchObject({ KeyId: k.arn, MacValid: true });
  });

  it('a KeyId that is no key ID', async () => {
    const k = await key('HMAC_256', 'GENERATE_VERIFY_MAC');
    const { Mac } = await client.send(new GenerateMacCommand({ KeyId: k.keyId, Message: bytes('m'), MacAlgorithm: 'HMAC_SHA_256' }));
    await expectKmsError(client.send(new GenerateMacCommand({ KeyId: 'key_id', Message: bytes('m'), MacAlgorithm: 'HMAC_SHA_256' })), 'NotFoundException', "Invalid keyId 'key_id'");
    await expectKmsError(client.send(new VerifyMacCommand({ KeyId: 'key_id', Message: bytes('m'), Mac, MacAlgorithm: 'HMAC_SHA_256' })), 'NotFoundException', "Invalid keyId 'key_id'");
  });
});

describe('signatures (Recorded: test_sign_verify)', () => {
  it.each([
    ['RSA_2048', 'RSASSA_PSS_SHA_256', '256'],
    ['RSA_4096', 'RSASSA_PKCS1_V1_5_SHA_512', '512'],
    ['ECC_NIST_P384', 'ECDSA_SHA_384', '384'],
    ['ECC_SECG_P256K1', 'ECDSA_SHA_256', '256'],
  ] as const)('%s %s: output members, a message as digest, a bad signature', async (spec, SigningAlgorithm, bits) => {
    const k = await key(spec, 'SIGN_VERIFY');
    const plaintext = bytes('test message !%$@ 1234567890');
    const signed = await client.send(new SignCommand({ KeyId: k.keyId, Message: plaintext, MessageType: 'RAW', SigningAlgorithm }));
    expect(members(signed)).toEqual(['KeyId', 'Signature', 'SigningAlgorithm']);
    expect(signed).toMatchObject({ KeyId: k.arn, SigningAlgorithm });
    const verified = await client.send(new VerifyCommand({ KeyId: k.keyId, Message: plaintext, Signature: signed.Signature, MessageType: 'RAW', SigningAlgorithm }));
    expect(members(verified)).toEqual(['KeyId', 'SignatureValid', 'SigningAlgorithm']);
    expect(verified).toMatchObject({ KeyId: k.arn, SignatureValid: true });
    const digest = createHash(`sha${bits}`).update(plaintext).digest();
    await client.send(new SignCommand({ KeyId: k.keyId, Message: digest, MessageType: 'DIGEST', SigningAlgorithm }));
    await expectKmsError(
      client.send(new SignCommand({ KeyId: k.keyId, Message: plaintext, MessageType: 'DIGEST', SigningAlgorithm })),
      'ValidationException',
      `Digest is invalid length for algorithm ${SigningAlgorithm}.`,
    );
    const { Signature: ofBad } = await client.send(new SignCommand({ KeyId: k.keyId, Message: bytes('bad'), MessageType: 'RAW', SigningAlgorithm }));
    await expectKmsError(
      client.send(new VerifyCommand({ KeyId: k.keyId, Message: plaintext, Signature: ofBad, MessageType: 'RAW', SigningAlgorithm })),
      'KMSInvalidSignatureException',
      NO_MESSAGE,
    );
    await expectKmsError(
      client.send(new VerifyCommand({ KeyId: k.keyId, Message: bytes('bad message 321'), Signature: signed.Signature, MessageType: 'DIGEST', SigningAlgorithm })),
      'ValidationException',
      `Digest is invalid length for algorithm ${SigningAlgorithm}.`,
    );
  });
});

describe('plaintext limits (Recorded: test_plaintext_size_for_encrypt, test_encrypt_validate_plaintext_size_per_key_type)', () => {
  it('a symmetric plaintext over 4096 bytes, without echoing it', async () => {
    const k = await key();
    await expectKmsError(
      client.send(new EncryptCommand({ KeyId: k.keyId, Plaintext: Buffer.alloc(4268, 0x41) })),
      'ValidationException',
      "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096",
    );
  });

  it.each([
    ['RSA_2048', 'RSAES_OAEP_SHA_1', 214],
    ['RSA_3072', 'RSAES_OAEP_SHA_256', 318],
    ['RSA_4096', 'RSAES_OAEP_SHA_256', 446],
  ] as const)('%s with %s', async (spec, EncryptionAlgorithm, limit) => {
    const k = await key(spec);
    await expectKmsError(
      client.send(new EncryptCommand({ KeyId: k.keyId, Plaintext: Buffer.alloc(1200, 0x41), EncryptionAlgorithm })),
      'ValidationException',
      `Algorithm ${EncryptionAlgorithm} and key spec ${spec} cannot encrypt data larger than ${limit} bytes.`,
    );
  });
});

describe('GenerateRandom (Recorded: test_generate_random_invalid_number_of_bytes)', () => {
  it.each([
    [undefined, 'NumberOfBytes is required.'],
    [0, "1 validation error detected: Value '0' at 'numberOfBytes' failed to satisfy constraint: Member must have value greater than or equal to 1"],
    [1025, "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024"],
  ])('NumberOfBytes %s', async (NumberOfBytes, message) => {
    await expectKmsError(client.send(new GenerateRandomCommand({ NumberOfBytes })), 'ValidationException', message);
  });

  it('answers only Plaintext, of the length asked (Recorded: test_generate_random)', async () => {
    const out = await client.send(new GenerateRandomCommand({ NumberOfBytes: 91 }));
    expect(members(out)).toEqual(['Plaintext']);
    expect(out.Plaintext).toHaveLength(91);
  });
});

describe('key states (Recorded: test_import_key_symmetric; test_cant_use_disabled_or_deleted_keys, validated)', () => {
  it('Encrypt under a key pending import', async () => {
    const { KeyMetadata } = await client.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }));
    await expectKmsError(
      client.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: bytes('test content 123 !#') })),
      'KMSInvalidStateException',
      `${KeyMetadata!.Arn} is pending import.`,
    );
  });

  it('GenerateDataKey under a disabled key, then one pending deletion', async () => {
    const k = await key();
    await client.send(new DisableKeyCommand({ KeyId: k.keyId }));
    await expectKmsError(client.send(new GenerateDataKeyCommand({ KeyId: k.keyId, KeySpec: 'AES_256' })), 'DisabledException', `${k.arn} is disabled.`);
    await client.send(new ScheduleKeyDeletionCommand({ KeyId: k.keyId }));
    await expectKmsError(client.send(new GenerateDataKeyCommand({ KeyId: k.keyId, KeySpec: 'AES_256' })), 'KMSInvalidStateException', `${k.arn} is pending deletion.`);
  });
});

describe('DeriveSharedSecret (Recorded: test_derive_shared_secret, 2024)', () => {
  async function agreement() {
    const [mine, theirs] = [await key('ECC_NIST_P256', 'KEY_AGREEMENT'), await key('ECC_NIST_P256', 'KEY_AGREEMENT')];
    const { PublicKey } = await client.send(new GetPublicKeyCommand({ KeyId: theirs.keyId }));
    return { mine, PublicKey: PublicKey! };
  }

  it('answers the members recorded', async () => {
    const { mine, PublicKey } = await agreement();
    const out = await client.send(new DeriveSharedSecretCommand({ KeyId: mine.keyId, KeyAgreementAlgorithm: 'ECDH', PublicKey }));
    expect(members(out)).toEqual(['KeyAgreementAlgorithm', 'KeyId', 'KeyOrigin', 'SharedSecret']);
    expect(out).toMatchObject({ KeyId: mine.arn, KeyAgreementAlgorithm: 'ECDH', KeyOrigin: 'AWS_KMS' });
  });

  it.each([
    ['a signing key', 'ECC_NIST_P256', 'SIGN_VERIFY'],
    ['a symmetric key', 'SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT'],
  ] as const)('with %s: the key usage', async (_label, spec, usage) => {
    const { PublicKey } = await agreement();
    const other = await key(spec, usage);
    await expectKmsError(
      client.send(new DeriveSharedSecretCommand({ KeyId: other.keyId, KeyAgreementAlgorithm: 'ECDH', PublicKey })),
      'InvalidKeyUsageException',
      `${other.arn} key usage is ${usage} which is not valid for DeriveSharedSecret.`,
    );
  });

  it('an algorithm outside the enum, and a public key that is none, without a message', async () => {
    const { mine, PublicKey } = await agreement();
    await expectKmsError(
      client.send(new DeriveSharedSecretCommand({ KeyId: mine.keyId, KeyAgreementAlgorithm: 'INVALID' as KeyAgreementAlgorithmSpec, PublicKey })),
      'ValidationException',
      "1 validation error detected: Value 'INVALID' at 'keyAgreementAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [ECDH]",
    );
    await expectKmsError(
      client.send(new DeriveSharedSecretCommand({ KeyId: mine.keyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: bytes('InvalidPublicKey') })),
      'ValidationException',
      NO_MESSAGE,
    );
  });
});

describe('ciphertexts that do not open (Recorded: test_key_rotations_encryption_decryption, test_encrypt_decrypt_encryption_context, 2025)', () => {
  it('bytes appended, and the start cut off: InvalidCiphertextException without a message', async () => {
    const k = await key();
    const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: k.keyId, Plaintext: bytes('test message 123 !%$@ 1234567890') }));
    const blob = Buffer.from(CiphertextBlob!);
    for (const bad of [Buffer.concat([blob, bytes('bad_data')]), blob.subarray(20)]) {
      await expectKmsError(client.send(new DecryptCommand({ KeyId: k.keyId, CiphertextBlob: bad })), 'InvalidCiphertextException', NO_MESSAGE);
    }
  });
});

describe('dry runs of data key pairs (Recorded: test_generate_data_key_pair_dry_run, test_generate_data_key_pair_without_plaintext_dry_run, 2025)', () => {
  it('answer DryRunOperationException with AWS\'s text', async () => {
    const k = await key();
    const DRY_RUN = 'The request would have succeeded, but the DryRun option is set.';
    await expectKmsError(client.send(new GenerateDataKeyPairCommand({ KeyId: k.keyId, KeyPairSpec: 'RSA_2048', DryRun: true })), 'DryRunOperationException', DRY_RUN);
    await expectKmsError(
      client.send(new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId: k.keyId, KeyPairSpec: 'RSA_2048', DryRun: true })),
      'DryRunOperationException',
      DRY_RUN,
    );
  });
});
