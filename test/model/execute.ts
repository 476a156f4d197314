import {
  CancelKeyDeletionCommand,
  ConnectCustomKeyStoreCommand,
  CreateAliasCommand,
  CreateGrantCommand,
  CreateKeyCommand,
  DeleteAliasCommand,
  DeleteImportedKeyMaterialCommand,
  DisableKeyCommand,
  DisableKeyRotationCommand,
  DisconnectCustomKeyStoreCommand,
  EnableKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GenerateMacCommand,
  GetKeyRotationStatusCommand,
  KMSServiceException,
  ReplicateKeyCommand,
  RetireGrantCommand,
  RevokeGrantCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  SignCommand,
  UpdateAliasCommand,
  UpdatePrimaryRegionCommand,
  type CreateKeyCommandInput,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { createHash } from 'node:crypto';
import type { KmsFake } from 'kms-fake';
import { DAY_MS } from '../support/client';
import { importMaterial } from '../support/importMaterial';
import { REGIONS, type KeyModel, type MKey, type Region } from './keyModel';
import { stateRefusal, type Refusal } from './keyStateTable';
import type { Step } from './steps';

/** One run: the fake, a client per Region, the model, and the CloudHSM key store both know. */
export interface Run {
  kms: KmsFake;
  clients: Record<Region, KMSClient>;
  model: KeyModel;
  storeId: string;
}

const ALIASES = ['alias/model-a', 'alias/model-b', 'alias/model-c'];
const GRANTEE = 'arn:aws:iam::111122223333:role/model-grantee';
/** Every member of a multi-Region key with imported material must get the same material. */
const materialOf = (keyId: string) => createHash('sha256').update(keyId).digest();
const SPECS = {
  SYMMETRIC: { KeySpec: 'SYMMETRIC_DEFAULT' },
  HMAC: { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' },
  ECC: { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' },
} as const satisfies Record<MKey['kind'], Partial<CreateKeyCommandInput>>;

const unsupported: Refusal = { name: 'UnsupportedOperationException' };
const notFound: Refusal = { name: 'NotFoundException' };

/** The key a step names, among every key made so far (deleted ones too). */
const keyAt = (run: Run, i: number): MKey | undefined => run.model.keys[i % Math.max(run.model.keys.length, 1)];

/** The table's verdict on a key by its state, and not found for a deleted key. */
function byState(operation: string, key: MKey): Refusal | undefined {
  return key.deleted ? notFound : stateRefusal(operation, key);
}

/**
 * Sends the call and checks that it succeeds exactly when the model expects, failing with the
 * exception (and, where the table names it, the message) the model expects.
 */
async function attempt<T>(label: string, call: () => Promise<T>, expected: Refusal | undefined): Promise<T | undefined> {
  let answer: T;
  try {
    answer = await call();
  } catch (error) {
    if (!(error instanceof KMSServiceException)) throw error;
    const actual = { call: label, outcome: error.name, ...(expected?.message !== undefined && { message: error.message }) };
    if (expected === undefined) throw new Error(`${label}: the model expects success, the fake answered ${error.name}: ${error.message}`);
    expect(actual).toEqual({ call: label, outcome: expected.name, ...(expected.message !== undefined && { message: expected.message }) });
    return undefined;
  }
  if (expected !== undefined) throw new Error(`${label}: the model expects ${expected.name}${expected.message ? ` (${expected.message})` : ''}, the fake succeeded`);
  return answer;
}

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
      const client = run.clients[REGIONS[0]];
      await attempt(step.op, () => client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: run.storeId })), undefined);
      model.connect();
      return step.op;
    }
    case 'DisconnectCustomKeyStore': {
      const client = run.clients[REGIONS[0]];
      const expected = model.store === 'DISCONNECTED' ? { name: 'CustomKeyStoreInvalidStateException' } : undefined;
      const ok = await attempt(step.op, () => client.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: run.storeId })), expected);
      if (ok) model.disconnect();
      return step.op;
    }
    case 'CreateKey':
      return createKey(run, step);
    case 'DeleteAlias': {
      const region = REGIONS[step.region]!;
      const name = ALIASES[step.alias % ALIASES.length]!;
      const aliases = model.aliases.get(region)!;
      const ok = await attempt(`DeleteAlias ${name} in ${region}`, () => run.clients[region].send(new DeleteAliasCommand({ AliasName: name })), aliases.has(name) ? undefined : notFound);
      if (ok) aliases.delete(name);
      return `DeleteAlias ${name} in ${region}`;
    }
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
  const inStore = step.origin === 'AWS_CLOUDHSM';
  const input: CreateKeyCommandInput = {
    ...SPECS[step.kind],
    Origin: step.origin,
    MultiRegion: step.multiRegion,
    ...(inStore && { CustomKeyStoreId: run.storeId }),
  };
  const label = `CreateKey ${step.kind} ${step.origin}${step.multiRegion ? ' multi-Region' : ''} in ${region}`;
  const expected = inStore && model.store !== 'CONNECTED' ? { name: 'CustomKeyStoreInvalidStateException' } : undefined;
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
    materialPresent: step.origin !== 'EXTERNAL',
    rotation,
  };
  if (step.multiRegion) key.set = { primaryRegion: region, members: new Map([[region, key]]), rotation };
  model.addKey(key);
  expect({ call: label, KeyState: meta.KeyState }).toEqual({ call: label, KeyState: key.state });
  return `${label}: ${key.keyId}`;
}

