import {
  CreateAliasCommand,
  DeleteAliasCommand,
  EncryptCommand,
  GenerateMacCommand,
  ReplicateKeyCommand,
  RetireGrantCommand,
  RevokeGrantCommand,
  SignCommand,
  UpdateAliasCommand,
  UpdatePrimaryRegionCommand,
} from '@aws-sdk/client-kms';
import { REGIONS, type MKey } from './keyModel';
import { stateRefusal } from './keyStateTable';
import { attempt, byState, notFound, unsupported, type Run } from './run';
import type { Step } from './steps';

/** Steps about more than one thing: grants, aliases, multi-Region keys, and a key's cryptographic use. */

const ALIASES = ['alias/model-a', 'alias/model-b', 'alias/model-c'];

export async function deleteAlias(run: Run, step: Extract<Step, { op: 'DeleteAlias' }>): Promise<string> {
  const region = REGIONS[step.region]!;
  const name = ALIASES[step.alias % ALIASES.length]!;
  const aliases = run.model.aliases.get(region)!;
  const label = `DeleteAlias ${name} in ${region}`;
  const send = () => run.clients[region].send(new DeleteAliasCommand({ AliasName: name }));
  if (await attempt(label, send, aliases.has(name) ? undefined : notFound)) aliases.delete(name);
  return label;
}

export async function endGrant(run: Run, op: 'RetireGrant' | 'RevokeGrant', i: number): Promise<string> {
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

export async function useKey(run: Run, key: MKey, label: string): Promise<string> {
  const client = run.clients[key.region];
  const KeyId = key.arn;
  const Message = Buffer.from('model');
  if (key.kind === 'SYMMETRIC') await attempt(`Encrypt: ${label}`, () => client.send(new EncryptCommand({ KeyId, Plaintext: Message })), byState('Encrypt', key));
  if (key.kind === 'HMAC') await attempt(`GenerateMac: ${label}`, () => client.send(new GenerateMacCommand({ KeyId, Message, MacAlgorithm: 'HMAC_SHA_256' })), byState('GenerateMac', key));
  if (key.kind === 'ECC') await attempt(`Sign: ${label}`, () => client.send(new SignCommand({ KeyId, Message, SigningAlgorithm: 'ECDSA_SHA_256' })), byState('Sign', key));
  return `use ${label}`;
}

export async function alias(run: Run, step: Extract<Step, { op: 'CreateAlias' | 'UpdateAlias' }>, key: MKey, label: string): Promise<string> {
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

export async function multiRegion(run: Run, step: Extract<Step, { op: 'ReplicateKey' | 'UpdatePrimaryRegion' }>, key: MKey, label: string): Promise<string> {
  const { model } = run;
  const region = REGIONS[step.region]!;
  const client = run.clients[key.region];
  const full = `${label} to ${region}`;
  const notPrimary = key.deleted || model.isPrimary(key) ? undefined : unsupported;
  if (step.op === 'ReplicateKey') {
    const expected =
      byState(step.op, key) ??
      // Its own Region before its role: a replica replicated into its own Region is a ValidationException
      // (recorded: LocalStack test_replicate_replica_key_should_fail).
      (region === key.region ? { name: 'ValidationException' } : undefined) ??
      notPrimary ??
      (key.set!.members.has(region) ? { name: 'AlreadyExistsException' } : undefined);
    const made = await attempt(full, () => client.send(new ReplicateKeyCommand({ KeyId: key.arn, ReplicaRegion: region })), expected);
    if (!made) return full;
    const meta = made.ReplicaKeyMetadata!;
    const replica = model.replicate(key, region, { keyId: meta.KeyId!, arn: meta.Arn!, region, kind: key.kind, origin: key.origin });
    // Made again where a replica was deleted: the ARN is the same, the import parameters of the old key are not its own.
    run.importParameters.delete(replica.arn);
    expect({ call: full, KeyState: meta.KeyState }).toEqual({ call: full, KeyState: replica.state });
    return full;
  }
  // UpdatePrimaryRegion: the primary's state, its role, a replica in the Region, and that replica's state.
  const target = key.deleted || region === key.region ? undefined : key.set?.members.get(region);
  const expected = byState(step.op, key) ?? notPrimary ?? (target ? stateRefusal(step.op, target) : notFound);
  if (await attempt(full, () => client.send(new UpdatePrimaryRegionCommand({ KeyId: key.arn, PrimaryRegion: region })), expected)) model.updatePrimary(key, target!);
  return full;
}
