import { IDENTITY_ONLY } from '../access/actions';
import { authorize } from '../access/authorize';
import type { Caller } from '../access/principals';
import type { Scope } from '../store';
import { aliasOperations } from './aliases';
import { asymmetricOperations } from './asymmetric';
import { dataCryptoOperations } from './dataCrypto';
import { dataKeyOperations } from './dataKeys';
import { grantOperations } from './grants';
import { importedMaterialOperations } from './importedMaterial';
import { keyLifecycleOperations } from './keyLifecycle';
import { keyStoreOperations } from './keyStores';
import { multiRegionOperations } from './multiRegion';
import type { Core } from '../core';
import { createContext, type Operation, type OperationGroup, type OperationName } from './operation';
import { policyOperations } from './policies';
import { assertGrantTokens } from './precedence';
import { rotationOperations } from './rotation';
import { tagOperations } from './tags';

/** The operations the fake implements, keyed by their exact KMS name: the routing table. */
const implemented: OperationGroup = {
  ...keyLifecycleOperations,
  ...multiRegionOperations,
  ...keyStoreOperations,
  ...dataCryptoOperations,
  ...dataKeyOperations,
  ...asymmetricOperations,
  ...aliasOperations,
  ...tagOperations,
  ...policyOperations,
  ...grantOperations,
  ...importedMaterialOperations,
  ...rotationOperations,
};

/** Every KMS operation, so an unknown target can be told from one the fake lacks. */
const known: Record<OperationName, true> = {
  CancelKeyDeletion: true,
  ConnectCustomKeyStore: true,
  CreateAlias: true,
  CreateCustomKeyStore: true,
  CreateGrant: true,
  CreateKey: true,
  Decapsulate: true,
  Decrypt: true,
  DeleteAlias: true,
  DeleteCustomKeyStore: true,
  DeleteImportedKeyMaterial: true,
  DeriveSharedSecret: true,
  DescribeCustomKeyStores: true,
  DescribeKey: true,
  DisableKey: true,
  DisableKeyRotation: true,
  DisconnectCustomKeyStore: true,
  EnableKey: true,
  EnableKeyRotation: true,
  Encapsulate: true,
  Encrypt: true,
  GenerateDataKey: true,
  GenerateDataKeyPair: true,
  GenerateDataKeyPairWithoutPlaintext: true,
  GenerateDataKeyWithoutPlaintext: true,
  GenerateMac: true,
  GenerateRandom: true,
  GetKeyLastUsage: true,
  GetKeyPolicy: true,
  GetKeyRotationStatus: true,
  GetParametersForImport: true,
  GetPublicKey: true,
  ImportKeyMaterial: true,
  ListAliases: true,
  ListGrants: true,
  ListKeyPolicies: true,
  ListKeyRotations: true,
  ListKeys: true,
  ListResourceTags: true,
  ListRetirableGrants: true,
  PutKeyPolicy: true,
  ReEncrypt: true,
  ReplicateKey: true,
  RetireGrant: true,
  RevokeGrant: true,
  RotateKeyOnDemand: true,
  ScheduleKeyDeletion: true,
  Sign: true,
  TagResource: true,
  UntagResource: true,
  UpdateAlias: true,
  UpdateCustomKeyStore: true,
  UpdateKeyDescription: true,
  UpdatePrimaryRegion: true,
  Verify: true,
  VerifyMac: true,
};

export const isKmsOperation = (name: string): boolean => Object.prototype.hasOwnProperty.call(known, name);

/**
 * The `kms:` action a name spells, in its canonical case (IAM matches actions without regard to
 * case): an operation, or ReEncrypt's two halves. `undefined` for anything else.
 */
export function kmsActionNamed(action: string): string | undefined {
  const name = action.replace(/^kms:/i, '').toLowerCase();
  const found = [...Object.keys(known), 'ReEncryptFrom', 'ReEncryptTo'].find((candidate) => candidate.toLowerCase() === name);
  return found && `kms:${found}`;
}

/** The operation of that name, or `undefined` when the fake does not implement it. */
export function operationNamed(name: string): Operation | undefined {
  return Object.prototype.hasOwnProperty.call(implemented, name) ? implemented[name as OperationName] : undefined;
}

export type { OperationName };
export const IMPLEMENTED_OPERATIONS = Object.keys(implemented).sort() as OperationName[];

/**
 * Runs one operation on decoded input (its `shape` step done), in the order of PRECEDENCE
 * (precedence.ts): parameter rules, grant tokens, key lookup and key state, then `run` (the key's
 * usage and spec, then the rest). Anything due on the fake clock happens first, so a key whose
 * deletion date has passed is already gone.
 */
export function dispatch(
  core: Core,
  scope: Scope,
  name: string,
  op: Operation,
  input: Record<string, unknown>,
  requestId: string,
  caller: Caller,
): object {
  const ctx = createContext(core, scope, name, requestId, caller, input);
  core.due.runDue(ctx.now);
  op.check?.(input);
  assertGrantTokens(name, input.GrantTokens as string[] | undefined);
  // Operations on no key are decided by identity policies alone (authorization, before any lookup).
  if (IDENTITY_ONLY.has(name)) authorize(ctx.access, `kms:${name}`);
  if (op.key) {
    const key = ctx.requireKey(input[op.key.param] as string, op.key.forms);
    return op.run(ctx, input, key);
  }
  return op.run(ctx, input);
}
