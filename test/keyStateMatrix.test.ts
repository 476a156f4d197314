import * as Sdk from '@aws-sdk/client-kms';
import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  DecapsulateCommand,
  DeriveSharedSecretCommand,
  EncapsulateCommand,
  GenerateDataKeyPairCommand,
  GenerateDataKeyPairWithoutPlaintextCommand,
  GenerateMacCommand,
  GetPublicKeyCommand,
  SignCommand,
  VerifyCommand,
  VerifyMacCommand,
  CreateKeyCommand,
  DecryptCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  GetKeyLastUsageCommand,
  GetKeyPolicyCommand,
  ListAliasesCommand,
  ListKeyPoliciesCommand,
  ListResourceTagsCommand,
  PutKeyPolicyCommand,
  ReEncryptCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAliasCommand,
  UpdateKeyDescriptionCommand,
  type KeyMetadata,
  type KeySpec,
  type KeyUsageType,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { generateKeyPairSync } from 'node:crypto';
import type { MetadataBearer } from '@smithy/types';
import { IMPLEMENTED_OPERATIONS } from 'kms-fake';
import table from '../src/backend/data/key-states.json';
import resolutions from '../src/backend/data/key-state-resolutions.json';
import { failure, setup } from './support/client';

/**
 * The key-state table as a matrix: every keyed operation the fake implements × every state a
 * key can reach today, each cell's expected answer read from the data (not from src/backend).
 */

// ---- the expected outcome of a cell, read from key-states.json and its resolutions ----

const STATES = ['Enabled', 'Disabled', 'PendingDeletion', 'PendingImport'] as const;
type State = (typeof STATES)[number];

/** Operations that name no key, so no key state applies to them. */
const KEYLESS = ['CreateKey', 'ListKeys', 'GenerateRandom'];

interface Cell {
  outcome: string;
  footnotes: number[];
  footnote_join?: string;
}
interface Footnote {
  kind: string;
  exception: string | null;
  message: string | null;
}

const rows = table.operations as Record<string, Record<string, Cell>>;
const footnotes = table.footnotes as Record<string, Footnote>;
const siblingRows = resolutions.siblingRows as Record<string, string>;
const either = resolutions.either as Record<string, { choose: number }>;
const stateMessages = resolutions.stateMessages as Record<string, Record<string, string>>;
const conditions = resolutions.conditions as Record<string, { predicate: string }>;
const notApplicable = resolutions.notApplicable as Record<string, number | string>;

/** Conditions that always hold for the key under test (UpdateAlias [10]: it is the alias's destination). */
const HOLDS_FOR_KEY_UNDER_TEST = ['isAliasDestination'];

type Expected =
  | { kind: 'ok' }
  | { kind: 'fail'; footnote: number; exception: string; template: string }
  | { kind: 'unresolved'; why: string };

const rowOf = (op: string): string | undefined => (op in rows ? op : siblingRows[op]);
const unresolved = (why: string): Expected => ({ kind: 'unresolved', why });

function failWith(n: number, state: State): Expected {
  const note = footnotes[String(n)];
  const template = stateMessages[String(n)]?.[state] ?? stateMessages[String(n)]?.['*'] ?? note?.message;
  if (!note?.exception || !template) return unresolved(`footnote ${n} gives no exception or no message`);
  return { kind: 'fail', footnote: n, exception: note.exception, template };
}

