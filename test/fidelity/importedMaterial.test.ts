import {
  CreateKeyCommand,
  DeleteImportedKeyMaterialCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GetParametersForImportCommand,
  ImportKeyMaterialCommand,
  ListKeyRotationsCommand,
  RotateKeyOnDemandCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { failure, setup } from '../support/client';
import { expectKmsError } from '../support/errors';
import { importMaterial, wrap } from '../support/importMaterial';
import { members, withMembers } from './recorded';

/**
 * Imported key material against recorded AWS answers: LocalStack's AWS-validated test_kms
 * snapshots test_import_key_symmetric, test_import_key_asymmetric, test_get_parameters_for_import
 * and test_import_key_material_raises_if_there_is_already_key_material_pending.
 */

let client: KMSClient;
beforeEach(() => ({ client } = setup()));

const describeKey = async (KeyId: string) => (await client.send(new DescribeKeyCommand({ KeyId }))).KeyMetadata!;

/** The members of a key awaiting its first import, as test_import_key_symmetric recorded them. */
const EXTERNAL_MEMBERS = [
  'AWSAccountId',
  'Arn',
  'CreationDate',
  'CustomerMasterKeySpec',
  'Description',
  'Enabled',
  'KeyId',
  'KeyManager',
  'KeySpec',
  'KeyState',
  'KeyUsage',
  'MultiRegion',
  'Origin',
];

describe('a symmetric key of EXTERNAL origin (test_import_key_symmetric)', () => {
  it('waits for its material in PendingImport, disabled, refusing to encrypt', async () => {
    const key = (await client.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }))).KeyMetadata!;
    expect(key).toMatchObject({ KeyState: 'PendingImport', Enabled: false, Origin: 'EXTERNAL' });
    expect(members(key)).toEqual(withMembers(EXTERNAL_MEMBERS, 'EncryptionAlgorithms'));
    expect(await describeKey(key.KeyId!)).toEqual(key);
    await expectKmsError(client.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') })), 'KMSInvalidStateException', `${key.Arn} is pending import.`);
  });

  it('answers the key ARN from GetParametersForImport', async () => {
    const key = (await client.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }))).KeyMetadata!;
    const params = await client.send(new GetParametersForImportCommand({ KeyId: key.KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }));
    expect(params.KeyId).toBe(key.Arn);
    expect(params.ParametersValidTo).toBeInstanceOf(Date);
  });

  it('requires ValidTo when the ExpirationModel is left at its default', async () => {
    const key = (await client.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }))).KeyMetadata!;
    const params = await client.send(new GetParametersForImportCommand({ KeyId: key.KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }));
    const call = client.send(
      new ImportKeyMaterialCommand({ KeyId: key.KeyId, ImportToken: params.ImportToken, EncryptedKeyMaterial: wrap(params.PublicKey!, 'RSAES_OAEP_SHA_256', randomBytes(32)) }),
    );
    await expectKmsError(call, 'ValidationException', 'A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES');
  });

  it('shows the ExpirationModel once imported, and drops it when the material is deleted', async () => {
    const key = (await client.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }))).KeyMetadata!;
    await importMaterial(client, key.KeyId!, randomBytes(32));
    const imported = await describeKey(key.KeyId!);
    expect(imported).toMatchObject({ KeyState: 'Enabled', Enabled: true, ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' });
    // CurrentKeyMaterialId came after the recording (2025); ValidTo only with KEY_MATERIAL_EXPIRES.
    expect(members(imported)).toEqual(withMembers(EXTERNAL_MEMBERS, 'EncryptionAlgorithms', 'ExpirationModel', 'CurrentKeyMaterialId'));

    await client.send(new DeleteImportedKeyMaterialCommand({ KeyId: key.KeyId }));
    const deleted = await describeKey(key.KeyId!);
    expect(deleted).toMatchObject({ KeyState: 'PendingImport', Enabled: false });
    expect(deleted).not.toHaveProperty('ExpirationModel');
    expect(deleted).not.toHaveProperty('ValidTo');
    await expectKmsError(client.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') })), 'KMSInvalidStateException', `${key.Arn} is pending import.`);
  });

  it('drops ValidTo and the ExpirationModel of expiring material when it is deleted', async () => {
    const key = (await client.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }))).KeyMetadata!;
    const validTo = new Date(Date.now() + 10 * 24 * 3600 * 1000);
    await importMaterial(client, key.KeyId!, randomBytes(32), { ExpirationModel: 'KEY_MATERIAL_EXPIRES', ValidTo: validTo });
    expect(await describeKey(key.KeyId!)).toMatchObject({ ExpirationModel: 'KEY_MATERIAL_EXPIRES', ValidTo: validTo });
    await client.send(new DeleteImportedKeyMaterialCommand({ KeyId: key.KeyId }));
    const deleted = await describeKey(key.KeyId!);
    expect(deleted).not.toHaveProperty('ExpirationModel');
    expect(deleted).not.toHaveProperty('ValidTo');
  });
});

