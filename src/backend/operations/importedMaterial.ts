import type {
  AlgorithmSpec,
  DeleteImportedKeyMaterialRequest,
  GetParametersForImportRequest,
  ImportKeyMaterialRequest,
  WrappingKeySpec,
} from '@aws-sdk/client-kms';
import { providerFor } from '../../crypto';
import { importedMaterialId, keyPairFromPkcs8, unwrapKeyMaterial, type WrappingAlgorithm } from '../../crypto/keyImport';
import { cryptoGap, importedMaterial as errors } from '../../errors';
import { DAY_MS } from '../clock';
import { awaitingImport, isMissing, loseMaterial, scheduleExpiry, versionOf, versionsOf } from '../keyMaterials';
import { isSymmetricSpec, SEED_BYTES, specInfo } from '../keySpecs';
import { transition } from '../keyStates';
import { membersOf } from '../replicas';
import { KEY_ID_OR_ARN } from '../resolveKey';
import type { ImportParameters, KeyMaterial, KeyRecord, Store } from '../store';
import { operation, type OperationContext, type OperationGroup } from './operation';
import { keyIdParam } from './params';

/** In the SDK's order; RSAES_PKCS1_V1_5 is retired (API Reference: GetParametersForImport). */
const WRAPPING_ALGORITHMS = [
  'RSAES_PKCS1_V1_5',
  'RSAES_OAEP_SHA_1',
  'RSAES_OAEP_SHA_256',
  'RSA_AES_KEY_WRAP_SHA_1',
  'RSA_AES_KEY_WRAP_SHA_256',
  'SM2PKE',
] as const satisfies readonly AlgorithmSpec[];
const WRAPPING_KEY_SPECS = ['RSA_2048', 'RSA_3072', 'RSA_4096', 'SM2'] as const satisfies readonly WrappingKeySpec[];

/** Each public key and import token set is valid for 24 hours (API Reference: GetParametersForImport). */
const PARAMETERS_VALID_MS = DAY_MS;
/** ValidTo: a future date at most 365 days from the request (API Reference: ImportKeyMaterial). */
const MAX_VALID_TO_MS = 365 * DAY_MS;

const GetParametersForImport = operation<GetParametersForImportRequest>({
  input: {
    KeyId: keyIdParam(),
    WrappingAlgorithm: { type: 'string', required: true, enum: WRAPPING_ALGORITHMS },
    WrappingKeySpec: { type: 'string', required: true, enum: WRAPPING_KEY_SPECS },
  },
  check(input) {
    if (input.WrappingAlgorithm === 'RSAES_PKCS1_V1_5') throw errors.deprecatedWrapping(input.WrappingAlgorithm);
    if (input.WrappingAlgorithm === 'SM2PKE' || input.WrappingKeySpec === 'SM2') throw cryptoGap(providerFor('sm2').gap, 'do SM2 cryptography');
  },
  key: { param: 'KeyId', forms: KEY_ID_OR_ARN },
  run(ctx, input, key) {
    const spec = input.WrappingKeySpec as 'RSA_2048' | 'RSA_3072' | 'RSA_4096';
    const parameters: ImportParameters = {
      token: ctx.core.entropy.hex(128),
      wrappingAlgorithm: input.WrappingAlgorithm!,
      wrappingKeySpec: spec,
      // A fresh wrapping key pair per call, from the fake's (seedable) entropy.
      wrappingKey: providerFor('rsa').keyPair!(spec, ctx.core.entropy.bytes(SEED_BYTES)),
      validTo: new Date(ctx.now.getTime() + PARAMETERS_VALID_MS),
    };
    const live = (key.importParameters ?? []).filter((p) => p.validTo.getTime() > ctx.now.getTime() - PARAMETERS_VALID_MS);
    key.importParameters = [...live, parameters];
    return {
      KeyId: key.arn,
      ImportToken: Buffer.from(parameters.token, 'hex'),
      PublicKey: parameters.wrappingKey.publicKeyDer,
      ParametersValidTo: parameters.validTo,
    };
  },
});

