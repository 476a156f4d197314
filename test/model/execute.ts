import {
  CancelKeyDeletionCommand,
  ConnectCustomKeyStoreCommand,
  CreateGrantCommand,
  CreateKeyCommand,
  DeleteImportedKeyMaterialCommand,
  DisableKeyCommand,
  DisableKeyRotationCommand,
  DisconnectCustomKeyStoreCommand,
  EnableKeyCommand,
  EnableKeyRotationCommand,
  GetKeyRotationStatusCommand,
  GetParametersForImportCommand,
  ImportKeyMaterialCommand,
  ListKeyRotationsCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
  UpdateKeyDescriptionCommand,
  type CreateKeyCommandInput,
} from '@aws-sdk/client-kms';
import { createHash } from 'node:crypto';
import { DAY_MS } from '../support/client';
import { wrap } from '../support/importMaterial';
import { alias, deleteAlias, endGrant, multiRegion, useKey } from './crossKey';
import { HOME, REGIONS, type MKey } from './keyModel';
import { attempt, byState, keyAt, unsupported, type Run } from './run';
import type { Step } from './steps';

/** How each step runs on the fake and on the model. */

const GRANTEE = 'arn:aws:iam::111122223333:role/model-grantee';
const WRAPPING = 'RSAES_OAEP_SHA_256';
/** Version `n` of a key's imported material: every member of a multi-Region key must get the same. */
const materialOf = (keyId: string, n: number) => createHash('sha256').update(`${keyId}/${n}`).digest();
const SPECS = {
  SYMMETRIC: { KeySpec: 'SYMMETRIC_DEFAULT' },
  HMAC: { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' },
  ECC: { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' },
} as const satisfies Record<MKey['kind'], Partial<CreateKeyCommandInput>>;

/** Runs one step on the fake and the model; returns a line for the run's log. */
export async function execute(run: Run, step: Step): Promise<string> {
  const { model, kms } = run;
  switch (step.op) {
    case 'AdvanceTime':
      kms.advanceTime(step.ms);
      model.advance(step.ms);
      return `advanceTime(${step.ms})`;
    case 'Settle':
      kms.settle();
      model.settle();
      return 'settle()';
    case 'ConnectCustomKeyStore': {
      const input = { CustomKeyStoreId: run.storeIds[step.store] };
      await attempt(`${step.op} ${step.store}`, () => run.clients[HOME].send(new ConnectCustomKeyStoreCommand(input)), undefined);
      model.connect(step.store);
      return `${step.op} ${step.store}`;
    }
    case 'DisconnectCustomKeyStore': {
      const input = { CustomKeyStoreId: run.storeIds[step.store] };
      const expected = model.stores[step.store] === 'DISCONNECTED' ? { name: 'CustomKeyStoreInvalidStateException' } : undefined;
      if (await attempt(`${step.op} ${step.store}`, () => run.clients[HOME].send(new DisconnectCustomKeyStoreCommand(input)), expected)) model.disconnect(step.store);
      return `${step.op} ${step.store}`;
    }
    case 'CreateKey':
      return createKey(run, step);
    case 'DeleteAlias':
      return deleteAlias(run, step);
    case 'RetireGrant':
    case 'RevokeGrant':
      return endGrant(run, step.op, step.grant);
    default:
      break;
  }
  const key = keyAt(run, step.key);
  if (!key) return `${step.op}: no key yet`;
  return keyStep(run, step, key);
}

async function createKey(run: Run, step: Extract<Step, { op: 'CreateKey' }>): Promise<string> {
  const { model } = run;
  const region = REGIONS[step.region]!;
  const store = step.origin === 'AWS_CLOUDHSM' || step.origin === 'EXTERNAL_KEY_STORE' ? step.origin : undefined;
  const input: CreateKeyCommandInput = {
    ...SPECS[step.kind],
    Origin: step.origin,
    MultiRegion: step.multiRegion,
    ...(store && { CustomKeyStoreId: run.storeIds[store] }),
    // A key in an external key store names its own key in the external key manager.
    ...(store === 'EXTERNAL_KEY_STORE' && { XksKeyId: `model-xks-key-${model.keys.length}` }),
  };
  const label = `CreateKey ${step.kind} ${step.origin}${step.multiRegion ? ' multi-Region' : ''} in ${region}`;
  const expected = store && model.stores[store] !== 'CONNECTED' ? { name: 'CustomKeyStoreInvalidStateException' } : undefined;
  const created = await attempt(label, () => run.clients[region].send(new CreateKeyCommand(input)), expected);
  if (!created) return label;
  const meta = created.KeyMetadata!;
  const rotation = { automatic: false, onDemand: 0 };
  const key: MKey = {
    keyId: meta.KeyId!,
    arn: meta.Arn!,
    region,
    kind: step.kind,
    origin: step.origin,
    state: step.origin === 'EXTERNAL' ? 'PendingImport' : 'Enabled',
    deleted: false,
    versions: [],
    rotation,
  };
  if (step.multiRegion) key.set = { primaryRegion: region, members: new Map([[region, key]]), rotation };
  model.addKey(key);
  expect({ call: label, KeyState: meta.KeyState }).toEqual({ call: label, KeyState: key.state });
  return `${label}: ${key.keyId}`;
}

type KeyStep = Exclude<Step, { op: 'CreateKey' | 'AdvanceTime' | 'Settle' | 'ConnectCustomKeyStore' | 'DisconnectCustomKeyStore' | 'DeleteAlias' | 'RetireGrant' | 'RevokeGrant' }>;

async function keyStep(run: Run, step: KeyStep, key: MKey): Promise<string> {
  const { model } = run;
  const client = run.clients[key.region];
  const KeyId = key.arn;
  const label = `${step.op} ${key.keyId} (${key.region}, ${key.deleted ? 'deleted' : key.state})`;
  switch (step.op) {
    case 'EnableKey':
    case 'DisableKey': {
      const enable = step.op === 'EnableKey';
      const ok = await attempt(label, () => client.send(enable ? new EnableKeyCommand({ KeyId }) : new DisableKeyCommand({ KeyId })), byState(step.op, key));
      if (!ok) return label;
      // Footnote 12: on an Unavailable key the call succeeds and applies once the store connects.
      if (key.state === 'Unavailable') key.enabledWhenAvailable = enable;
      else key.state = enable ? 'Enabled' : 'Disabled';
      return label;
    }
    case 'ScheduleKeyDeletion': {
      const days = step.days;
      const ok = await attempt(`${label} ${days}d`, () => client.send(new ScheduleKeyDeletionCommand({ KeyId, PendingWindowInDays: days })), byState(step.op, key));
      if (!ok) return `${label} ${days}d`;
      model.scheduleDeletion(key, days);
      expect({ call: label, KeyState: ok.KeyState, DeletionDate: ok.DeletionDate?.getTime() }).toEqual({ call: label, KeyState: key.state, DeletionDate: key.deletionDate });
      return `${label} ${days}d`;
    }
    case 'CancelKeyDeletion':
      if (await attempt(label, () => client.send(new CancelKeyDeletionCommand({ KeyId })), byState(step.op, key))) model.cancelDeletion(key);
      return label;
    case 'Use':
      return useKey(run, key, label);
    case 'EnableKeyRotation':
    case 'DisableKeyRotation': {
      const enable = step.op === 'EnableKeyRotation';
      const expected = byState(step.op, key) ?? (key.kind !== 'SYMMETRIC' || model.isReplica(key) ? unsupported : undefined);
      const send = () => client.send(enable ? new EnableKeyRotationCommand({ KeyId }) : new DisableKeyRotationCommand({ KeyId }));
      if (await attempt(label, send, expected)) model.rotationOf(key).automatic = enable;
      return label;
    }
    case 'GetKeyRotationStatus': {
      const status = await attempt(label, () => client.send(new GetKeyRotationStatusCommand({ KeyId })), byState(step.op, key));
      // Only symmetric keys rotate; a key pending deletion reports false (API Reference: GetKeyRotationStatus).
      const enabled = key.kind === 'SYMMETRIC' && model.rotationOf(key).automatic && !model.isPendingDeletion(key);
      if (status) expect({ call: label, KeyRotationEnabled: status.KeyRotationEnabled }).toEqual({ call: label, KeyRotationEnabled: enabled });
      return label;
    }
    case 'RotateKeyOnDemand': {
      const rotation = model.rotationOf(key);
      const expected =
        byState(step.op, key) ??
        (key.kind !== 'SYMMETRIC' || model.isReplica(key) ? unsupported : undefined) ??
        (rotation.onDemand >= 25 ? { name: 'LimitExceededException' } : undefined) ??
        // Imported keys rotate to new material imported beforehand, waiting in PENDING_ROTATION (API Reference: RotateKeyOnDemand).
        (key.origin === 'EXTERNAL' && key.pending === undefined ? unsupported : undefined);
      if (!(await attempt(label, () => client.send(new RotateKeyOnDemandCommand({ KeyId })), expected))) return label;
      rotation.onDemand += 1;
      if (key.origin === 'EXTERNAL') model.rotatedToPending(key);
      return label;
    }
    case 'Import':
      return importKeyMaterial(run, step, key, label);
    case 'DeleteImportedKeyMaterial':
      if (await attempt(label, () => client.send(new DeleteImportedKeyMaterialCommand({ KeyId })), byState(step.op, key))) model.deleteCurrentMaterial(key);
      return label;
    case 'CreateGrant': {
      const made = await attempt(label, () => client.send(new CreateGrantCommand({ KeyId, GranteePrincipal: GRANTEE, Operations: ['DescribeKey'] })), byState(step.op, key));
      if (made) model.addGrant(made.GrantId!, key);
      return label;
    }
    case 'TagResource':
      await attempt(label, () => client.send(new TagResourceCommand({ KeyId, Tags: [{ TagKey: 'model', TagValue: 'tag' }] })), byState(step.op, key));
      return label;
    case 'UpdateKeyDescription':
      await attempt(label, () => client.send(new UpdateKeyDescriptionCommand({ KeyId, Description: 'model' })), byState(step.op, key));
      return label;
    case 'ListKeyRotations': {
      // Rotations are listed for symmetric encryption keys only (API Reference: ListKeyRotations).
      const expected = byState(step.op, key) ?? (key.kind !== 'SYMMETRIC' ? unsupported : undefined);
      await attempt(label, () => client.send(new ListKeyRotationsCommand({ KeyId })), expected);
      return label;
    }
    case 'CreateAlias':
    case 'UpdateAlias':
      return alias(run, step, key, label);
    case 'ReplicateKey':
    case 'UpdatePrimaryRegion':
      return multiRegion(run, step, key, label);
  }
}


/**
 * Imports material: with the parameters the run got for the key within the last 24 hours of
 * fake time (ImportKeyMaterial alone), else GetParametersForImport first, whose refusal then is
 * the answer. The current version again, or (`newMaterial`) the next version for rotation.
 */
async function importKeyMaterial(run: Run, step: Extract<Step, { op: 'Import' }>, key: MKey, label: string): Promise<string> {
  const { model } = run;
  const client = run.clients[key.region];
  const rotating = step.newMaterial && key.versions.length > 0;
  const validTo = step.validDays === undefined || step.newMaterial ? undefined : model.now + step.validDays * DAY_MS;
  const full = `${label}${rotating ? ' new material' : ''}${validTo === undefined ? '' : ` valid ${step.validDays}d`}`;
  let parameters = run.importParameters.get(key.arn);
  if (parameters === undefined || parameters.at + DAY_MS <= model.now) {
    const input = { KeyId: key.arn, WrappingAlgorithm: WRAPPING, WrappingKeySpec: 'RSA_2048' } as const;
    const got = await attempt(`GetParametersForImport: ${full}`, () => client.send(new GetParametersForImportCommand(input)), byState('GetParametersForImport', key));
    if (!got) return full;
    parameters = { token: got.ImportToken!, publicKey: got.PublicKey!, at: model.now };
    run.importParameters.set(key.arn, parameters);
  }
  const version = rotating ? key.versions.length : Math.max(key.versions.length - 1, 0);
  const input = {
    KeyId: key.arn,
    ImportToken: parameters.token,
    EncryptedKeyMaterial: wrap(parameters.publicKey, WRAPPING, materialOf(key.keyId, version)),
    ...(validTo === undefined ? { ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' as const } : { ValidTo: new Date(validTo) }),
    ...(rotating && { ImportType: 'NEW_KEY_MATERIAL' as const }),
  };
  // The next version's material is the one already waiting in PENDING_ROTATION, if any: not new to the key.
  const expected = byState('ImportKeyMaterial', key) ?? (rotating && key.pending !== undefined ? { name: 'IncorrectKeyMaterialException' } : undefined);
  if (!(await attempt(full, () => client.send(new ImportKeyMaterialCommand(input)), expected))) return full;
  if (rotating) model.importedPending(key);
  else model.imported(key, validTo);
  return full;
}
