import {
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  DescribeKeyCommand,
  KMSServiceException,
  ListAliasesCommand,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import { KmsFake } from 'kms-fake';
import { fakeClient } from '../support/client';
import { execute, type Run } from './execute';
import { HOME, KeyModel, REGIONS, type MKey, type Region } from './keyModel';
import type { Step } from './steps';

/** One run of the model test: a fresh fake and model, each step on both, then everything compared. */

const START = Date.parse('2026-01-01T00:00:00Z');

async function newRun(): Promise<Run> {
  const kms = new KmsFake({ clock: () => START, seed: 'model' });
  const clients = Object.fromEntries(REGIONS.map((r) => [r, fakeClient(kms, r)])) as Run['clients'];
  const { CustomKeyStoreId } = await clients[HOME].send(
    new CreateCustomKeyStoreCommand({
      CustomKeyStoreName: 'model-store',
      CloudHsmClusterId: 'cluster-1a23b4cdefg',
      TrustAnchorCertificate: '-----BEGIN CERTIFICATE-----trust-----END CERTIFICATE-----',
      KeyStorePassword: 'kmsuser-pass',
    }),
  );
  await clients[HOME].send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId }));
  kms.settle();
  return { kms, clients, model: new KeyModel(START), storeId: CustomKeyStoreId! };
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
          replicas: model.isPrimary(key) ? [...set.members.keys()].filter((r) => r !== key.region).sort() : [],
        }
      : undefined;
  return {
    KeyState: key.state,
    Enabled: key.state === 'Enabled',
    DeletionDate: key.deletionDate,
    PendingDeletionWindowInDays: key.state === 'PendingReplicaDeletion' ? key.windowDays : undefined,
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
    roles:
      compareRoles && mr
        ? { type: mr.MultiRegionKeyType, primary: mr.PrimaryKey?.Region, replicas: (mr.ReplicaKeys ?? []).map((r) => r.Region).sort() }
        : undefined,
  };
}

/** Every key the model knows, as DescribeKey shows it, and every Region's aliases. */
async function compare(run: Run, after: string): Promise<void> {
  for (const key of run.model.keys) {
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
  for (const region of REGIONS) await compareAliases(run, region, after);
}

async function compareAliases(run: Run, region: Region, after: string): Promise<void> {
  const listed = (await run.clients[region].send(new ListAliasesCommand({}))).Aliases ?? [];
  const actual = listed.filter((a) => a.AliasName?.startsWith('alias/model-')).map((a) => `${a.AliasName}→${a.TargetKeyId}`).sort();
  const expected = [...run.model.aliases.get(region)!].map(([name, key]) => `${name}→${key.keyId}`).sort();
  expect({ aliases: region, after, actual }).toEqual({ aliases: region, after, actual: expected });
}

export async function runSteps(steps: Step[]): Promise<void> {
  const run = await newRun();
  const log: string[] = [];
  try {
    for (const step of steps) {
      log.push(await execute(run, step));
      await compare(run, log[log.length - 1]!);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}\n\nsteps of this run:\n  ${log.join('\n  ')}`);
  } finally {
    run.kms.reset();
  }
}

