import { KMSServiceException, type KMSClient } from '@aws-sdk/client-kms';
import type { KmsFake } from 'kms-fake';
import type { KeyModel, MKey, Region, StoreType } from './keyModel';
import { stateRefusal, type Refusal } from './keyStateTable';

/** What every step of a model run uses: the run itself, and how a call's outcome is checked. */

/** Import parameters a run got for a key, reused for 24 hours of fake time (GetParametersForImport is slow). */
export interface ImportParameters {
  token: Uint8Array;
  publicKey: Uint8Array;
  at: number;
}

/** One run: the fake, a client per Region, the model, and the custom key stores (one of each type) both know. */
export interface Run {
  kms: KmsFake;
  clients: Record<Region, KMSClient>;
  model: KeyModel;
  storeIds: Record<StoreType, string>;
  importParameters: Map<string, ImportParameters>;
}

export const unsupported: Refusal = { name: 'UnsupportedOperationException' };
export const notFound: Refusal = { name: 'NotFoundException' };

/** The key a step names, among every key made so far (deleted ones too). */
export const keyAt = (run: Run, i: number): MKey | undefined => run.model.keys[i % Math.max(run.model.keys.length, 1)];

/** The table's verdict on a key by its state, and not found for a deleted key. */
export function byState(operation: string, key: MKey): Refusal | undefined {
  return key.deleted ? notFound : stateRefusal(operation, key);
}

/**
 * Sends the call and checks that it succeeds exactly when the model expects, failing with the
 * exception (and, where the table names it, the message) the model expects.
 */
export async function attempt<T>(label: string, call: () => Promise<T>, expected: Refusal | undefined): Promise<T | undefined> {
  let answer: T;
  try {
    answer = await call();
  } catch (error) {
    if (!(error instanceof KMSServiceException)) throw error;
    if (expected === undefined) throw new Error(`${label}: the model expects success, the fake answered ${error.name}: ${error.message}`);
    const withMessage = expected.message !== undefined;
    expect({ call: label, outcome: error.name, ...(withMessage && { message: error.message }) }).toEqual({
      call: label,
      outcome: expected.name,
      ...(withMessage && { message: expected.message }),
    });
    return undefined;
  }
  if (expected !== undefined) throw new Error(`${label}: the model expects ${expected.name}${expected.message ? ` (${expected.message})` : ''}, the fake succeeded`);
  return answer;
}
