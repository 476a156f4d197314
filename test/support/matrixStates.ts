import {
  ConnectCustomKeyStoreCommand,
  CreateGrantCommand,
  CreateCustomKeyStoreCommand,
  CreateKeyCommand,
  DisconnectCustomKeyStoreCommand,
  ListGrantsCommand,
  ReplicateKeyCommand,
  ScheduleKeyDeletionCommand,
  UpdatePrimaryRegionCommand,
  type KeyMetadata,
  type KeySpec,
  type KeyUsageType,
  type KMSClient,
} from '@aws-sdk/client-kms';
import type { KmsFake, KmsFakeOptions } from 'kms-fake';
import { fakeClient, setup } from './client';
import { expectKmsError } from './errors';
import { giveMaterial, id, keyShapes, type Arrange } from './matrixBuilders';

/**
 * The key states reached through multi-Region keys and custom key stores, for the key-state
 * matrix: Creating (a replica right after ReplicateKey), Updating (UpdatePrimaryRegion),
 * PendingReplicaDeletion (ScheduleKeyDeletion of a primary with a replica) and Unavailable (a key
 * in a CloudHSM key store that was disconnected). Every state is reached through API calls only.
 */

export const REACHED_HERE = ['Creating', 'Updating', 'PendingReplicaDeletion', 'Unavailable'] as const;
type ReachedHere = (typeof REACHED_HERE)[number];
export const isReachedHere = (state: string): state is ReachedHere => (REACHED_HERE as readonly string[]).includes(state);

/** The Region of the other member of a multi-Region key under test; the tests' client is in us-east-1. */
const OTHER_REGION = 'us-west-2';
/** A third Region, for the builders' own replicas. */
const THIRD_REGION = 'eu-west-1';

/** Labels whose key under test is a multi-Region primary in every state. */
export const MULTI_REGION_LABELS = ['ReplicateKey', 'UpdatePrimaryRegion'];

/**
 * Transient states last for the whole test while they are the state under test; otherwise a
 * replica a builder makes is Enabled by the next call (a zero delay ends at the next request).
 */
export function matrixOptions(state: string): KmsFakeOptions {
  const long = 60 * 60 * 1000;
  return { ...matrixMode, transientDelays: { creating: state === 'Creating' ? long : 0, updating: state === 'Updating' ? long : 0, connecting: 0 } };
}

/**
 * Options every matrix fake gets besides its delays: test/access/keyStateMatrixEnforced.test.ts runs
 * the whole matrix with `authorization: 'enforce'`, the caller being the account root, whom the
 * default key policy allows everything.
 */
export const matrixMode: Pick<KmsFakeOptions, 'authorization'> = {};

/** Whether the key under test is a multi-Region key. */
export const isMultiRegion = (label: string, state: string) =>
  MULTI_REGION_LABELS.includes(label) || state === 'Creating' || state === 'Updating' || state === 'PendingReplicaDeletion';

/** Builders for the multi-Region operations (joined to `builders` by the matrix). */
export const multiRegionBuilders: Record<string, Arrange> = {
  ReplicateKey: ({ client, key }) => () => client.send(new ReplicateKeyCommand({ KeyId: id(key), ReplicaRegion: THIRD_REGION })),
  UpdatePrimaryRegion: async ({ client, key, state }) => {
    // Only the states whose cell is ok need a replica there; the others are refused on the key's state first.
    if (state === 'Enabled' || state === 'Updating') await client.send(new ReplicateKeyCommand({ KeyId: id(key), ReplicaRegion: THIRD_REGION }));
    return () => client.send(new UpdatePrimaryRegionCommand({ KeyId: id(key), PrimaryRegion: THIRD_REGION }));
  },
};

let stores = 0;
async function connectedStore(client: KMSClient): Promise<string> {
  const n = ++stores;
  const { CustomKeyStoreId } = await client.send(
    new CreateCustomKeyStoreCommand({
      CustomKeyStoreName: `matrix-store-${n}`,
      CloudHsmClusterId: `cluster-${String(n).padStart(11, '0')}`,
      TrustAnchorCertificate: 'matrix trust anchor',
      KeyStorePassword: 'kmsuser-password',
    }),
  );
  await client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId }));
  return CustomKeyStoreId!;
}

/**
 * The key under test for a state reached here, in its state's starting point: a replica still
 * Creating (whose primary is in another Region), an Enabled primary, or an Enabled key in a
 * connected CloudHSM key store.
 */
export async function createKeyReachedHere(
  kms: KmsFake,
  client: KMSClient,
  label: string,
  state: ReachedHere,
  origin: 'AWS_KMS' | 'EXTERNAL',
): Promise<KeyMetadata> {
  const shape = { ...keyShapes[label], ...(origin === 'EXTERNAL' && { Origin: origin }) };
  const primaryIn = async (c: KMSClient) => {
    const key = (await c.send(new CreateKeyCommand({ MultiRegion: true, ...shape }))).KeyMetadata!;
    if (origin === 'EXTERNAL') await giveMaterial(c, key);
    return key;
  };
  if (state === 'Unavailable') {
    const CustomKeyStoreId = await connectedStore(client);
    return (await client.send(new CreateKeyCommand({ CustomKeyStoreId, Origin: 'AWS_CLOUDHSM' }))).KeyMetadata!;
  }
  if (state !== 'Creating') return primaryIn(client);
  const primary = await primaryIn(fakeClient(kms, OTHER_REGION));
  const { ReplicaKeyMetadata } = await fakeClient(kms, OTHER_REGION).send(new ReplicateKeyCommand({ KeyId: id(primary), ReplicaRegion: 'us-east-1' }));
  return ReplicaKeyMetadata!;
}

