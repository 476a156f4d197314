import {
  GetParametersForImportCommand,
  ImportKeyMaterialCommand,
  type AlgorithmSpec,
  type ImportKeyMaterialCommandInput,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { constants, createCipheriv, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto';

/** The wrapping algorithms a caller can use with node:crypto alone. */
export type Wrapping = Extract<AlgorithmSpec, 'RSAES_OAEP_SHA_1' | 'RSAES_OAEP_SHA_256' | 'RSA_AES_KEY_WRAP_SHA_1' | 'RSA_AES_KEY_WRAP_SHA_256'>;

/**
 * Wraps key material as the developer guide tells a caller to, with node:crypto and nothing of
 * kms-fake: RSA-OAEP directly, or an ephemeral AES-256 key wrapped with RSA-OAEP followed by the
 * material under AES key wrap with padding (RFC 5649).
 */
export function wrap(publicKeyDer: Uint8Array, algorithm: Wrapping, material: Uint8Array): Uint8Array {
  const key = createPublicKey({ key: Buffer.from(publicKeyDer), format: 'der', type: 'spki' });
  const oaepHash = algorithm.endsWith('SHA_1') ? 'sha1' : 'sha256';
  const rsa = (data: Uint8Array) => publicEncrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, data);
  if (algorithm.startsWith('RSAES')) return rsa(material);
  const aesKey = randomBytes(32);
  const cipher = createCipheriv('id-aes256-wrap-pad', aesKey, Buffer.from('a65959a6', 'hex'));
  return Buffer.concat([rsa(aesKey), cipher.update(material), cipher.final()]);
}

/** GetParametersForImport, wrap, ImportKeyMaterial: the whole import as a caller does it. */
export async function importMaterial(
  client: KMSClient,
  keyId: string,
  material: Uint8Array,
  options: { wrapping?: Wrapping } & Partial<ImportKeyMaterialCommandInput> = {},
) {
  const { wrapping = 'RSAES_OAEP_SHA_256', ...rest } = options;
  const params = await client.send(new GetParametersForImportCommand({ KeyId: keyId, WrappingAlgorithm: wrapping, WrappingKeySpec: 'RSA_2048' }));
  return client.send(
    new ImportKeyMaterialCommand({
      KeyId: keyId,
      ImportToken: params.ImportToken,
      EncryptedKeyMaterial: wrap(params.PublicKey!, wrapping, material),
      ...(rest.ValidTo === undefined && { ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' }),
      ...rest,
    }),
  );
}
