import {
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  DisconnectCustomKeyStoreCommand,
  ReplicateKeyCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { randomBytes } from 'node:crypto';
import { KmsFake } from 'kms-fake';
import { fakeClient } from '../support/client';
import { importMaterial } from '../support/importMaterial';

/** Disagreements the model-based test found, each as a plain test through a real KMSClient. */

let kms: KmsFake;
let client: KMSClient;
beforeEach(() => {
  kms = new KmsFake({ clock: () => Date.parse('2026-01-01T00:00:00Z') });
  client = fakeClient(kms);
});
afterEach(() => kms.reset());

const stateOf = async (KeyId: string) => (await client.send(new DescribeKeyCommand({ KeyId }))).KeyMetadata!.KeyState;

async function keyInConnectedStore(): Promise<{ storeId: string; keyId: string }> {
  const { CustomKeyStoreId } = await client.send(
    new CreateCustomKeyStoreCommand({
      CustomKeyStoreName: 'hsm-store',
      CloudHsmClusterId: 'cluster-1a23b4cdefg',
      TrustAnchorCertificate: '-----BEGIN CERTIFICATE-----trust-----END CERTIFICATE-----',
      KeyStorePassword: 'kmsuser-pass',
    }),
  );
  await client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId }));
  kms.settle();
  const { KeyMetadata } = await client.send(new CreateKeyCommand({ Origin: 'AWS_CLOUDHSM', CustomKeyStoreId }));
  return { storeId: CustomKeyStoreId!, keyId: KeyMetadata!.KeyId! };
}

describe('a custom key store disconnected again while it is still connecting', () => {
  it('gives its keys back in the state they had: disconnecting never disables a key', async () => {
    const { storeId: CustomKeyStoreId, keyId } = await keyInConnectedStore();
    await client.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId }));
    await client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId }));
    // Still CONNECTING, its keys still Unavailable: disconnected again.
    await client.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId }));
    await client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId }));
    kms.settle();
    expect(await stateOf(keyId)).toBe('Enabled');
  });
});

describe('a replica of a multi-Region key with imported material', () => {
  it('imports the key material although its primary has new material waiting in PENDING_ROTATION', async () => {
    const west = fakeClient(kms, 'us-west-2');
    const east = fakeClient(kms, 'us-east-1');
    const { KeyMetadata } = await west.send(new CreateKeyCommand({ Origin: 'EXTERNAL', MultiRegion: true }));
    const keyId = KeyMetadata!.KeyId!;
    const first = randomBytes(32);
    await importMaterial(west, keyId, first);
    await west.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'us-east-1' }));
    kms.settle();
    await importMaterial(west, keyId, randomBytes(32), { ImportType: 'NEW_KEY_MATERIAL' });
    // The replica has imported nothing yet: the key's first material is what it must take.
    await importMaterial(east, keyId, first);
    expect((await east.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.KeyState).toBe('Enabled');
  });
});
