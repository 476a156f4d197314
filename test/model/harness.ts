import {
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  DescribeKeyCommand,
  KMSServiceException,
  ListAliasesCommand,
  type CreateCustomKeyStoreCommandInput,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import { KmsFake } from 'kms-fake';
import { fakeClient } from '../support/client';
import { execute } from './execute';
import { keyAt, type Run } from './run';
import { HOME, KeyModel, REGIONS, STORE_TYPES, type MKey, type Region, type StoreType } from './keyModel';
import type { Step } from './steps';

/** One run of the model test: a fresh fake and model, each step on both, then everything compared. */

const START = Date.parse('2026-01-01T00:00:00Z');

const STORES: Record<StoreType, CreateCustomKeyStoreCommandInput> = {
  AWS_CLOUDHSM: {
    CustomKeyStoreName: 'model-hsm-store',
    CloudHsmClusterId: 'cluster-1a23b4cdefg',
    TrustAnchorCertificate: '-----BEGIN CERTIFICATE-----trust-----END CERTIFICATE-----',
    KeyStorePassword: 'kmsuser-pass',
  },
  EXTERNAL_KEY_STORE: {
    CustomKeyStoreName: 'model-xks-store',
    CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
    XksProxyUriEndpoint: 'https://xks.example.com',
    XksProxyUriPath: '/example/kms/xks/v1',
    XksProxyConnectivity: 'PUBLIC_ENDPOINT',
    XksProxyAuthenticationCredential: { AccessKeyId: 'ABCDEFGHIJKLMNOPQRST', RawSecretAccessKey: 'a'.repeat(43) },
  },
};

/** A fresh fake on a fixed clock, a client per Region, and one connected custom key store of each type. */
async function newRun(): Promise<Run> {
  const kms = new KmsFake({ clock: () => START, seed: 'model' });
  const clients = Object.fromEntries(REGIONS.map((r) => [r, fakeClient(kms, r)])) as Run['clients'];
  const storeIds = {} as Run['storeIds'];
  for (const type of STORE_TYPES) {
    const { CustomKeyStoreId } = await clients[HOME].send(new CreateCustomKeyStoreCommand(STORES[type]));
    await clients[HOME].send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId }));
    storeIds[type] = CustomKeyStoreId!;
  }
  kms.settle();
  return { kms, clients, model: new KeyModel(START), storeIds, importParameters: new Map() };
}

/** What DescribeKey must show of a key the model knows: its state and the deletion and multi-Region fields. */
function expectedView(run: Run, key: MKey) {
  const { model } = run;
  const set = key.set;
  // While the primary Region changes, DescribeKey may show either role (developer guide), so the roles are compared only outside it.
  const roles =
    set && set.updatingTo === undefined
      ? {
          type: model.isPrimary(key) ? 'PRIMARY' : 'REPLICA',
          primary: set.primaryRegion,
          // Every member lists the set's replicas, a replica itself included (recorded: LocalStack test_replicate_key).
          replicas: [...set.members.keys()].filter((r) => r !== set.primaryRegion).sort(),
        }
      : undefined;
  return {
    KeyState: key.state,
    Enabled: key.state === 'Enabled',
    DeletionDate: key.deletionDate,
    PendingDeletionWindowInDays: key.state === 'PendingReplicaDeletion' ? key.windowDays : undefined,
    // Imported material that expires shows when; once gone, it no longer does.
    ValidTo: model.validToOf(key),
    roles,
  };
}

function actualView(meta: KeyMetadata, compareRoles: boolean) {
  const mr = meta.MultiRegionConfiguration;
  return {
    KeyState: meta.KeyState,
    Enabled: meta.Enabled,
    DeletionDate: meta.DeletionDate?.getTime(),
    PendingDeletionWindowInDays: meta.PendingDeletionWindowInDays,
    ValidTo: meta.ValidTo?.getTime(),
    roles:
      compareRoles && mr
        ? { type: mr.MultiRegionKeyType, primary: mr.PrimaryKey?.Region, replicas: (mr.ReplicaKeys ?? []).map((r) => r.Region).sort() }
        : undefined,
  };
}

/** The keys a step can have changed: every key after time, store and key-making steps, else the key named and its set. */
function touchedBy(run: Run, step: Step): readonly MKey[] {
  if (WHOLE_FAKE.has(step.op) || !('key' in step)) return run.model.keys;
  const key = keyAt(run, step.key);
  if (!key) return [];
  return key.set ? [key, ...[...key.set.members.values()].filter((k) => k !== key)] : [key];
}
const WHOLE_FAKE: ReadonlySet<Step['op']> = new Set<Step['op']>([
  'AdvanceTime',
  'Settle',
  'ConnectCustomKeyStore',
  'DisconnectCustomKeyStore',
  'CreateKey',
  'ReplicateKey',
  'UpdatePrimaryRegion',
]);
/** Steps after which aliases may differ: alias calls, and deletions as time passes. */
const ALIAS_STEPS: ReadonlySet<Step['op']> = new Set<Step['op']>(['CreateAlias', 'UpdateAlias', 'DeleteAlias', 'AdvanceTime']);

/** The keys, as DescribeKey shows them, must be as the model has them. */
async function compareKeys(run: Run, keys: readonly MKey[], after: string): Promise<void> {
  for (const key of keys) {
    const client = run.clients[key.region];
    const label = `${after} → DescribeKey ${key.keyId} in ${key.region}`;
    let meta: KeyMetadata;
    try {
      meta = (await client.send(new DescribeKeyCommand({ KeyId: key.arn }))).KeyMetadata!;
    } catch (error) {
      if (!(error instanceof KMSServiceException)) throw error;
      expect({ describe: label, outcome: error.name }).toEqual({ describe: label, outcome: key.deleted ? 'NotFoundException' : 'success' });
      continue;
    }
    const expected = expectedView(run, key);
    expect({ describe: label, ...actualView(meta, expected.roles !== undefined) }).toEqual({
      describe: label,
      ...(key.deleted ? { KeyState: 'deleted' } : expected),
    });
  }
}

async function compareAliases(run: Run, region: Region, after: string): Promise<void> {
  const listed = (await run.clients[region].send(new ListAliasesCommand({}))).Aliases ?? [];
  const actual = listed.filter((a) => a.AliasName?.startsWith('alias/model-')).map((a) => `${a.AliasName}→${a.TargetKeyId}`).sort();
  const expected = [...run.model.aliases.get(region)!].map(([name, key]) => `${name}→${key.keyId}`).sort();
  expect({ aliases: region, after, actual }).toEqual({ aliases: region, after, actual: expected });
}

/**
 * One run: each step on the fake and the model, then what the step can have changed compared
 * (every key after time, store and key-making steps); at the end, everything. A failure names
 * the steps so far.
 */
export async function runSteps(steps: Step[]): Promise<void> {
  const run = await newRun();
  const log: string[] = [];
  try {
    for (const step of steps) {
      log.push(`(then ${JSON.stringify(step)})`);
      const line = await execute(run, step);
      log.pop();
      log.push(line);
      await compareKeys(run, touchedBy(run, step), line);
      if (ALIAS_STEPS.has(step.op)) for (const region of REGIONS) await compareAliases(run, region, line);
    }
    await compareKeys(run, run.model.keys, 'the end of the run');
    for (const region of REGIONS) await compareAliases(run, region, 'the end of the run');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}\n\nsteps of this run:\n  ${log.join('\n  ')}`);
  } finally {
    run.kms.reset();
  }
}
