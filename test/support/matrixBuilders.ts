import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateGrantCommand,
  DecapsulateCommand,
  DecryptCommand,
  DeleteAliasCommand,
  DeleteImportedKeyMaterialCommand,
  DeriveSharedSecretCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  DisableKeyRotationCommand,
  EnableKeyCommand,
  EnableKeyRotationCommand,
  EncapsulateCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyPairCommand,
  GenerateDataKeyPairWithoutPlaintextCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  GenerateMacCommand,
  GetKeyLastUsageCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  GetParametersForImportCommand,
  GetPublicKeyCommand,
  ImportKeyMaterialCommand,
  ListAliasesCommand,
  ListGrantsCommand,
  ListKeyPoliciesCommand,
  ListKeyRotationsCommand,
  ListResourceTagsCommand,
  PutKeyPolicyCommand,
  ReEncryptCommand,
  RetireGrantCommand,
  RevokeGrantCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  SignCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAliasCommand,
  UpdateKeyDescriptionCommand,
  VerifyCommand,
  VerifyMacCommand,
  type KeyMetadata,
  type KeySpec,
  type KeyUsageType,
  type KMSClient,
} from '@aws-sdk/client-kms';
import type { MetadataBearer } from '@smithy/types';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { importMaterial, wrap } from './importMaterial';

/**
 * One valid request per operation of the key-state matrix (test/keyStateMatrix.test.ts), each
 * targeting the key under test; arranged before the key is moved into its state.
 */

/** The material every matrix key with imported material holds, so a re-import is the same material. */
export const MATRIX_MATERIAL = randomBytes(32);

/** Labels whose key under test has imported key material (origin EXTERNAL) in every state but PendingImport. */
export const IMPORTED_MATERIAL_LABELS = ['GetParametersForImport', 'ImportKeyMaterial', 'DeleteImportedKeyMaterial'];

/** Gives a fresh EXTERNAL key its material, through the API. */
export const giveMaterial = (client: KMSClient, key: KeyMetadata) => importMaterial(client, key.KeyId!, MATRIX_MATERIAL);

/** Import parameters fetched while the key still allows it; `undefined` for a key whose origin forbids it. */
async function parametersFor(t: Target) {
  // A replica still Creating refuses GetParametersForImport too; its state is checked first.
  if (t.key.Origin !== 'EXTERNAL' || t.state === 'Creating') return undefined;
  return t.client.send(new GetParametersForImportCommand({ KeyId: id(t.key), WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }));
}

/** What a builder gets: the key under test, another key, and the state the key will be in. */
export interface Target {
  client: KMSClient;
  /** The key under test, still in its initial state (Enabled, or PendingImport) while arranging. */
  key: KeyMetadata;
  /** Another Enabled symmetric key, for the other side of two-key calls. */
  other: KeyMetadata;
  state: string;
}
export type Call = () => Promise<MetadataBearer>;
/** Runs before the key is moved into its state; returns the call to make once it is there. */
export type Arrange = (t: Target) => Call | Promise<Call>;

export const id = (key: KeyMetadata) => key.KeyId!;
const Plaintext = Buffer.from('key-state matrix');
let aliases = 0;
const newAlias = () => `alias/matrix-${++aliases}`;

/** States in which the key under test cannot be used while arranging: no material yet, or a replica still Creating. */
const unusable = (state: string) => state === 'PendingImport' || state === 'Creating';

/**
 * A ciphertext whose source key is the key under test. A PendingImport key has never had
 * material (and a Creating replica cannot encrypt yet), so its ciphertext comes from `other`
 * and the key is named explicitly (`named`).
 */
async function sourceCiphertext(t: Target) {
  const pendingImport = unusable(t.state);
  const { CiphertextBlob } = await t.client.send(new EncryptCommand({ KeyId: id(pendingImport ? t.other : t.key), Plaintext }));
  return { CiphertextBlob, named: pendingImport ? id(t.key) : undefined };
}