function expectedOutcome(op: string, state: State): Expected {
  const row = rowOf(op);
  const cell = row === undefined ? undefined : rows[row]?.[state];
  if (!cell) return unresolved(`key-states.json has no row for ${op}`);
  const errors = cell.footnotes.filter((n) => footnotes[String(n)]?.kind === 'error');
  const [only] = errors;
  switch (cell.outcome) {
    case 'ok':
      return errors.length === 0 ? { kind: 'ok' } : unresolved(`ok cell with error footnotes ${errors.join(',')}`);
    case 'conditional': {
      const holds = errors.length === 1 && HOLDS_FOR_KEY_UNDER_TEST.includes(conditions[String(only)]?.predicate ?? '');
      return holds ? failWith(only!, state) : unresolved(`conditional cell [${cell.footnotes.join(',')}]`);
    }
    case 'fail': {
      if (errors.length === 1) return failWith(only!, state);
      const choice = cell.footnote_join === 'or' ? either[errors.join('|')]?.choose : undefined;
      return choice !== undefined && errors.includes(choice) ? failWith(choice, state) : unresolved(`fail cell [${errors.join(',')}]`);
    }
    case 'n/a': {
      const n = Number(notApplicable[state]);
      return Number.isInteger(n) ? failWith(n, state) : unresolved(`n/a cell in ${state} with no resolution`);
    }
    default:
      return unresolved(`outcome ${cell.outcome}`);
  }
}

// ---- one valid request per operation, targeting the key under test ----

interface Target {
  client: KMSClient;
  /** The key under test, still in its initial state (Enabled, or PendingImport) while arranging. */
  key: KeyMetadata;
  /** Another Enabled symmetric key, for the other side of two-key calls. */
  other: KeyMetadata;
  state: State;
}
type Call = () => Promise<MetadataBearer>;
/** Runs before the key is moved into its state; returns the call to make once it is there. */
type Arrange = (t: Target) => Call | Promise<Call>;

const id = (key: KeyMetadata) => key.KeyId!;
const Plaintext = Buffer.from('key-state matrix');
let aliases = 0;
const newAlias = () => `alias/matrix-${++aliases}`;

/**
 * A ciphertext whose source key is the key under test. A PendingImport key has never had
 * material, so its ciphertext comes from `other` and the key is named explicitly (`named`).
 */
async function sourceCiphertext(t: Target) {
  const pendingImport = t.state === 'PendingImport';
  const { CiphertextBlob } = await t.client.send(new EncryptCommand({ KeyId: id(pendingImport ? t.other : t.key), Plaintext }));
  return { CiphertextBlob, named: pendingImport ? id(t.key) : undefined };
}