/** A Creating replica exists only once ReplicateKey ran, so its builder arranges in the state itself. */
export const arrangesInState = (state: string) => state === 'Creating';

export async function moveToReachedHere(kms: KmsFake, client: KMSClient, key: KeyMetadata, state: ReachedHere): Promise<void> {
  if (state === 'Updating' || state === 'PendingReplicaDeletion') {
    const { ReplicaKeyMetadata } = await client.send(new ReplicateKeyCommand({ KeyId: id(key), ReplicaRegion: OTHER_REGION }));
    // A replica of a key with imported material gets the same material imported (API Reference: ReplicateKey).
    if (key.Origin === 'EXTERNAL') await giveMaterial(fakeClient(kms, OTHER_REGION), ReplicaKeyMetadata!);
  }
  if (state === 'Updating') await client.send(new UpdatePrimaryRegionCommand({ KeyId: id(key), PrimaryRegion: OTHER_REGION }));
  if (state === 'PendingReplicaDeletion') await client.send(new ScheduleKeyDeletionCommand({ KeyId: id(key), PendingWindowInDays: 7 }));
  if (state === 'Unavailable') await client.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: key.CustomKeyStoreId! }));
}

/**
 * Cells that cannot arise: keys in a custom key store are symmetric encryption keys and never
 * multi-Region keys (API Reference: CreateKey, CustomKeyStoreId), so no key of the spec these
 * operations need can be Unavailable. Each returns the reason and a check that proves it.
 */
export function notApplicable(label: string, state: string): { why: string; prove(client: KMSClient): Promise<void> } | undefined {
  if (state === 'Creating') return creatingHasNoGrants(label);
  if (state !== 'Unavailable') return undefined;
  const shape: { KeySpec: KeySpec; KeyUsage: KeyUsageType } | undefined = keyShapes[label];
  if (shape) {
    return {
      why: `custom key stores hold only SYMMETRIC_DEFAULT keys, and ${label} needs a ${shape.KeySpec} key`,
      prove: async (client) => {
        const CustomKeyStoreId = await connectedStore(client);
        await expectKmsError(
          client.send(new CreateKeyCommand({ CustomKeyStoreId, Origin: 'AWS_CLOUDHSM', ...shape })),
          'UnsupportedOperationException',
          `KeySpec ${shape.KeySpec} is not valid for a KMS key in a custom key store.`,
        );
      },
    };
  }
  if (!MULTI_REGION_LABELS.includes(label)) return undefined;
  return {
    why: `multi-Region keys cannot be in a custom key store, and ${label} needs a multi-Region primary`,
    prove: async (client) => {
      const CustomKeyStoreId = await connectedStore(client);
      await expectKmsError(
        client.send(new CreateKeyCommand({ CustomKeyStoreId, Origin: 'AWS_CLOUDHSM', MultiRegion: true })),
        'UnsupportedOperationException',
        'Multi-Region keys cannot be created in a custom key store.',
      );
    },
  };
}

/**
 * RetireGrant and RevokeGrant succeed on a Creating replica by the table, but such a replica
 * never has a grant to retire: CreateGrant refuses it while Creating, and ReplicateKey copies no
 * grants (developer guide: multi-Region keys, independent properties).
 */
function creatingHasNoGrants(label: string): { why: string; prove(client: KMSClient): Promise<void> } | undefined {
  if (label !== 'RetireGrant' && label !== 'RevokeGrant') return undefined;
  return {
    why: 'a replica still Creating has no grants: CreateGrant refuses it and ReplicateKey copies none',
    prove: async () => {
      const { kms, client } = setup(matrixOptions('Creating'));
      const primaryClient = fakeClient(kms, OTHER_REGION);
      const primary = (await primaryClient.send(new CreateKeyCommand({ MultiRegion: true }))).KeyMetadata!;
      await primaryClient.send(new CreateGrantCommand({ KeyId: id(primary), GranteePrincipal: 'arn:aws:iam::111122223333:root', Operations: ['Encrypt'] }));
      const replica = await createKeyReachedHere(kms, client, label, 'Creating', 'AWS_KMS');
      expect((await client.send(new ListGrantsCommand({ KeyId: id(replica) }))).Grants).toEqual([]);
      await expectKmsError(
        client.send(new CreateGrantCommand({ KeyId: id(replica), GranteePrincipal: 'arn:aws:iam::111122223333:root', Operations: ['Encrypt'] })),
        'KMSInvalidStateException',
        `${replica.Arn} is creating.`,
      );
    },
  };
}