/** The key each asymmetric operation needs; every other label uses a symmetric encryption key. */
export const keyShapes: Record<string, { KeySpec: KeySpec; KeyUsage: KeyUsageType }> = {
  Sign: { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' },
  Verify: { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' },
  GetPublicKey: { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' },
  GenerateMac: { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' },
  VerifyMac: { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' },
  DeriveSharedSecret: { KeySpec: 'ECC_NIST_P256', KeyUsage: 'KEY_AGREEMENT' },
  Encapsulate: { KeySpec: 'ML_KEM_768', KeyUsage: 'ENCAPSULATE_DECAPSULATE' },
  Decapsulate: { KeySpec: 'ML_KEM_768', KeyUsage: 'ENCAPSULATE_DECAPSULATE' },
};

const peerPublicKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ format: 'der', type: 'spki' });
/** A PendingImport key has no material, so there is nothing to sign or MAC with: any bytes do, the state is checked first. */
const before = async (t: Target, make: () => Promise<Uint8Array | undefined>) =>
  unusable(t.state) ? new Uint8Array(64).fill(1) : (await make())!;

const GRANTEE = 'arn:aws:iam::111122223333:role/matrix-grantee';

/**
 * A grant on the key under test, made while the key can take one. A PendingImport key cannot
 * (CreateGrant's cell fails), so it gets material, the grant, and goes back to PendingImport
 * through DeleteImportedKeyMaterial. (A Creating replica never has grants: see matrixStates.ts.)
 */
async function grantOnKey(t: Target): Promise<string> {
  if (t.state === 'PendingImport') await giveMaterial(t.client, t.key);
  const { GrantId } = await t.client.send(new CreateGrantCommand({ KeyId: id(t.key), GranteePrincipal: GRANTEE, Operations: ['DescribeKey'] }));
  if (t.state === 'PendingImport') await t.client.send(new DeleteImportedKeyMaterialCommand({ KeyId: id(t.key) }));
  return GrantId!;
}

export const builders: Record<string, Arrange> = {
  Sign: ({ client, key }) => () => client.send(new SignCommand({ KeyId: id(key), Message: Plaintext, SigningAlgorithm: 'ECDSA_SHA_256' })),
  Verify: async (t) => {
    const Signature = await before(t, async () =>
      (await t.client.send(new SignCommand({ KeyId: id(t.key), Message: Plaintext, SigningAlgorithm: 'ECDSA_SHA_256' }))).Signature);
    return () => t.client.send(new VerifyCommand({ KeyId: id(t.key), Message: Plaintext, Signature, SigningAlgorithm: 'ECDSA_SHA_256' }));
  },
  GetPublicKey: ({ client, key }) => () => client.send(new GetPublicKeyCommand({ KeyId: id(key) })),
  GenerateMac: ({ client, key }) => () => client.send(new GenerateMacCommand({ KeyId: id(key), Message: Plaintext, MacAlgorithm: 'HMAC_SHA_256' })),
  VerifyMac: async (t) => {
    const Mac = await before(t, async () =>
      (await t.client.send(new GenerateMacCommand({ KeyId: id(t.key), Message: Plaintext, MacAlgorithm: 'HMAC_SHA_256' }))).Mac);
    return () => t.client.send(new VerifyMacCommand({ KeyId: id(t.key), Message: Plaintext, Mac, MacAlgorithm: 'HMAC_SHA_256' }));
  },
  GenerateDataKeyPair: ({ client, key }) => () => client.send(new GenerateDataKeyPairCommand({ KeyId: id(key), KeyPairSpec: 'ECC_NIST_P256' })),
  GenerateDataKeyPairWithoutPlaintext: ({ client, key }) => () =>
    client.send(new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId: id(key), KeyPairSpec: 'ECC_NIST_P256' })),
  DeriveSharedSecret: ({ client, key }) => () =>
    client.send(new DeriveSharedSecretCommand({ KeyId: id(key), KeyAgreementAlgorithm: 'ECDH', PublicKey: peerPublicKey })),
  Encapsulate: ({ client, key }) => () => client.send(new EncapsulateCommand({ KeyId: id(key), EncapsulationAlgorithm: 'ML_KEM' })),
  // ML-KEM decapsulates any ciphertext of the right length (implicit rejection), so zeros do.
  Decapsulate: ({ client, key }) => () =>
    client.send(new DecapsulateCommand({ KeyId: id(key), SharedSecretCiphertextBlob: new Uint8Array(1088), EncapsulationAlgorithm: 'ML_KEM' })),
  CancelKeyDeletion: ({ client, key }) => () => client.send(new CancelKeyDeletionCommand({ KeyId: id(key) })),
  CreateAlias: ({ client, key }) => () => client.send(new CreateAliasCommand({ AliasName: newAlias(), TargetKeyId: id(key) })),
  Decrypt: async (t) => {
    const { CiphertextBlob, named } = await sourceCiphertext(t);
    return () => t.client.send(new DecryptCommand({ CiphertextBlob, ...(named && { KeyId: named }) }));
  },
  DeleteAlias: async ({ client, key }) => {
    const AliasName = newAlias();
    await client.send(new CreateAliasCommand({ AliasName, TargetKeyId: id(key) }));
    return () => client.send(new DeleteAliasCommand({ AliasName }));
  },
  DescribeKey: ({ client, key }) => () => client.send(new DescribeKeyCommand({ KeyId: id(key) })),
  DisableKey: ({ client, key }) => () => client.send(new DisableKeyCommand({ KeyId: id(key) })),
  EnableKey: ({ client, key }) => () => client.send(new EnableKeyCommand({ KeyId: id(key) })),
  Encrypt: ({ client, key }) => () => client.send(new EncryptCommand({ KeyId: id(key), Plaintext })),
  GenerateDataKey: ({ client, key }) => () => client.send(new GenerateDataKeyCommand({ KeyId: id(key), KeySpec: 'AES_256' })),
  GenerateDataKeyWithoutPlaintext: ({ client, key }) => () =>
    client.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: id(key), KeySpec: 'AES_256' })),
  GetKeyLastUsage: ({ client, key }) => () => client.send(new GetKeyLastUsageCommand({ KeyId: id(key) })),
  GetKeyPolicy: ({ client, key }) => () => client.send(new GetKeyPolicyCommand({ KeyId: id(key), PolicyName: 'default' })),
  ListAliases: ({ client, key }) => () => client.send(new ListAliasesCommand({ KeyId: id(key) })),
  ListKeyPolicies: ({ client, key }) => () => client.send(new ListKeyPoliciesCommand({ KeyId: id(key) })),
  ListResourceTags: ({ client, key }) => () => client.send(new ListResourceTagsCommand({ KeyId: id(key) })),
  PutKeyPolicy: ({ client, key }) => () =>
    client.send(new PutKeyPolicyCommand({ KeyId: id(key), PolicyName: 'default', Policy: rootPolicy(key.AWSAccountId!) })),
  ReEncrypt: async (t) => {
    const { CiphertextBlob, named } = await sourceCiphertext(t);
    return () => t.client.send(new ReEncryptCommand({ CiphertextBlob, DestinationKeyId: id(t.other), ...(named && { SourceKeyId: named }) }));
  },
  'ReEncrypt (destination)': async ({ client, key, other }) => {
    const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: id(other), Plaintext }));
    return () => client.send(new ReEncryptCommand({ CiphertextBlob, DestinationKeyId: id(key) }));
  },
  ScheduleKeyDeletion: ({ client, key }) => () =>
    client.send(new ScheduleKeyDeletionCommand({ KeyId: id(key), PendingWindowInDays: 7 })),
  TagResource: ({ client, key }) => () =>
    client.send(new TagResourceCommand({ KeyId: id(key), Tags: [{ TagKey: 'k', TagValue: 'v' }] })),
  UntagResource: ({ client, key }) => () => client.send(new UntagResourceCommand({ KeyId: id(key), TagKeys: ['k'] })),
  UpdateAlias: async ({ client, key, other }) => {
    const AliasName = newAlias();
    await client.send(new CreateAliasCommand({ AliasName, TargetKeyId: id(other) }));
    return () => client.send(new UpdateAliasCommand({ AliasName, TargetKeyId: id(key) }));
  },
  UpdateKeyDescription: ({ client, key }) => () =>
    client.send(new UpdateKeyDescriptionCommand({ KeyId: id(key), Description: 'key-state matrix' })),
  GetParametersForImport: ({ client, key }) => () =>
    client.send(new GetParametersForImportCommand({ KeyId: id(key), WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' })),
  // The parameters are fetched while the key is still Enabled or PendingImport; the import re-imports the same material.
  ImportKeyMaterial: async (t) => {
    const params = await parametersFor(t);
    return () =>
      t.client.send(
        new ImportKeyMaterialCommand({
          KeyId: id(t.key),
          ImportToken: params?.ImportToken ?? new Uint8Array(8),
          EncryptedKeyMaterial: params ? wrap(params.PublicKey!, 'RSAES_OAEP_SHA_256', MATRIX_MATERIAL) : new Uint8Array(8),
          ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
        }),
      );
  },
  DeleteImportedKeyMaterial: ({ client, key }) => () => client.send(new DeleteImportedKeyMaterialCommand({ KeyId: id(key) })),
  EnableKeyRotation: ({ client, key }) => () => client.send(new EnableKeyRotationCommand({ KeyId: id(key) })),
  DisableKeyRotation: ({ client, key }) => () => client.send(new DisableKeyRotationCommand({ KeyId: id(key) })),
  GetKeyRotationStatus: ({ client, key }) => () => client.send(new GetKeyRotationStatusCommand({ KeyId: id(key) })),
  RotateKeyOnDemand: ({ client, key }) => () => client.send(new RotateKeyOnDemandCommand({ KeyId: id(key) })),
  ListKeyRotations: ({ client, key }) => () => client.send(new ListKeyRotationsCommand({ KeyId: id(key) })),
  CreateGrant: ({ client, key }) => () =>
    client.send(new CreateGrantCommand({ KeyId: id(key), GranteePrincipal: GRANTEE, Operations: ['DescribeKey'] })),
  ListGrants: ({ client, key }) => () => client.send(new ListGrantsCommand({ KeyId: id(key) })),
  // RetireGrant names the key by its ARN (API Reference: RetireGrant, KeyId).
  RetireGrant: async (t) => {
    const GrantId = await grantOnKey(t);
    return () => t.client.send(new RetireGrantCommand({ KeyId: t.key.Arn!, GrantId }));
  },
  RevokeGrant: async (t) => {
    const GrantId = await grantOnKey(t);
    return () => t.client.send(new RevokeGrantCommand({ KeyId: id(t.key), GrantId }));
  },
};

const rootPolicy = (account: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'kms:*', Resource: '*' }],
  });

/** "ReEncrypt (destination)" is a second way of putting a key into ReEncrypt. */
export const operationOf = (label: string) => label.replace(/ \(.*\)$/, '');

