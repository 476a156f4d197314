import * as Sdk from '@aws-sdk/client-kms';
import {
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  ScheduleKeyDeletionCommand,
  type KeyMetadata,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { IMPLEMENTED_OPERATIONS } from 'kms-fake';
import table from '../src/backend/data/key-states.json';
import resolutions from '../src/backend/data/key-state-resolutions.json';
import { failure, setup } from './support/client';
import { builders as baseBuilders, giveMaterial, id, IMPORTED_MATERIAL_LABELS, keyShapes, operationOf } from './support/matrixBuilders';
import {
  arrangesInState,
  createKeyReachedHere,
  isMultiRegion,
  isReachedHere,
  matrixOptions,
  moveToReachedHere,
  multiRegionBuilders,
  notApplicable as cannotArise,
  REACHED_HERE,
} from './support/matrixStates';

const builders = { ...baseBuilders, ...multiRegionBuilders };

/**
 * The key-state table as a matrix: every keyed operation the fake implements × every state a
 * key can reach today, each cell's expected answer read from the data (not from src/backend).
 */
// ---- the expected outcome of a cell, read from key-states.json and its resolutions ----

const STATES = ['Enabled', 'Disabled', 'PendingDeletion', 'PendingImport', ...REACHED_HERE] as const;
type State = (typeof STATES)[number];

/** Operations that name no key, so no key state applies to them. */
const KEYLESS = [
  'CreateKey',
  'ListKeys',
  'GenerateRandom',
  // ListRetirableGrants names a retiring principal, not a key.
  'ListRetirableGrants',
  // Custom key store operations name a store, not a key.
  'CreateCustomKeyStore',
  'DescribeCustomKeyStores',
  'ConnectCustomKeyStore',
  'DisconnectCustomKeyStore',
  'UpdateCustomKeyStore',
  'DeleteCustomKeyStore',
];

interface Cell {
  outcome: string;
  footnotes: number[];
  footnote_join?: string;
  inferred_footnotes?: number[];
}
interface Footnote {
  kind: string;
  exception: string | null;
  message: string | null;
}
interface Condition {
  predicate: string;
  message?: string;
}

const rows = table.operations as Record<string, Record<string, Cell>>;
const footnotes = table.footnotes as Record<string, Footnote>;
const siblingRows = resolutions.siblingRows as Record<string, string>;
const either = resolutions.either as Record<string, { choose: number }>;
const stateMessages = resolutions.stateMessages as Record<string, Record<string, string>>;
const conditions = resolutions.conditions as Record<string, Condition>;
const operationConditions = resolutions.operationConditions as Record<string, Record<string, Condition>>;
const filledCells = resolutions.filledCells as Record<string, Record<string, Cell>>;
const notApplicable = resolutions.notApplicable as Record<string, number | string>;

/** The key under test: its origin decides which conditional footnotes apply to it. */
type Origin = 'AWS_KMS' | 'EXTERNAL' | 'AWS_CLOUDHSM';

/** What each predicate named in the data says about the key under test (in a custom key store only while Unavailable). */
function predicateHolds(predicate: string, origin: Origin): boolean | undefined {
  const facts: Record<string, boolean> = {
    hasImportedMaterialOrCustomKeyStore: origin !== 'AWS_KMS',
    hasImportedMaterial: origin === 'EXTERNAL',
    cannotHaveImportedMaterial: origin !== 'EXTERNAL',
    isInCustomKeyStore: origin === 'AWS_CLOUDHSM',
    // UpdateAlias [10]: the key under test is the alias's destination.
    isAliasDestination: true,
  };
  return facts[predicate];
}

type Expected =
  | { kind: 'ok' }
  | { kind: 'fail'; footnote: number; exception: string; template: string }
  | { kind: 'unresolved'; why: string };

const rowOf = (op: string): string | undefined => (op in rows ? op : siblingRows[op]);
const unresolved = (why: string): Expected => ({ kind: 'unresolved', why });

function expectedOutcome(op: string, state: State, origin: Origin): Expected {
  const row = rowOf(op);
  const cell = row === undefined ? undefined : (filledCells[row]?.[state] ?? rows[row]?.[state]);
  if (!cell) return unresolved(`key-states.json has no row for ${op}`);
  const conditionOf = (n: number) => operationConditions[row!]?.[String(n)] ?? conditions[String(n)];
  const failWith = (n: number): Expected => {
    const note = footnotes[String(n)];
    const template = stateMessages[String(n)]?.[state] ?? stateMessages[String(n)]?.['*'] ?? note?.message ?? conditionOf(n)?.message;
    if (!note?.exception || !template) return unresolved(`footnote ${n} gives no exception or no message`);
    return { kind: 'fail', footnote: n, exception: note.exception, template: template.replace('<origin>', origin) };
  };
  const cited = cell.footnotes.length > 0 ? cell.footnotes : (cell.inferred_footnotes ?? []);
  const errors = cited.filter((n) => footnotes[String(n)]?.kind === 'error');
  const conditional = errors.filter((n) => conditionOf(n) !== undefined);
  const verdicts = conditional.map((n) => predicateHolds(conditionOf(n)!.predicate, origin));
  if (verdicts.includes(undefined)) return unresolved(`a predicate of [${conditional.join(',')}] is unknown to this test`);
  const applying = conditional.find((_, i) => verdicts[i]);
  const plain = errors.filter((n) => conditionOf(n) === undefined);
  switch (cell.outcome) {
    case 'ok':
    case 'conditional':
      if (applying !== undefined) return failWith(applying);
      return plain.length === 0 ? { kind: 'ok' } : unresolved(`${cell.outcome} cell with unconditional footnotes ${plain.join(',')}`);
    case 'fail': {
      if (applying !== undefined) return failWith(applying);
      if (plain.length === 1) return failWith(plain[0]!);
      const choice = cell.footnote_join === 'or' ? either[plain.join('|')]?.choose : undefined;
      return choice !== undefined && plain.includes(choice) ? failWith(choice) : unresolved(`fail cell [${errors.join(',')}]`);
    }
    case 'n/a': {
      const n = Number(notApplicable[state]);
      return Number.isInteger(n) ? failWith(n) : unresolved(`n/a cell in ${state} with no resolution`);
    }
    default:
      return unresolved(`outcome ${cell.outcome}`);
  }
}

// ---- keys in each state, reached through the API only ----

/**
 * The origin of the key under test: EXTERNAL while PendingImport, and for the import operations;
 * AWS_CLOUDHSM while Unavailable.
 */
const originOf = (label: string, state: State): Origin => {
  if (state === 'Unavailable') return 'AWS_CLOUDHSM';
  return state === 'PendingImport' || IMPORTED_MATERIAL_LABELS.includes(label) ? 'EXTERNAL' : 'AWS_KMS';
};

async function createKey(client: KMSClient, origin: Origin, label?: string, state?: State): Promise<KeyMetadata> {
  const shape = label === undefined ? undefined : keyShapes[label];
  const multiRegion = label !== undefined && state !== undefined && isMultiRegion(label, state);
  const { KeyMetadata } = await client.send(
    new CreateKeyCommand({ ...(origin === 'EXTERNAL' && { Origin: 'EXTERNAL' }), ...shape, ...(multiRegion && { MultiRegion: true }) }),
  );
  // An EXTERNAL key outside PendingImport got its material through ImportKeyMaterial.
  if (origin === 'EXTERNAL' && state !== undefined && state !== 'PendingImport') await giveMaterial(client, KeyMetadata!);
  return KeyMetadata!;
}

async function moveTo(client: KMSClient, key: KeyMetadata, state: State): Promise<void> {
  if (state === 'Disabled') await client.send(new DisableKeyCommand({ KeyId: id(key) }));
  if (state === 'PendingDeletion') await client.send(new ScheduleKeyDeletionCommand({ KeyId: id(key), PendingWindowInDays: 7 }));
}

async function stateOf(client: KMSClient, key: KeyMetadata) {
  const { KeyMetadata } = await client.send(new DescribeKeyCommand({ KeyId: id(key) }));
  return KeyMetadata?.KeyState;
}

/** The SDK's own exception class of that name (the one its deserializer constructs). */
function sdkClass(name: string): { prototype: unknown } {
  const value = (Sdk as unknown as Record<string, unknown>)[name];
  if (typeof value !== 'function') throw new Error(`@aws-sdk/client-kms exports no class ${name}`);
  return value;
}

// ---- the matrix ----

const keyedOperations = IMPLEMENTED_OPERATIONS.filter((op) => !KEYLESS.includes(op));
const labels = [...keyedOperations, ...Object.keys(builders).filter((label) => operationOf(label) !== label)].sort();

const seenAs: Record<State, string> = {
  Enabled: 'on an Enabled key',
  Disabled: 'on a Disabled key',
  PendingDeletion: 'on a key pending deletion',
  PendingImport: 'on a key waiting for imported key material (PendingImport)',
  Creating: 'on a multi-Region replica still being created (Creating)',
  Updating: 'on a multi-Region primary whose primary Region is being updated (Updating)',
  PendingReplicaDeletion: 'on a multi-Region primary waiting for its replicas to be deleted (PendingReplicaDeletion)',
  Unavailable: 'on a key in a disconnected custom key store (Unavailable)',
};

function cellName(label: string, state: State, expected: Expected): string {
  const answer =
    expected.kind === 'ok' ? 'ok' : expected.kind === 'fail' ? `${expected.exception} [${expected.footnote}]` : 'unresolved';
  return `${label} × ${state} → ${answer}`;
}

describe('the key-state matrix covers what the fake implements', () => {
  it('has a request builder for every implemented keyed operation, and none for anything else', () => {
    expect(keyedOperations.filter((op) => !(op in builders))).toEqual([]);
    expect(Object.keys(builders).filter((label) => !keyedOperations.includes(operationOf(label) as never))).toEqual([]);
  });

  it('finds a key-state row for every keyed operation and none for the keyless ones', () => {
    expect(keyedOperations.filter((op) => rowOf(op) === undefined)).toEqual([]);
    expect(KEYLESS.filter((op) => rowOf(op) !== undefined)).toEqual([]);
    expect(KEYLESS.filter((op) => !(IMPLEMENTED_OPERATIONS as readonly string[]).includes(op))).toEqual([]);
    expect(STATES.filter((state) => !table.states.includes(state))).toEqual([]);
  });
});

for (const state of STATES) {
  describe(`what each operation answers ${seenAs[state]}`, () => {
    for (const label of labels) {
      const expected = expectedOutcome(operationOf(label), state, originOf(label, state));
      const na = cannotArise(label, state);
      if (na) {
        it(`${label} × ${state} → n/a: ${na.why}`, async () => {
          await na.prove(setup(matrixOptions(state)).client);
        });
        continue;
      }
      it(cellName(label, state, expected), async () => {
        if (expected.kind === 'unresolved') throw new Error(`no expected outcome in the data: ${expected.why}`);
        const arrange = builders[label];
        if (!arrange) throw new Error(`no request builder for ${label}`);

        const { kms, client } = setup(matrixOptions(state));
        const key = isReachedHere(state)
          ? await createKeyReachedHere(kms, client, label, state, originOf(label, state) === 'EXTERNAL' ? 'EXTERNAL' : 'AWS_KMS')
          : await createKey(client, originOf(label, state), label, state);
        const other = await createKey(client, 'AWS_KMS');
        const early = arrangesInState(state) ? undefined : await arrange({ client, key, other, state });
        if (isReachedHere(state)) await moveToReachedHere(kms, client, key, state);
        else await moveTo(client, key, state);
        const call = early ?? (await arrange({ client, key, other, state }));
        expect(await stateOf(client, key)).toBe(state);

        if (expected.kind === 'ok') {
          const response = await call();
          expect(response.$metadata.httpStatusCode).toBe(200);
          return;
        }

        const error = await failure(call());
        expect(error.name).toBe(expected.exception);
        expect(error.message).toBe(expected.template.replace('<key ARN>', key.Arn!));
        expect(Object.getPrototypeOf(error) === sdkClass(expected.exception).prototype).toBe(true);
        expect(error).toBeInstanceOf(Sdk.KMSServiceException);
        expect(error.$fault).toBe('client');
        expect(error.$metadata.httpStatusCode).toBe(400);
        expect(await stateOf(client, key)).toBe(state);
      });
    }
  });
}
