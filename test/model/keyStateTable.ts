import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyState } from '@aws-sdk/client-kms';

/**
 * The model's own reading of the AWS key-state table. It loads the package's copies of
 * `key-states.json` (the transcription, byte-identical to ../shared/reference) and
 * `key-state-resolutions.json` (what kms-fake decided for the cells the table leaves open) as
 * plain data, and interprets them here, written independently of src/backend/keyStates.ts, so
 * that a wrong reading in the fake cannot agree with itself.
 */

const dataDir = join(__dirname, '../../src/backend/data');
const load = (name: string): unknown => JSON.parse(readFileSync(join(dataDir, name), 'utf8'));

interface Cell {
  outcome: 'ok' | 'fail' | 'conditional' | 'n/a';
  footnotes: number[];
  footnote_join?: 'or' | 'and';
  inferred_footnotes?: number[];
}
interface Footnote {
  kind: 'error' | 'info';
  exception: string | null;
  message: string | null;
}
interface Table {
  states: KeyState[];
  footnotes: Record<string, Footnote>;
  operations: Record<string, Record<KeyState, Cell>>;
}
interface Resolutions {
  conditions: Record<string, { message?: string }>;
  either: Record<string, { choose: number }>;
  stateMessages: Record<string, Record<string, string>>;
  notApplicable: Record<string, number>;
  operationConditions: Record<string, Record<string, { predicate: string; message?: string }>>;
  filledCells: Record<string, Partial<Record<KeyState, Cell>>>;
}

const table = load('key-states.json') as Table;
const resolutions = load('key-state-resolutions.json') as Resolutions;

/** What the table's conditions depend on. */
export interface KeyFacts {
  arn: string;
  state: KeyState;
  origin: 'AWS_KMS' | 'EXTERNAL' | 'AWS_CLOUDHSM' | 'EXTERNAL_KEY_STORE';
}

/** A refusal the model expects: the exception's name and, where the table gives one, its message. */
export interface Refusal {
  name: string;
  message?: string;
}

/** The footnotes' own conditions ("applies" in key-states.json), in the model's words. */
const footnoteConditions: Record<string, (key: KeyFacts) => boolean> = {
  // "only when the KMS key has imported key material or is in a custom key store"
  7: (key) => key.origin !== 'AWS_KMS',
  // "only when the KMS key has imported key material"
  8: (key) => key.origin === 'EXTERNAL',
  // "only when the KMS key cannot have imported key material or has none"
  9: (key) => key.origin !== 'EXTERNAL',
  // The model only asks this of UpdateAlias's destination key.
  10: () => true,
};

/** Per-operation narrowing of a footnote (the rotation APIs of 2024 keep only the custom-key-store half of [7]). */
function conditionOf(operation: string, n: number): ((key: KeyFacts) => boolean) | undefined {
  const override = resolutions.operationConditions[operation]?.[String(n)];
  if (override) {
    if (override.predicate !== 'isInCustomKeyStore') throw new Error(`model: unknown override ${override.predicate} for [${n}] of ${operation}`);
    return (key) => key.origin === 'AWS_CLOUDHSM' || key.origin === 'EXTERNAL_KEY_STORE';
  }
  return footnoteConditions[String(n)];
}

function refusal(operation: string, n: number, key: KeyFacts): Refusal {
  const note = table.footnotes[String(n)];
  if (!note?.exception) throw new Error(`model: footnote ${n} names no exception (${operation}, ${key.state})`);
  const byState = resolutions.stateMessages[String(n)];
  const template =
    byState?.[key.state] ??
    byState?.['*'] ??
    note.message ??
    (resolutions.operationConditions[operation]?.[String(n)] ?? resolutions.conditions[String(n)])?.message;
  const message = template?.replace('<key ARN>', key.arn).replace('<origin>', key.origin);
  return message === undefined ? { name: note.exception } : { name: note.exception, message };
}

/**
 * What the key's state makes of `operation`: undefined when the state lets the call through
 * (other rules may still refuse it), else the refusal.
 */
export function stateRefusal(operation: string, key: KeyFacts): Refusal | undefined {
  const row = table.operations[operation];
  if (!row) throw new Error(`model: no table row for ${operation}`);
  const cell = resolutions.filledCells[operation]?.[key.state] ?? row[key.state];
  const cited = cell.footnotes.length > 0 ? cell.footnotes : (cell.inferred_footnotes ?? []);
  const errors = cited.filter((n) => table.footnotes[String(n)]?.kind === 'error');
  const holding = errors.find((n) => conditionOf(operation, n)?.(key) === true);
  switch (cell.outcome) {
    case 'n/a':
      // The table has no answer; kms-fake answers as the neighbouring cryptographic rows do.
      return refusal(operation, resolutions.notApplicable[key.state]!, key);
    case 'ok':
    case 'conditional':
      return holding === undefined ? undefined : refusal(operation, holding, key);
    case 'fail': {
      if (holding !== undefined) return refusal(operation, holding, key);
      const unconditional = errors.filter((n) => conditionOf(operation, n) === undefined);
      if (unconditional.length > 1) {
        const chosen = resolutions.either[unconditional.join('|')]?.choose;
        if (chosen === undefined) throw new Error(`model: no resolution for ${unconditional.join(' or ')}`);
        return refusal(operation, chosen, key);
      }
      const n = unconditional[0] ?? errors[0];
      if (n === undefined) throw new Error(`model: ${operation} fails in ${key.state} with no footnote`);
      return refusal(operation, n, key);
    }
  }
}

export const KEY_STATES: readonly KeyState[] = table.states;
