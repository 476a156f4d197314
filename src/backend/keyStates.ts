import type { KeyState } from '@aws-sdk/client-kms';
import { kmsError, usageError, type KmsErrorName } from '../errors';
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

/** Fails at load, naming the problem, if the data and the SDK's `KeyState` union disagree. */
function checkTable(): void {
  const known = Object.keys(STATES);
  if (table.states.join() !== known.join()) throw usageError(`key-states.json states ${table.states.join()} != ${known.join()}`);
  for (const [op, row] of Object.entries(rows)) {
    for (const state of known) if (!(state in row)) throw usageError(`key-states.json: ${op} lacks ${state}`);
  }
  for (const [n, c] of Object.entries(conditions)) {
    if (!(c.predicate in predicates)) throw usageError(`key-state-resolutions.json: footnote ${n} predicate ${c.predicate}`);
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
  if (!row) throw usageError(`no key-state row for ${operation}`);
  const cell = rows[row]![key.state];
  const footnote = chooseFootnote(cell, key);
  if (footnote !== undefined) throw errorOf(footnote, key);
}

function chooseFootnote(cell: Cell, key: KeyRecord): number | undefined {
  const cited = cell.footnotes.length > 0 ? cell.footnotes : (cell.inferred_footnotes ?? []);
  const errors = cited.filter((n) => footnotes[String(n)]?.kind === 'error');
  const holds = (n: number) => {
    const c = conditions[String(n)];
    return c === undefined || predicates[c.predicate](key);
  };
  switch (cell.outcome) {
    case 'n/a':
      return Number(notApplicable[key.state]);
    case 'ok':
    case 'conditional':
      // The call works unless a conditional footnote's condition holds.
      return errors.find((n) => conditions[String(n)] !== undefined && holds(n));
    case 'fail': {
      const conditional = errors.find((n) => conditions[String(n)] !== undefined && holds(n));
      if (conditional !== undefined) return conditional;
      const plain = errors.filter((n) => conditions[String(n)] === undefined);
      if (plain.length > 1) return either[plain.join('|')]?.choose ?? plain[0];
      return plain[0] ?? errors[0];
    }
  }
}

function errorOf(n: number, key: KeyRecord) {
  const note = footnotes[String(n)];
  if (!note?.exception) throw usageError(`footnote ${n} names no exception`);
  const template =
    stateMessages[String(n)]?.[key.state] ??
    stateMessages[String(n)]?.['*'] ??
    note.message ??
    conditions[String(n)]?.message;
  const message = template?.replace('<key ARN>', key.arn).replace('<origin>', key.origin);
  return kmsError(note.exception as KmsErrorName, message);
}

// ---- state facts and transitions: the only place key states are compared or written ----

export const isEnabled = (key: KeyRecord) => key.state === 'Enabled';
export const isPendingDeletion = (key: KeyRecord) =>
  key.state === 'PendingDeletion' || key.state === 'PendingReplicaDeletion';
export const isPendingReplicaDeletion = (key: KeyRecord) => key.state === 'PendingReplicaDeletion';

/** The state a key starts in: waiting for material when its origin is EXTERNAL. */
export const initialState = (hasMaterial: boolean): KeyState => (hasMaterial ? 'Enabled' : 'PendingImport');

type Transition = 'enable' | 'disable' | 'scheduleDeletion' | 'cancelDeletion' | 'cancelDeletionAwaitingImport';

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
};

export function transition(key: KeyRecord, event: Transition): void {
  key.state = transitions[event][key.state] ?? key.state;
}