const ImportKeyMaterial = operation<ImportKeyMaterialRequest>({
  input: {
    KeyId: keyIdParam(),
    ImportToken: { type: 'blob', required: true, min: 1, max: 6144 },
    EncryptedKeyMaterial: { type: 'blob', required: true, min: 1, max: 6144 },
    ValidTo: { type: 'timestamp' },
    ExpirationModel: { type: 'string', enum: ['KEY_MATERIAL_EXPIRES', 'KEY_MATERIAL_DOES_NOT_EXPIRE'] },
    ImportType: { type: 'string', enum: ['NEW_KEY_MATERIAL', 'EXISTING_KEY_MATERIAL'] },
    KeyMaterialDescription: { type: 'string', min: 0, max: 256 },
    KeyMaterialId: { type: 'string', min: 1, max: 64 },
  },
  check(input) {
    const model = input.ExpirationModel ?? 'KEY_MATERIAL_EXPIRES';
    if (model === 'KEY_MATERIAL_EXPIRES' && input.ValidTo === undefined) throw errors.validToRequired();
    if (model === 'KEY_MATERIAL_DOES_NOT_EXPIRE' && input.ValidTo !== undefined) throw errors.validToNotAllowed();
    if (input.ImportType === 'NEW_KEY_MATERIAL' && input.KeyMaterialId !== undefined) throw errors.materialIdWithNewMaterial();
  },
  key: { param: 'KeyId', forms: KEY_ID_OR_ARN },
  run(ctx, input, key) {
    const symmetric = isSymmetricSpec(key.keySpec);
    for (const member of ['ImportType', 'KeyMaterialId', 'KeyMaterialDescription'] as const) {
      if (!symmetric && input[member] !== undefined) throw errors.symmetricOnly(member);
    }
    const validTo = input.ValidTo;
    if (validTo && (validTo.getTime() <= ctx.now.getTime() || validTo.getTime() > ctx.now.getTime() + MAX_VALID_TO_MS)) {
      throw errors.validToOutOfRange();
    }
    const parameters = tokenOf(ctx, key, input.ImportToken!);
    const plain = unwrapKeyMaterial(parameters.wrappingKey, parameters.wrappingAlgorithm as WrappingAlgorithm, input.EncryptedKeyMaterial!);
    if (!plain) throw errors.unwrapFailed();
    const secret = materialFor(key, plain);
    const id = importedMaterialId(key.keyId, secret);
    const imported: KeyMaterial = {
      id,
      secret,
      imported: {
        present: true,
        expirationModel: input.ExpirationModel ?? 'KEY_MATERIAL_EXPIRES',
        ...(validTo && { validTo }),
        ...(input.KeyMaterialDescription !== undefined && { description: input.KeyMaterialDescription }),
      },
    };
    const placed = place(ctx.core.store, key, imported, input);
    // Every check has passed: from here on the import takes effect.
    placed.write();
    scheduleExpiry(ctx.core, ctx.region, key, placed.material);
    if (!awaitingImport(key)) transition(key, 'materialImported');
    return { KeyId: key.arn, KeyMaterialId: id };
  },
});

function tokenOf(ctx: OperationContext, key: KeyRecord, token: Uint8Array): ImportParameters {
  const hex = Buffer.from(token).toString('hex');
  const parameters = key.importParameters?.find((p) => p.token === hex);
  if (!parameters) throw errors.invalidToken();
  if (parameters.validTo.getTime() <= ctx.now.getTime()) throw errors.expiredToken();
  return parameters;
}

/** The material as the fake keeps it, once it fits the key spec; asymmetric keys take DER PKCS#8. */
function materialFor(key: KeyRecord, plain: Uint8Array): Uint8Array {
  const { family, importBytes } = specInfo(key.keySpec);
  // Symmetric and HMAC material is the raw secret.
  if (importBytes) {
    const [min, max] = importBytes;
    if (plain.length < min || plain.length > max) throw errors.incorrectMaterial();
    return plain;
  }
  if (family !== 'rsa' && family !== 'ecc' && family !== 'ed25519') throw errors.specNotImportable(key.keySpec);
  const pair = keyPairFromPkcs8(key.keySpec, plain);
  if (!pair) throw errors.incorrectMaterial();
  return pair.privateKeyDer;
}