async function endGrant(run: Run, op: 'RetireGrant' | 'RevokeGrant', i: number): Promise<string> {
  const { model } = run;
  if (model.grantIds.length === 0) return `${op}: no grant yet`;
  const grantId = model.grantIds[i % model.grantIds.length]!;
  const key = model.grantKey.get(grantId)!;
  const input = { KeyId: key.arn, GrantId: grantId };
  const client = run.clients[key.region];
  const send = () => (op === 'RetireGrant' ? client.send(new RetireGrantCommand(input)) : client.send(new RevokeGrantCommand(input)));
  const label = `${op} ${grantId.slice(0, 8)} on ${key.keyId} (${key.region})`;
  const ok = await attempt(label, send, byState(op, key) ?? (model.grants.has(grantId) ? undefined : notFound));
  if (ok) model.grants.delete(grantId);
  return label;
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
        // Imported keys rotate only to material imported beforehand for it, which the model never imports.
        (key.origin === 'EXTERNAL' ? unsupported : undefined);
      if (await attempt(label, () => client.send(new RotateKeyOnDemandCommand({ KeyId })), expected)) rotation.onDemand += 1;
      return label;
    }
    case 'Import': {
      // GetParametersForImport, then ImportKeyMaterial: the first refusal is the answer.
      const expected = byState('GetParametersForImport', key) ?? byState('ImportKeyMaterial', key);
      const validTo = step.validDays === undefined ? undefined : model.now + step.validDays * DAY_MS;
      const options = validTo === undefined ? {} : { ValidTo: new Date(validTo) };
      const full = `${label}${validTo === undefined ? '' : ` valid ${step.validDays}d`}`;
      if (await attempt(full, () => importMaterial(client, KeyId, materialOf(key.keyId), options), expected)) model.imported(key, validTo);
      return full;
    }
    case 'DeleteImportedKeyMaterial':
      if (await attempt(label, () => client.send(new DeleteImportedKeyMaterialCommand({ KeyId })), byState(step.op, key))) model.loseMaterial(key);
      return label;
    case 'CreateGrant': {
      const made = await attempt(label, () => client.send(new CreateGrantCommand({ KeyId, GranteePrincipal: GRANTEE, Operations: ['DescribeKey'] })), byState(step.op, key));
      if (made) model.addGrant(made.GrantId!, key);
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

async function useKey(run: Run, key: MKey, label: string): Promise<string> {
  const client = run.clients[key.region];
  const KeyId = key.arn;
  const Message = Buffer.from('model');
  if (key.kind === 'SYMMETRIC') await attempt(`Encrypt: ${label}`, () => client.send(new EncryptCommand({ KeyId, Plaintext: Message })), byState('Encrypt', key));
  if (key.kind === 'HMAC') await attempt(`GenerateMac: ${label}`, () => client.send(new GenerateMacCommand({ KeyId, Message, MacAlgorithm: 'HMAC_SHA_256' })), byState('GenerateMac', key));
  if (key.kind === 'ECC') await attempt(`Sign: ${label}`, () => client.send(new SignCommand({ KeyId, Message, SigningAlgorithm: 'ECDSA_SHA_256' })), byState('Sign', key));
  return `use ${label}`;
}

async function alias(run: Run, step: Extract<Step, { op: 'CreateAlias' | 'UpdateAlias' }>, key: MKey, label: string): Promise<string> {
  const name = ALIASES[step.alias % ALIASES.length]!;
  const aliases = run.model.aliases.get(key.region)!;
  const current = aliases.get(name);
  const Command = step.op === 'CreateAlias' ? CreateAliasCommand : UpdateAliasCommand;
  const expected =
    byState(step.op, key) ??
    (step.op === 'CreateAlias'
      ? current && { name: 'AlreadyExistsException' }
      : current === undefined
        ? notFound
        : // UpdateAlias keeps the kind of key: symmetric, HMAC or asymmetric, and its usage.
          current.kind !== key.kind
          ? { name: 'ValidationException' }
          : undefined);
  const full = `${label} as ${name}`;
  if (await attempt(full, () => run.clients[key.region].send(new Command({ AliasName: name, TargetKeyId: key.arn })), expected)) aliases.set(name, key);
  return full;
}

async function multiRegion(run: Run, step: Extract<Step, { op: 'ReplicateKey' | 'UpdatePrimaryRegion' }>, key: MKey, label: string): Promise<string> {
  const { model } = run;
  const region = REGIONS[step.region]!;
  const client = run.clients[key.region];
  const full = `${label} to ${region}`;
  const notPrimary = key.deleted || model.isPrimary(key) ? undefined : unsupported;
  if (step.op === 'ReplicateKey') {
    const expected =
      byState(step.op, key) ??
      notPrimary ??
      (region === key.region ? { name: 'ValidationException' } : undefined) ??
      (key.set!.members.has(region) ? { name: 'AlreadyExistsException' } : undefined);
    const made = await attempt(full, () => client.send(new ReplicateKeyCommand({ KeyId: key.arn, ReplicaRegion: region })), expected);
    if (!made) return full;
    const meta = made.ReplicaKeyMetadata!;
    const replica = model.replicate(key, region, { keyId: meta.KeyId!, arn: meta.Arn!, region, kind: key.kind, origin: key.origin });
    expect({ call: full, KeyState: meta.KeyState }).toEqual({ call: full, KeyState: replica.state });
    return full;
  }
  // UpdatePrimaryRegion: the primary's state, its role, a replica in the Region, and that replica's state.
  const target = key.deleted || region === key.region ? undefined : key.set?.members.get(region);
  const expected = byState(step.op, key) ?? notPrimary ?? (target ? stateRefusal(step.op, target) : notFound);
  if (await attempt(full, () => client.send(new UpdatePrimaryRegionCommand({ KeyId: key.arn, PrimaryRegion: region })), expected)) model.updatePrimary(key, target!);
  return full;
}