/** The key each asymmetric operation needs; every other label uses a symmetric encryption key. */
const keyShapes: Record<string, { KeySpec: KeySpec; KeyUsage: KeyUsageType }> = {
  Sign: { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' },
  Verify: { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' },
  GetPublicKey: { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' },
  GenerateMac: { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' },
  VerifyMac: { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' },
  DeriveSharedSecret: { KeySpec: 'ECC_NIST_P256', KeyUsage: 'KEY_AGREEMENT' },
  Encapsulate: { KeySpec: 'ML_KEM_768', KeyUsage: 'ENCAPSULATE_DECAPSULATE' },
  Decapsulate: { KeySpec: 'ML_KEM_768', KeyUsage: 'ENCAPSULATE_DECAPSULATE' },
};

const peerPublicKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ format: 'der', type: 'spki' });
/** A PendingImport key has no material, so there is nothing to sign or MAC with: any bytes do, the state is checked first. */
const before = async (t: Target, make: () => Promise<Uint8Array | undefined>) =>
  t.state === 'PendingImport' ? new Uint8Array(64).fill(1) : (await make())!;

const builders: Record<string, Arrange> = {
  Sign: ({ client, key }) => () => client.send(new SignCommand({ KeyId: id(key), Message: Plaintext, SigningAlgorithm: 'ECDSA_SHA_256' })),
  Verify: async (t) => {
    const Signature = await before(t, async () =>
      (await t.client.send(new SignCommand({ KeyId: id(t.key), Message: Plaintext, SigningAlgorithm: 'ECDSA_SHA_256' }))).Signature);
    return () => t.client.send(new VerifyCommand({ KeyId: id(t.key), Message: Plaintext, Signature, SigningAlgorithm: 'ECDSA_SHA_256' }));
  },
  GetPublicKey: ({ client, key }) => () => client.send(new GetPublicKeyCommand({ KeyId: id(key) })),
  GenerateMac: ({ client, key }) => () => client.send(new GenerateMacCommand({ KeyId: id(key), Message: Plaintext, MacAlgorithm: 'HMAC_SHA_256' })),
  VerifyMac: async (t) => {
    const Mac = await before(t, async () =>
      (await t.client.send(new GenerateMacCommand({ KeyId: id(t.key), Message: Plaintext, MacAlgorithm: 'HMAC_SHA_256' }))).Mac);
    return () => t.client.send(new VerifyMacCommand({ KeyId: id(t.key), Message: Plaintext, Mac, MacAlgorithm: 'HMAC_SHA_256' }));
  },
  GenerateDataKeyPair: ({ client, key }) => () => client.send(new GenerateDataKeyPairCommand({ KeyId: id(key), KeyPairSpec: 'ECC_NIST_P256' })),
  GenerateDataKeyPairWithoutPlaintext: ({ client, key }) => () =>
    client.send(new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId: id(key), KeyPairSpec: 'ECC_NIST_P256' })),
  DeriveSharedSecret: ({ client, key }) => () =>
    client.send(new DeriveSharedSecretCommand({ KeyId: id(key), KeyAgreementAlgorithm: 'ECDH', PublicKey: peerPublicKey })),
  Encapsulate: ({ client, key }) => () => client.send(new EncapsulateCommand({ KeyId: id(key), EncapsulationAlgorithm: 'ML_KEM' })),
  // ML-KEM decapsulates any ciphertext of the right length (implicit rejection), so zeros do.
  Decapsulate: ({ client, key }) => () =>
    client.send(new DecapsulateCommand({ KeyId: id(key), SharedSecretCiphertextBlob: new Uint8Array(1088), EncapsulationAlgorithm: 'ML_KEM' })),
  CancelKeyDeletion: ({ client, key }) => () => client.send(new CancelKeyDeletionCommand({ KeyId: id(key) })),
  CreateAlias: ({ client, key }) => () => client.send(new CreateAliasCommand({ AliasName: newAlias(), TargetKeyId: id(key) })),
  Decrypt: async (t) => {
    const { CiphertextBlob, named } = await sourceCiphertext(t);
    return () => t.client.send(new DecryptCommand({ CiphertextBlob, ...(named && { KeyId: named }) }));
  },
  DeleteAlias: async ({ client, key }) => {
    const AliasName = newAlias();
    await client.send(new CreateAliasCommand({ AliasName, TargetKeyId: id(key) }));
    return () => client.send(new DeleteAliasCommand({ AliasName }));
  },
  DescribeKey: ({ client, key }) => () => client.send(new DescribeKeyCommand({ KeyId: id(key) })),
  DisableKey: ({ client, key }) => () => client.send(new DisableKeyCommand({ KeyId: id(key) })),
  EnableKey: ({ client, key }) => () => client.send(new EnableKeyCommand({ KeyId: id(key) })),
  Encrypt: ({ client, key }) => () => client.send(new EncryptCommand({ KeyId: id(key), Plaintext })),
  GenerateDataKey: ({ client, key }) => () => client.send(new GenerateDataKeyCommand({ KeyId: id(key), KeySpec: 'AES_256' })),
  GenerateDataKeyWithoutPlaintext: ({ client, key }) => () =>
    client.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: id(key), KeySpec: 'AES_256' })),
  GetKeyLastUsage: ({ client, key }) => () => client.send(new GetKeyLastUsageCommand({ KeyId: id(key) })),
  GetKeyPolicy: ({ client, key }) => () => client.send(new GetKeyPolicyCommand({ KeyId: id(key), PolicyName: 'default' })),
  ListAliases: ({ client, key }) => () => client.send(new ListAliasesCommand({ KeyId: id(key) })),
  ListKeyPolicies: ({ client, key }) => () => client.send(new ListKeyPoliciesCommand({ KeyId: id(key) })),
  ListResourceTags: ({ client, key }) => () => client.send(new ListResourceTagsCommand({ KeyId: id(key) })),
  PutKeyPolicy: ({ client, key }) => () =>
    client.send(new PutKeyPolicyCommand({ KeyId: id(key), PolicyName: 'default', Policy: rootPolicy(key.AWSAccountId!) })),
  ReEncrypt: async (t) => {
    const { CiphertextBlob, named } = await sourceCiphertext(t);
    return () => t.client.send(new ReEncryptCommand({ CiphertextBlob, DestinationKeyId: id(t.other), ...(named && { SourceKeyId: named }) }));
  },
  'ReEncrypt (destination)': async ({ client, key, other }) => {
    const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: id(other), Plaintext }));
    return () => client.send(new ReEncryptCommand({ CiphertextBlob, DestinationKeyId: id(key) }));
  },
  ScheduleKeyDeletion: ({ client, key }) => () =>
    client.send(new ScheduleKeyDeletionCommand({ KeyId: id(key), PendingWindowInDays: 7 })),
  TagResource: ({ client, key }) => () =>
    client.send(new TagResourceCommand({ KeyId: id(key), Tags: [{ TagKey: 'k', TagValue: 'v' }] })),
  UntagResource: ({ client, key }) => () => client.send(new UntagResourceCommand({ KeyId: id(key), TagKeys: ['k'] })),
  UpdateAlias: async ({ client, key, other }) => {
    const AliasName = newAlias();
    await client.send(new CreateAliasCommand({ AliasName, TargetKeyId: id(other) }));
    return () => client.send(new UpdateAliasCommand({ AliasName, TargetKeyId: id(key) }));
  },
  UpdateKeyDescription: ({ client, key }) => () =>
    client.send(new UpdateKeyDescriptionCommand({ KeyId: id(key), Description: 'key-state matrix' })),
};