describe('an asymmetric key of EXTERNAL origin (test_import_key_asymmetric)', () => {
  it('shows the ExpirationModel once imported and drops it with the material; no CurrentKeyMaterialId', async () => {
    const key = (await client.send(new CreateKeyCommand({ Origin: 'EXTERNAL', KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }))).KeyMetadata!;
    expect(members(key)).toEqual(withMembers(EXTERNAL_MEMBERS, 'SigningAlgorithms'));
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    await importMaterial(client, key.KeyId!, privateKey.export({ format: 'der', type: 'pkcs8' }));
    const imported = await describeKey(key.KeyId!);
    expect(members(imported)).toEqual(withMembers(EXTERNAL_MEMBERS, 'SigningAlgorithms', 'ExpirationModel'));
    await client.send(new DeleteImportedKeyMaterialCommand({ KeyId: key.KeyId }));
    expect(members(await describeKey(key.KeyId!))).toEqual(withMembers(EXTERNAL_MEMBERS, 'SigningAlgorithms'));
  });
});

describe('GetParametersForImport on a key of AWS_KMS origin (test_get_parameters_for_import)', () => {
  it('is refused naming the origin', async () => {
    const key = (await client.send(new CreateKeyCommand({}))).KeyMetadata!;
    const call = client.send(new GetParametersForImportCommand({ KeyId: key.KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_4096' }));
    await expectKmsError(call, 'UnsupportedOperationException', `${key.Arn} origin is AWS_KMS which is not valid for this operation.`);
  });
});

describe('NEW_KEY_MATERIAL while other material waits in PENDING_ROTATION (test_import_key_material_raises_if_there_is_already_key_material_pending)', () => {
  it('is refused, and the waiting material stays', async () => {
    const key = (await client.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }))).KeyMetadata!;
    await importMaterial(client, key.KeyId!, randomBytes(32));
    const pending = await importMaterial(client, key.KeyId!, randomBytes(32), { ImportType: 'NEW_KEY_MATERIAL' });
    // AWS refuses (recorded); its exception and text are not in a public record, so only the refusal is asserted.
    const error = await failure(importMaterial(client, key.KeyId!, randomBytes(32), { ImportType: 'NEW_KEY_MATERIAL' }));
    expect(error.$fault).toBe('client');
    expect(error.message).toContain(pending.KeyMaterialId!);
    expect(error.message).not.toMatch(/kms-fake/);
    const all = await client.send(new ListKeyRotationsCommand({ KeyId: key.KeyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' }));
    expect(all.Rotations?.filter((r) => r.KeyMaterialState === 'PENDING_ROTATION').map((r) => r.KeyMaterialId)).toEqual([pending.KeyMaterialId]);
  });

  it('stays refused once the waiting material is deleted, and its text advises no deletion', async () => {
    const key = (await client.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }))).KeyMetadata!;
    await importMaterial(client, key.KeyId!, randomBytes(32));
    const waiting = randomBytes(32);
    const pending = await importMaterial(client, key.KeyId!, waiting, { ImportType: 'NEW_KEY_MATERIAL' });
    await client.send(new DeleteImportedKeyMaterialCommand({ KeyId: key.KeyId, KeyMaterialId: pending.KeyMaterialId }));
    const error = await failure(importMaterial(client, key.KeyId!, randomBytes(32), { ImportType: 'NEW_KEY_MATERIAL' }));
    expect(error.message).toContain(pending.KeyMaterialId!);
    expect(error.message).not.toMatch(/delete it/i);
    // What it advises works: import the waiting material again, then rotate to it.
    await importMaterial(client, key.KeyId!, waiting, { ImportType: 'EXISTING_KEY_MATERIAL', KeyMaterialId: pending.KeyMaterialId });
    await client.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId }));
    expect((await describeKey(key.KeyId!)).CurrentKeyMaterialId).toBe(pending.KeyMaterialId);
  });
});
