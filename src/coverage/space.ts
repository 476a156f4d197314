import { keyStateFailuresOf } from '../backend/keyStates';
import data from './data/operation-errors.json';
import type { KmsOutcomeSource } from './schema';

/** One outcome AWS can answer for an operation, before any call is matched to it. */
export interface SpaceOutcome {
  readonly id: string;
  readonly source: KmsOutcomeSource;
  readonly exception?: string;
  readonly keyState?: string;
}

/** The SDK's modelled exceptions per operation (generated from the installed SDK: scripts/generate-operation-errors.mjs). */
const modelled = data.operations as Record<string, readonly string[]>;

/**
 * Retryable service faults, answered for any operation: `ThrottlingException` is not in KMS's model
 * but is what KMS answers when a request rate quota is exceeded (and the SDK retries it as throttling);
 * `KMSInternalException` is modelled, and listed here rather than twice.
 */
export const FAULTS = ['ThrottlingException', 'KMSInternalException'] as const;

export const SUCCESS = 'Success';

/** Whether the SDK models `name` as an operation. */
export const isModelledOperation = (name: string): boolean => Object.prototype.hasOwnProperty.call(modelled, name);

/**
 * Every outcome AWS can answer for `operation`, in the report's order: success, each failing
 * cell of the key-state table (`<Exception>@<KeyState>`), each exception the SDK models for it,
 * then the retryable faults.
 */
export function outcomeSpace(operation: string): SpaceOutcome[] {
  const faults: readonly string[] = FAULTS;
  return [
    { id: SUCCESS, source: 'success' },
    ...keyStateFailuresOf(operation).map(({ state, exception }): SpaceOutcome => ({ id: `${exception}@${state}`, source: 'key-state', exception, keyState: state })),
    ...(modelled[operation] ?? []).filter((e) => !faults.includes(e)).map((exception): SpaceOutcome => ({ id: exception, source: 'modelled', exception })),
    ...faults.map((exception): SpaceOutcome => ({ id: exception, source: 'fault', exception })),
  ];
}

/**
 * The outcomes of the space one answer meets: success; or, for an exception, its key-state cell
 * (when the key's state is known and the table has that cell) and the exception as such (modelled
 * or fault). An exception outside the space (a custom error of an override) meets none.
 */
export function outcomesMet(space: readonly SpaceOutcome[], exception: string | undefined, keyState: string | undefined): SpaceOutcome[] {
  if (exception === undefined) return space.filter((o) => o.source === 'success');
  const cell = keyState === undefined ? undefined : `${exception}@${keyState}`;
  return space.filter((o) => o.id === cell || (o.source !== 'key-state' && o.exception === exception));
}
