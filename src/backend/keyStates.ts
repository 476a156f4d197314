import type { KeyState } from '@aws-sdk/client-kms';
import { internalError, kmsError, type KmsErrorName } from '../errors';
import table from './data/key-states.json';
import resolutions from './data/key-state-resolutions.json';
import type { KeyRecord } from './store';

/**
 * The key-state table, loaded from data: `data/key-states.json` is the reference transcription
 * of the AWS table (never edited), `data/key-state-resolutions.json` says what its open cells
 * resolve to. This is the only module that compares key states.
 */

const STATES = {
  Enabled: true,
  Disabled: true,
  PendingDeletion: true,
  PendingReplicaDeletion: true,
  PendingImport: true,
  Unavailable: true,
  Creating: true,
  Updating: true,
} as const satisfies Record<KeyState, true>;

type Outcome = 'ok' | 'fail' | 'conditional' | 'n/a';

interface Cell {
  outcome: Outcome;
  footnotes: number[];
  footnote_join?: 'or' | 'and';
  inferred_footnotes?: number[];
}

interface Footnote {
  kind: 'error' | 'info';
  exception: string | null;
  message: string | null;
}

/** Facts about a key that the conditional footnotes depend on. */
const predicates = {
  hasImportedMaterialOrCustomKeyStore: (key: KeyRecord) => key.origin !== 'AWS_KMS',
  hasImportedMaterial: (key: KeyRecord) => key.origin === 'EXTERNAL',
  cannotHaveImportedMaterial: (key: KeyRecord) => key.origin !== 'EXTERNAL',
  isInCustomKeyStore: (key: KeyRecord) => key.origin === 'AWS_CLOUDHSM' || key.origin === 'EXTERNAL_KEY_STORE',
  isAliasDestination: () => true,
} satisfies Record<string, (key: KeyRecord) => boolean>;

type PredicateName = keyof typeof predicates;

interface Condition {
  predicate: PredicateName;
  message?: string;
}

const footnotes = table.footnotes as Record<string, Footnote>;
const conditions = resolutions.conditions as Record<string, Condition>;
const stateMessages = resolutions.stateMessages as Record<string, Record<string, string>>;
const either = resolutions.either as Record<string, { choose: number }>;
const notApplicable = resolutions.notApplicable as Record<string, number | string>;
const siblingRows = resolutions.siblingRows as Record<string, string>;
const rows = table.operations as Record<string, Record<KeyState, Cell>>;
/** Footnote conditions that differ for one operation (footnote 7 is partly stale for the newer rotation APIs). */
const operationConditions = resolutions.operationConditions as Record<string, Record<string, Condition>>;
/** Cells the sources print with no footnote, filled in where the inferred footnote is stale. */
const filledCells = resolutions.filledCells as Record<string, Partial<Record<KeyState, Cell>>>;

/** Fails at load, naming the problem, if the data and the SDK's `KeyState` union disagree. */
function checkTable(): void {
  const known = Object.keys(STATES);
  if (table.states.join() !== known.join()) throw internalError(`key-states.json states ${table.states.join()} != ${known.join()}`);
  for (const [op, row] of Object.entries(rows)) {
    for (const state of known) if (!(state in row)) throw internalError(`key-states.json: ${op} lacks ${state}`);
  }
  const allConditions = [...Object.entries(conditions), ...Object.values(operationConditions).flatMap((c) => Object.entries(c))];
  for (const [n, c] of allConditions) {
    if (!(c.predicate in predicates)) throw internalError(`key-state-resolutions.json: footnote ${n} predicate ${c.predicate}`);
  }
}
checkTable();

/** The table row an operation is checked against (its own, or its sibling's for newer operations). */
export function rowOf(operation: string): string | undefined {
  if (operation in rows) return operation;
  return siblingRows[operation];
}

/**
 * Asserts that `key`'s state allows `operation`, raising the footnote's exception with AWS's
 * message otherwise. Runs after the key lookup and before any usage or spec check.
 */
export function assertKeyState(operation: string, key: KeyRecord): void {
  const row = rowOf(operation);
  if (!row) throw internalError(`no key-state row for ${operation}`);
  const cell = filledCells[row]?.[key.state] ?? rows[row]![key.state];
  const footnote = chooseFootnote(row, cell, key);
  if (footnote !== undefined) throw errorOf(row, footnote, key);
}

