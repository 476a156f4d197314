import type * as Sdk from '@aws-sdk/client-kms';
import type { KeyLastUsageTrackingOperation } from '../newerSdkTypes';
import { accessDenied, dryRun, KmsError } from '../../errors';
import type { Core } from '../core';
import { assertKeyState } from '../keyStates';
import { syncFromPrimary } from '../replicas';
import { CROSS_ACCOUNT, IDENTITY_ONLY, keyActionOf } from '../access/actions';
import { authorize, type AccessQuery } from '../access/authorize';
import type { Caller } from '../access/principals';
import { arnScopeOf, resolveKey, type KeyIdForm } from '../resolveKey';
import type { InputShape } from '../shapes';
import { scopeOf, type KeyRecord, type RegionState, type Scope } from '../store';

/** What an operation's `run` may use. Everything time- or chance-dependent comes from here. */
export interface OperationContext {
  readonly core: Core;
  readonly scope: Scope;
  readonly region: RegionState;
  readonly now: Date;
  readonly requestId: string;
  readonly operation: string;
  /** Who calls, and what: for the authorizer (access/authorize.ts). */
  readonly access: AccessQuery;
  /**
   * Resolves a key, authorizes `action` on it (by default the operation's; `false` when the
   * operation authorizes in its own way) and asserts its state: lookup, authorization, then state.
   */
  requireKey(value: string, forms: readonly KeyIdForm[], action?: string | false): KeyRecord;
  /** The keys, aliases and grants of a key's own account and region (another account's, for a cross-account key ARN). */
  regionOf(key: KeyRecord): RegionState;
  /** Raises `DryRunOperationException` when `DryRun` is set; called once all checks have passed. */
  dryRunGate(input: { DryRun?: boolean | undefined }): void;
  /** Records a successful cryptographic use, as GetKeyLastUsage reports it. */
  recordUsage(key: KeyRecord, operation: KeyLastUsageTrackingOperation): void;
}

/** The key parameter an operation declares; `dispatch` resolves it and asserts its state before `run`. */
export interface KeyParam {
  readonly param: string;
  readonly forms: readonly KeyIdForm[];
}

/**
 * One KMS operation: its input shape (data for the validation engine), its key, and `run`.
 * `run` is synchronous and writes only after every check has passed.
 */
interface OperationBase<I> {
  readonly input: InputShape;
  /** Parameter rules the shape cannot express; run after the shape and before the key lookup. */
  check?(input: I): void;
}

export type Operation<I = Record<string, unknown>> =
  | (OperationBase<I> & { readonly key: KeyParam; run(ctx: OperationContext, input: I, key: KeyRecord): object })
  | (OperationBase<I> & { readonly key?: undefined; run(ctx: OperationContext, input: I): object });

/** Every operation the SDK models, by its wire name (`TrentService.<name>`). */
export type OperationName = {
  [K in keyof typeof Sdk]: K extends `${infer Name}Command` ? (Name extends '$' ? never : Name) : never;
}[keyof typeof Sdk];

/** One module's operations, keyed by their exact KMS name (a misspelt name fails to compile). */
export type OperationGroup = Partial<Record<OperationName, Operation>>;

/** Types an operation against its SDK request shape and erases that type for the registry. */
export function operation<I>(op: Operation<I>): Operation {
  return op as unknown as Operation;
}

/**
 * Another account's ARN that names no key answers, under enforcement, the cross-account denial, whose
 * text says the resource may not exist (AWS does not tell another account which); a key of one's own
 * account that does not exist is NotFoundException.
 */
function resolveCrossAccount(access: AccessQuery, value: string, resolve: () => KeyRecord, action: string | false | undefined): KeyRecord {
  try {
    return resolve();
  } catch (error) {
    const named = arnScopeOf(value);
    const otherAccount = named !== undefined && named.accountId !== access.caller.accountId && CROSS_ACCOUNT.has(access.operation);
    if (!access.core.access.enforce || !otherAccount || !(error instanceof KmsError) || error.code !== 'NotFoundException') throw error;
    throw accessDenied.crossAccount(access.caller.arn, action || keyActionOf(access.operation));
  }
}

export function createContext(
  core: Core,
  scope: Scope,
  operation: string,
  requestId: string,
  caller: Caller,
  input: Readonly<Record<string, unknown>>,
): OperationContext {
  const now = core.clock.now();
  const access: AccessQuery = { core, caller, operation, input, region: scope.region };
  return {
    access,
    core,
    scope,
    region: core.store.region(scope),
    now,
    requestId,
    operation,
    requireKey(value, forms, action) {
      const key = resolveCrossAccount(access, value, () => resolveKey(core.store, scope, value, forms, CROSS_ACCOUNT.has(operation)), action);
      core.observeKey?.(key);
      // AWS authorizes before it looks at the key's state (a denied caller learns nothing of it).
      if (action !== false && !IDENTITY_ONLY.has(operation)) authorize(access, action ?? keyActionOf(operation), key);
      // A replica reads its shared properties (material, rotation) from its primary.
      syncFromPrimary(core.store, key);
      assertKeyState(operation, key);
      return key;
    },
    regionOf: (key) => core.store.region(scopeOf(key.accountId, key.region)),
    dryRunGate(input) {
      if (input.DryRun === true) throw dryRun();
    },
    recordUsage(key, op) {
      key.lastUsage = {
        operation: op,
        timestamp: now,
        requestId,
      };
    },
  };
}
