import {
  CreateKeyCommand,
  DecryptCommand,
  DeleteImportedKeyMaterialCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateMacCommand,
  ListKeyRotationsCommand,
  RotateKeyOnDemandCommand,
  GetParametersForImportCommand,
  GetPublicKeyCommand,
  ImportKeyMaterialCommand,
  SignCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { createHmac, createPublicKey, generateKeyPairSync, randomBytes, verify } from 'node:crypto';
import { DAY_MS, setup } from './support/client';
import { expectKmsError } from './support/errors';
import { importMaterial, wrap, type Wrapping } from './support/importMaterial';

const START = new Date('2025-03-01T00:00:00Z');

async function externalKey(client: KMSClient, shape: { KeySpec?: 'HMAC_256' | 'ECC_NIST_P256'; KeyUsage?: 'GENERATE_VERIFY_MAC' | 'SIGN_VERIFY' } = {}) {
  const { KeyMetadata } = await client.send(new CreateKeyCommand({ Origin: 'EXTERNAL', ...shape }));
  return KeyMetadata!;
}

const stateOf = async (client: KMSClient, keyId: string) =>
  (await client.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!;

describe('importing symmetric key material the caller wrapped with node:crypto', () => {
  it.each<Wrapping>(['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'RSA_AES_KEY_WRAP_SHA_1', 'RSA_AES_KEY_WRAP_SHA_256'])(
    'enables the key, which then encrypts and decrypts (%s)',
    async (wrapping) => {
      const { client } = setup({ clock: () => START });
      const key = await externalKey(client);
      expect(key.KeyState).toBe('PendingImport');
      const imported = await importMaterial(client, key.KeyId!, randomBytes(32), { wrapping });
      expect(imported.KeyId).toBe(key.Arn);
      expect(imported.KeyMaterialId).toMatch(/^[0-9a-f]{64}$/);

      const described = await stateOf(client, key.KeyId!);
      expect(described).toMatchObject({ KeyState: 'Enabled', Enabled: true, Origin: 'EXTERNAL', ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' });
      expect(described.CurrentKeyMaterialId).toBe(imported.KeyMaterialId);
      const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('imported') }));
      const { Plaintext } = await client.send(new DecryptCommand({ CiphertextBlob }));
      expect(Buffer.from(Plaintext!).toString()).toBe('imported');
    },
  );

  it('answers GetParametersForImport with a DER public key and a token valid for 24 hours', async () => {
    const { client } = setup({ clock: () => START });
    const key = await externalKey(client);
    const params = await client.send(
      new GetParametersForImportCommand({ KeyId: key.KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_3072' }),
    );
    expect(params.KeyId).toBe(key.Arn);
    expect(params.ParametersValidTo).toEqual(new Date(START.getTime() + DAY_MS));
    const publicKey = createPublicKey({ key: Buffer.from(params.PublicKey!), format: 'der', type: 'spki' });
    expect(publicKey.asymmetricKeyDetails?.modulusLength).toBe(3072);
  });
});

describe('importing HMAC and asymmetric key material', () => {
  it('MACs with the imported HMAC key exactly as node:crypto does', async () => {
    const { client } = setup();
    const key = await externalKey(client, { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    const secret = randomBytes(48);
    await importMaterial(client, key.KeyId!, secret, { wrapping: 'RSAES_OAEP_SHA_1' });
    const Message = Buffer.from('mac me');
    const { Mac } = await client.send(new GenerateMacCommand({ KeyId: key.KeyId, Message, MacAlgorithm: 'HMAC_SHA_256' }));
    expect(Buffer.from(Mac!)).toEqual(createHmac('sha256', secret).update(Message).digest());
  });

  it('signs with an imported ECC private key (PKCS#8) that node:crypto verifies', async () => {
    const { client } = setup();
    const key = await externalKey(client, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    await importMaterial(client, key.KeyId!, pair.privateKey.export({ format: 'der', type: 'pkcs8' }), { wrapping: 'RSA_AES_KEY_WRAP_SHA_256' });
    const { PublicKey } = await client.send(new GetPublicKeyCommand({ KeyId: key.KeyId }));
    expect(Buffer.from(PublicKey!)).toEqual(pair.publicKey.export({ format: 'der', type: 'spki' }));
    const Message = Buffer.from('signed');
    const { Signature } = await client.send(new SignCommand({ KeyId: key.KeyId, Message, SigningAlgorithm: 'ECDSA_SHA_256' }));
    expect(verify('sha256', Message, pair.publicKey, Buffer.from(Signature!))).toBe(true);
  });

  it('refuses material that does not fit the key spec, changing nothing', async () => {
    const { client } = setup();
    const key = await externalKey(client);
    const call = importMaterial(client, key.KeyId!, randomBytes(16));
    await expectKmsError(call, 'IncorrectKeyMaterialException', 'The key material is invalid or is not the key material expected for this KMS key.');
    expect((await stateOf(client, key.KeyId!)).KeyState).toBe('PendingImport');
  });
});

describe('expiring, deleting and re-importing key material', () => {
  it('moves the key to PendingImport when ValidTo passes on the fake clock, and back when the same material returns', async () => {
    const { kms, client } = setup({ clock: () => START });
    const key = await externalKey(client);
    const material = randomBytes(32);
    const ValidTo = new Date(START.getTime() + 2 * DAY_MS);
    await importMaterial(client, key.KeyId!, material, { ValidTo });
    expect(await stateOf(client, key.KeyId!)).toMatchObject({ KeyState: 'Enabled', ExpirationModel: 'KEY_MATERIAL_EXPIRES', ValidTo });
    const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('before') }));

    kms.advanceTime(2 * DAY_MS);
    expect((await stateOf(client, key.KeyId!)).KeyState).toBe('PendingImport');
    await expectKmsError(client.send(new DecryptCommand({ CiphertextBlob })), 'KMSInvalidStateException', `${key.Arn} is pending import.`);

    await importMaterial(client, key.KeyId!, material);
    expect((await stateOf(client, key.KeyId!)).KeyState).toBe('Enabled');
    const { Plaintext } = await client.send(new DecryptCommand({ CiphertextBlob }));
    expect(Buffer.from(Plaintext!).toString()).toBe('before');
  });

  it('refuses other material for the same material version with IncorrectKeyMaterialException', async () => {
    const { client } = setup();
    const key = await externalKey(client);
    const first = await importMaterial(client, key.KeyId!, randomBytes(32));
    await client.send(new DeleteImportedKeyMaterialCommand({ KeyId: key.KeyId }));
    await expectKmsError(importMaterial(client, key.KeyId!, randomBytes(32)), 'IncorrectKeyMaterialException', 'The key material is invalid or is not the key material expected for this KMS key.');
    expect((await stateOf(client, key.KeyId!))).toMatchObject({ KeyState: 'PendingImport', CurrentKeyMaterialId: first.KeyMaterialId });
  });

  it('deletes imported material (PendingImport), and deleting again is a success with no effect', async () => {
    const { client } = setup();
    const key = await externalKey(client);
    const { KeyMaterialId } = await importMaterial(client, key.KeyId!, randomBytes(32));
    const deleted = await client.send(new DeleteImportedKeyMaterialCommand({ KeyId: key.KeyId }));
    expect(deleted).toMatchObject({ KeyId: key.Arn, KeyMaterialId });
    expect((await stateOf(client, key.KeyId!)).KeyState).toBe('PendingImport');
    await client.send(new DeleteImportedKeyMaterialCommand({ KeyId: key.KeyId }));
    expect((await stateOf(client, key.KeyId!)).KeyState).toBe('PendingImport');
  });
});

describe('imported material waiting in PENDING_ROTATION', () => {
  async function keyWithPendingMaterial(client: KMSClient) {
    const key = await externalKey(client);
    const current = await importMaterial(client, key.KeyId!, randomBytes(32));
    const ValidTo = new Date(START.getTime() + 2 * DAY_MS);
    const pending = await importMaterial(client, key.KeyId!, randomBytes(32), { ImportType: 'NEW_KEY_MATERIAL', ValidTo });
    return { key, current: current.KeyMaterialId!, pending: pending.KeyMaterialId! };
  }

  async function expectExpired(client: KMSClient, { key, current, pending }: Awaited<ReturnType<typeof keyWithPendingMaterial>>) {
    const { Rotations } = await client.send(new ListKeyRotationsCommand({ KeyId: key.KeyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' }));
    expect(Rotations?.map((r) => [r.KeyMaterialId, r.KeyMaterialState, r.ImportState])).toEqual([
      [current, 'CURRENT', 'IMPORTED'],
      [pending, 'PENDING_ROTATION', 'PENDING_IMPORT'],
    ]);
    await expectKmsError(
      client.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId })),
      'UnsupportedOperationException',
      `${key.Arn} has no imported key material in the PENDING_ROTATION state to rotate to.`,
    );
    expect(await stateOf(client, key.KeyId!)).toMatchObject({ KeyState: 'Enabled', CurrentKeyMaterialId: current, ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' });
  }

  it('expires at its ValidTo, so RotateKeyOnDemand cannot rotate to it', async () => {
    const { kms, client } = setup({ clock: () => START });
    const key = await keyWithPendingMaterial(client);
    kms.advanceTime(3 * DAY_MS);
    await expectExpired(client, key);
  });

  it('still expires after a snapshot is restored', async () => {
    const { kms, client } = setup({ clock: () => START });
    const key = await keyWithPendingMaterial(client);
    const saved = kms.snapshot();
    kms.reset();
    kms.rollback(saved);
    kms.advanceTime(3 * DAY_MS);
    await expectExpired(client, key);
  });
});

describe('import tokens and parameters', () => {
  it('rejects a token older than 24 hours with ExpiredImportTokenException', async () => {
    const { kms, client } = setup({ clock: () => START });
    const key = await externalKey(client);
    const params = await client.send(new GetParametersForImportCommand({ KeyId: key.KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }));
    kms.advanceTime(DAY_MS + 1000);
    const call = client.send(
      new ImportKeyMaterialCommand({
        KeyId: key.KeyId,
        ImportToken: params.ImportToken,
        EncryptedKeyMaterial: wrap(params.PublicKey!, 'RSAES_OAEP_SHA_256', randomBytes(32)),
        ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
      }),
    );
    await expectKmsError(call, 'ExpiredImportTokenException', 'The import token is expired. Use GetParametersForImport to get a new one.');
  });

  it("rejects another key's token and garbage with InvalidImportTokenException", async () => {
    const { client } = setup();
    const [key, other] = [await externalKey(client), await externalKey(client)];
    const params = await client.send(new GetParametersForImportCommand({ KeyId: other.KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }));
    for (const ImportToken of [params.ImportToken, Buffer.from('garbage')]) {
      const call = client.send(
        new ImportKeyMaterialCommand({
          KeyId: key.KeyId,
          ImportToken,
          EncryptedKeyMaterial: wrap(params.PublicKey!, 'RSAES_OAEP_SHA_256', randomBytes(32)),
          ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
        }),
      );
      await expectKmsError(call, 'InvalidImportTokenException', 'The import token is invalid or belongs to another KMS key.');
    }
  });

  it('requires ValidTo for the default ExpirationModel, with AWS wording', async () => {
    const { client } = setup();
    const key = await externalKey(client);
    const call = client.send(new ImportKeyMaterialCommand({ KeyId: key.KeyId, ImportToken: Buffer.from('t'), EncryptedKeyMaterial: Buffer.from('m') }));
    await expectKmsError(call, 'ValidationException', 'A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES');
  });

  it('refuses GetParametersForImport on a key whose origin is AWS_KMS', async () => {
    const { client } = setup();
    const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
    const call = client.send(new GetParametersForImportCommand({ KeyId: KeyMetadata!.KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }));
    await expectKmsError(call, 'UnsupportedOperationException', `${KeyMetadata!.Arn} origin is AWS_KMS which is not valid for this operation.`);
  });

  it('refuses the retired RSAES_PKCS1_V1_5 wrapping algorithm', async () => {
    const { client } = setup();
    const key = await externalKey(client);
    const call = client.send(new GetParametersForImportCommand({ KeyId: key.KeyId, WrappingAlgorithm: 'RSAES_PKCS1_V1_5', WrappingKeySpec: 'RSA_2048' }));
    await expectKmsError(call, 'ValidationException', 'The wrapping algorithm RSAES_PKCS1_V1_5 is no longer supported.');
  });
});