/** One failing cell of the key-state table: a key in `state` makes the operation fail with `exception`. */
export interface KeyStateFailure {
  readonly state: KeyState;
  readonly exception: string;
}

/**
 * Every exception the key-state table lets `operation` answer, per state, in the table's state
 * order: what {@link assertKeyState} can raise for some key in that state (a conditional cell
 * counts, as some key meets its condition). For the coverage report's outcome space.
 */
export function keyStateFailuresOf(operation: string): KeyStateFailure[] {
  const row = rowOf(operation);
  if (!row) return [];
  const found: KeyStateFailure[] = [];
  for (const state of Object.keys(STATES) as KeyState[]) {
    const cell = filledCells[row]?.[state] ?? rows[row]![state];
    for (const n of possibleFootnotes(row, cell, state)) {
      const exception = footnotes[String(n)]?.exception;
      if (exception && !found.some((f) => f.state === state && f.exception === exception)) found.push({ state, exception });
    }
  }
  return found;
}

/** The error footnotes {@link chooseFootnote} can pick for some key in `state`. */
function possibleFootnotes(row: string, cell: Cell, state: KeyState): number[] {
  if (cell.outcome === 'n/a') return [Number(notApplicable[state])];
  const cited = cell.footnotes.length > 0 ? cell.footnotes : (cell.inferred_footnotes ?? []);
  const errors = cited.filter((n) => footnotes[String(n)]?.kind === 'error');
  const conditional = errors.filter((n) => conditionOf(row, n) !== undefined);
  if (cell.outcome !== 'fail') return conditional;
  const plain = errors.filter((n) => conditionOf(row, n) === undefined);
  const chosen = plain.length > 1 ? [either[plain.join('|')]?.choose ?? plain[0]!] : plain;
  return [...conditional, ...(chosen.length > 0 || conditional.length > 0 ? chosen : errors.slice(0, 1))];
}

const conditionOf = (row: string, n: number): Condition | undefined =>
  operationConditions[row]?.[String(n)] ?? conditions[String(n)];

function chooseFootnote(row: string, cell: Cell, key: KeyRecord): number | undefined {
  const cited = cell.footnotes.length > 0 ? cell.footnotes : (cell.inferred_footnotes ?? []);
  const errors = cited.filter((n) => footnotes[String(n)]?.kind === 'error');
  const isConditional = (n: number) => conditionOf(row, n) !== undefined;
  const holds = (n: number) => {
    const c = conditionOf(row, n);
    return c === undefined || predicates[c.predicate](key);
  };
  switch (cell.outcome) {
    case 'n/a':
      return Number(notApplicable[key.state]);
    case 'ok':
    case 'conditional':
      // The call works unless a conditional footnote's condition holds.
      return errors.find((n) => isConditional(n) && holds(n));
    case 'fail': {
      const conditional = errors.find((n) => isConditional(n) && holds(n));
      if (conditional !== undefined) return conditional;
      const plain = errors.filter((n) => !isConditional(n));
      if (plain.length > 1) return either[plain.join('|')]?.choose ?? plain[0];
      return plain[0] ?? errors[0];
    }
  }
}

function errorOf(row: string, n: number, key: KeyRecord) {
  const note = footnotes[String(n)];
  if (!note?.exception) throw internalError(`footnote ${n} names no exception`);
  const template =
    stateMessages[String(n)]?.[key.state] ??
    stateMessages[String(n)]?.['*'] ??
    note.message ??
    conditionOf(row, n)?.message;
  const message = template?.replace('<key ARN>', key.arn).replace('<origin>', key.origin);
  return kmsError(note.exception as KmsErrorName, message);
}

// ---- state facts and transitions: the only place key states are compared or written ----

export const isEnabled = (key: KeyRecord) => key.state === 'Enabled';
export const isPendingDeletion = (key: KeyRecord) =>
  key.state === 'PendingDeletion' || key.state === 'PendingReplicaDeletion';
export const isPendingReplicaDeletion = (key: KeyRecord) => key.state === 'PendingReplicaDeletion';
export const isCreating = (key: KeyRecord) => key.state === 'Creating';
export const isUpdating = (key: KeyRecord) => key.state === 'Updating';
export const isUnavailable = (key: KeyRecord) => key.state === 'Unavailable';