const rootPolicy = (account: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'kms:*', Resource: '*' }],
  });

/** "ReEncrypt (destination)" is a second way of putting a key into ReEncrypt. */
const operationOf = (label: string) => label.replace(/ \(.*\)$/, '');

// ---- keys in each state, reached through the API only ----

async function createKey(client: KMSClient, origin: 'AWS_KMS' | 'EXTERNAL', label?: string): Promise<KeyMetadata> {
  const shape = label === undefined ? undefined : keyShapes[label];
  const { KeyMetadata } = await client.send(new CreateKeyCommand({ ...(origin === 'EXTERNAL' && { Origin: 'EXTERNAL' }), ...shape }));
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
  return value as { prototype: unknown };
}

// ---- the matrix ----

const keyedOperations = IMPLEMENTED_OPERATIONS.filter((op) => !KEYLESS.includes(op));
const labels = [...keyedOperations, ...Object.keys(builders).filter((label) => operationOf(label) !== label)].sort();

const seenAs: Record<State, string> = {
  Enabled: 'on an Enabled key',
  Disabled: 'on a Disabled key',
  PendingDeletion: 'on a key pending deletion',
  PendingImport: 'on a key waiting for imported key material (PendingImport)',
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
      const expected = expectedOutcome(operationOf(label), state);
      it(cellName(label, state, expected), async () => {
        if (expected.kind === 'unresolved') throw new Error(`no expected outcome in the data: ${expected.why}`);
        const arrange = builders[label];
        if (!arrange) throw new Error(`no request builder for ${label}`);

        const { client } = setup();
        const key = await createKey(client, state === 'PendingImport' ? 'EXTERNAL' : 'AWS_KMS', label);
        const other = await createKey(client, 'AWS_KMS');
        const call = await arrange({ client, key, other, state });
        await moveTo(client, key, state);
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
