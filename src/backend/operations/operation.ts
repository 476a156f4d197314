import type * as Sdk from '@aws-sdk/client-kms';
import type { KeyLastUsageTrackingOperation } from '../newerSdkTypes';
import { dryRun } from '../../errors';
import type { Core } from '../core';
import { assertKeyState } from '../keyStates';
import { syncFromPrimary } from '../replicas';
import { resolveKey, type KeyIdForm } from '../resolveKey';
import type { InputShape } from '../shapes';
import type { KeyRecord, RegionState, Scope } from '../store';

/** What an operation's `run` may use. Everything time- or chance-dependent comes from here. */
export interface OperationContext {
  readonly core: Core;
  readonly scope: Scope;
  readonly region: RegionState;
  readonly now: Date;
  readonly requestId: string;
  readonly operation: string;
  /** Resolves a key and asserts its state for this operation (lookup, then state). */
  requireKey(value: string, forms: readonly KeyIdForm[]): KeyRecord;
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

export function createContext(core: Core, scope: Scope, operation: string, requestId: string): OperationContext {
  const now = core.clock.now();
  return {
    core,
    scope,
    region: core.store.region(scope),
    now,
    requestId,
    operation,
    requireKey(value, forms) {
      const key = resolveKey(core.store, scope, value, forms);
      // A replica reads its shared properties (material, rotation) from its primary.
      syncFromPrimary(core.store, key);
      assertKeyState(operation, key);
      return key;
    },
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