/** The state a key starts in: waiting for material when its origin is EXTERNAL. */
export const initialState = (hasMaterial: boolean): KeyState => (hasMaterial ? 'Enabled' : 'PendingImport');
/** A replica made by ReplicateKey starts in `Creating` (API Reference: ReplicateKey). */
export const replicaState = (): KeyState => 'Creating';

type Transition =
  | 'enable'
  | 'disable'
  | 'scheduleDeletion'
  | 'cancelDeletion'
  | 'cancelDeletionAwaitingImport'
  | MultiRegionTransition
  | KeyStoreTransition
  | ImportTransition;

/** Imported key material arriving, and being deleted or expiring (API Reference: DeleteImportedKeyMaterial). */
type ImportTransition = 'materialImported' | 'loseMaterial';

/** ReplicateKey, UpdatePrimaryRegion, and ScheduleKeyDeletion of a primary that still has replicas. */
type MultiRegionTransition =
  | 'replicaCreated'
  | 'replicaCreatedAwaitingImport'
  | 'startUpdate'
  | 'endUpdate'
  | 'scheduleDeletionAwaitingReplicas'
  | 'replicasDeleted';

/** A custom key store disconnecting and connecting again (footnotes 12 and 13). */
type KeyStoreTransition = 'storeDisconnected' | 'storeConnectedEnabled' | 'storeConnectedDisabled';

/** From-state → to-state per transition; a state absent from a row is left unchanged. */
const transitions: Record<Transition, Partial<Record<KeyState, KeyState>>> = {
  enable: { Disabled: 'Enabled' },
  disable: { Enabled: 'Disabled' },
  scheduleDeletion: {
    Enabled: 'PendingDeletion',
    Disabled: 'PendingDeletion',
    PendingImport: 'PendingDeletion',
    Unavailable: 'PendingDeletion',
    Creating: 'PendingDeletion',
  },
  cancelDeletion: { PendingDeletion: 'Disabled', PendingReplicaDeletion: 'Disabled' },
  // A key that never received its material goes back to waiting for it.
  cancelDeletionAwaitingImport: { PendingDeletion: 'PendingImport', PendingReplicaDeletion: 'PendingImport' },
  replicaCreated: { Creating: 'Enabled' },
  // A replica of a primary with imported material waits for its own import (API Reference: ReplicateKey).
  replicaCreatedAwaitingImport: { Creating: 'PendingImport' },
  startUpdate: { Enabled: 'Updating' },
  endUpdate: { Updating: 'Enabled' },
  // No deletion date until every replica is deleted (API Reference: ScheduleKeyDeletion).
  scheduleDeletionAwaitingReplicas: {
    Enabled: 'PendingReplicaDeletion',
    Disabled: 'PendingReplicaDeletion',
    PendingImport: 'PendingReplicaDeletion',
  },
  replicasDeleted: { PendingReplicaDeletion: 'PendingDeletion' },
  // Footnote 13: a key pending deletion stays PendingDeletion while its store is disconnected.
  storeDisconnected: { Enabled: 'Unavailable', Disabled: 'Unavailable' },
  storeConnectedEnabled: { Unavailable: 'Enabled' },
  storeConnectedDisabled: { Unavailable: 'Disabled' },
  materialImported: { PendingImport: 'Enabled' },
  // A key pending deletion keeps its state; any other key waits for the material again.
  loseMaterial: { Enabled: 'PendingImport', Disabled: 'PendingImport' },
};

/** States a fixture may declare, and the transition that leads there from a new key. */
const declarable = { Enabled: undefined, Disabled: 'disable', PendingDeletion: 'scheduleDeletion', PendingImport: undefined } as const;
export type DeclarableState = keyof typeof declarable;

/**
 * Puts a newly built key (fixtures) into a declared state through the transition table; the
 * key's material decides whether it starts Enabled or PendingImport, so those must agree.
 */
export function enterDeclaredState(key: KeyRecord, state: DeclarableState): 'ok' | 'materialMismatch' {
  if ((state === 'PendingImport') !== (key.state === 'PendingImport')) return 'materialMismatch';
  const event = declarable[state];
  if (event) transition(key, event);
  return 'ok';
}

export function transition(key: KeyRecord, event: Transition): void {
  key.state = transitions[event][key.state] ?? key.state;
}