/**
 * Where an import goes (API Reference: ImportKeyMaterial, ImportType): the first material; the
 * same material again for an existing version; or new material for a symmetric key, which waits
 * in PENDING_ROTATION for RotateKeyOnDemand. Checks only; `write` makes the change.
 */
function place(store: Store, key: KeyRecord, material: KeyMaterial, input: ImportKeyMaterialRequest): { material: KeyMaterial; write(): void } {
  const pending = key.rotation?.pendingMaterial;
  const versions = versionsOf(key);
  const type = input.ImportType ?? (key.materials.length === 0 ? 'NEW_KEY_MATERIAL' : 'EXISTING_KEY_MATERIAL');
  if (type === 'EXISTING_KEY_MATERIAL') {
    const target = input.KeyMaterialId === undefined ? key.materials[key.materials.length - 1] : versions.find((m) => m.id === input.KeyMaterialId);
    if (input.KeyMaterialId !== undefined && !target) throw errors.unknownMaterialId(input.KeyMaterialId);
    if (!target || target.id !== material.id) throw errors.incorrectMaterial();
    const description = material.imported?.description ?? target.imported?.description;
    const kept: KeyMaterial = {
      ...material,
      ...(target.rotated && { rotated: target.rotated }),
      imported: { ...material.imported!, ...(description !== undefined && { description }) },
    };
    return {
      material: kept,
      write() {
        if (target === pending) key.rotation!.pendingMaterial = kept;
        else key.materials[key.materials.indexOf(target)] = kept;
      },
    };
  }
  // KMS expected new material, but this one is already associated with the key.
  if (versions.some((m) => m.id === material.id)) throw errors.incorrectMaterial();
  // Every member of a multi-Region key holds the same material (developer guide: importing key
  // material into multi-Region keys): a version another member already has must be that one.
  // Material IDs derive from the shared key ID and the material, so equal IDs mean equal material.
  const others = membersOf(store, key).filter((m) => m !== key);
  const shared = others.map((m) => versionsOf(m)[versions.length]).find((m) => m !== undefined);
  if (shared && shared.id !== material.id) throw errors.incorrectMaterial();
  if (key.materials.length === 0) return { material, write: () => key.materials.push(material) };
  // Asymmetric and HMAC keys cannot change their material after the first import.
  if (!isSymmetricSpec(key.keySpec)) throw errors.incorrectMaterial();
  if (pending) throw errors.onePending(key.arn, pending.id);
  return {
    material,
    write() {
      key.rotation = { onDemandRotations: 0, ...key.rotation, pendingMaterial: material };
    },
  };
}

const DeleteImportedKeyMaterial = operation<DeleteImportedKeyMaterialRequest>({
  input: { KeyId: keyIdParam(), KeyMaterialId: { type: 'string', min: 1, max: 64 } },
  key: { param: 'KeyId', forms: KEY_ID_OR_ARN },
  run(_ctx, input, key) {
    const named = input.KeyMaterialId;
    const target = named === undefined ? key.materials[key.materials.length - 1] : versionOf(key, named);
    if (named !== undefined && !target) throw errors.unknownMaterialId(named);
    // Nothing imported yet, or already gone: success with no effect (developer guide: Key states).
    if (!target || isMissing(target)) return { KeyId: key.arn, ...(target && { KeyMaterialId: target.id }) };
    loseMaterial(key, target.id);
    return { KeyId: key.arn, KeyMaterialId: target.id };
  },
});

export const importedMaterialOperations: OperationGroup = { GetParametersForImport, ImportKeyMaterial, DeleteImportedKeyMaterial };
