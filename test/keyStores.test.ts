import {
  CancelKeyDeletionCommand,
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  CreateKeyCommand,
  DeleteCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  DisconnectCustomKeyStoreCommand,
  EnableKeyCommand,
  EncryptCommand,
  GenerateRandomCommand,
  ScheduleKeyDeletionCommand,
  UpdateCustomKeyStoreCommand,
  type CreateCustomKeyStoreCommandInput,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { KmsFake } from 'kms-fake';
import { DAY_MS, fakeClient } from './support/client';
import { expectKmsError } from './support/errors';

let kms: KmsFake;
let client: KMSClient;
beforeEach(() => {
  kms = new KmsFake({ clock: () => Date.parse('2025-01-01T00:00:00Z') });
  client = fakeClient(kms);
});
afterEach(() => kms.reset());

const cloudHsm = (name = 'hsm-store', cluster = 'cluster-1a23b4cdefg'): CreateCustomKeyStoreCommandInput => ({
  CustomKeyStoreName: name,
  CloudHsmClusterId: cluster,
  TrustAnchorCertificate: '-----BEGIN CERTIFICATE-----trust-----END CERTIFICATE-----',
  KeyStorePassword: 'kmsuser-pass',
});
const external = (name = 'xks-store', endpoint = 'https://xks.example.com'): CreateCustomKeyStoreCommandInput => ({
  CustomKeyStoreName: name,
  CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
  XksProxyUriEndpoint: endpoint,
  XksProxyUriPath: '/example/kms/xks/v1',
  XksProxyConnectivity: 'PUBLIC_ENDPOINT',
  XksProxyAuthenticationCredential: { AccessKeyId: 'ABCDEFGHIJKLMNOPQRST', RawSecretAccessKey: 'a'.repeat(43) },
});

async function connected(input: CreateCustomKeyStoreCommandInput) {
  const { CustomKeyStoreId } = await client.send(new CreateCustomKeyStoreCommand(input));
  await client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId }));
  kms.settle();
  return CustomKeyStoreId!;
}
const storeOf = async (CustomKeyStoreId: string) =>
  (await client.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId }))).CustomKeyStores![0]!;
const stateOf = async (KeyId: string) => (await client.send(new DescribeKeyCommand({ KeyId }))).KeyMetadata!.KeyState;

describe('CreateCustomKeyStore and DescribeCustomKeyStores', () => {
  it('creates a disconnected CloudHSM store and describes it', async () => {
    const { CustomKeyStoreId } = await client.send(new CreateCustomKeyStoreCommand(cloudHsm()));
    expect(CustomKeyStoreId).toMatch(/^cks-[0-9a-f]{17}$/);
    expect(await storeOf(CustomKeyStoreId!)).toMatchObject({
      CustomKeyStoreName: 'hsm-store',
      CustomKeyStoreType: 'AWS_CLOUDHSM',
      CloudHsmClusterId: 'cluster-1a23b4cdefg',
      ConnectionState: 'DISCONNECTED',
    });
  });

  it('creates an external key store with its proxy configuration, secret not shown', async () => {
    const { CustomKeyStoreId } = await client.send(new CreateCustomKeyStoreCommand(external()));
    const store = await storeOf(CustomKeyStoreId!);
    expect(store.XksProxyConfiguration).toEqual({
      Connectivity: 'PUBLIC_ENDPOINT',
      AccessKeyId: 'ABCDEFGHIJKLMNOPQRST',
      UriEndpoint: 'https://xks.example.com',
      UriPath: '/example/kms/xks/v1',
    });
  });

  it('validates the parameters of each store type and keeps names unique', async () => {
    await client.send(new CreateCustomKeyStoreCommand(cloudHsm()));
    await expectKmsError(client.send(new CreateCustomKeyStoreCommand(cloudHsm('hsm-store', 'cluster-2a23b4cdefg'))), 'CustomKeyStoreNameInUseException', 'A custom key store with the name hsm-store already exists.');
    await expectKmsError(client.send(new CreateCustomKeyStoreCommand(cloudHsm('other'))), 'CloudHsmClusterInUseException', 'The CloudHSM cluster cluster-1a23b4cdefg is already associated with a custom key store.');
    const { KeyStorePassword: _omitted, ...noPassword } = cloudHsm('third', 'cluster-3a23b4cdefg');
    await expectKmsError(client.send(new CreateCustomKeyStoreCommand(noPassword)), 'ValidationException', 'KeyStorePassword is required for a custom key store of type AWS_CLOUDHSM.');
    await expectKmsError(
      client.send(new CreateCustomKeyStoreCommand({ ...external(), XksProxyUriPath: '/example/kms/xks' })),
      'ValidationException',
      String.raw`1 validation error detected: Value '/example/kms/xks' at 'xksProxyUriPath' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(\/[a-zA-Z0-9/_-]+\/kms\/xks\/v\d{1,2})$|^(\/kms\/xks\/v\d{1,2})$`,
    );
    await client.send(new CreateCustomKeyStoreCommand(external()));
    await expectKmsError(client.send(new CreateCustomKeyStoreCommand(external('xks-2'))), 'XksProxyUriEndpointInUseException', 'The XKS proxy URI endpoint is already associated with an external key store.');
  });

  it('filters by ID or name, pages, and answers CustomKeyStoreNotFoundException for a missing store', async () => {
    for (const n of [1, 2, 3]) await client.send(new CreateCustomKeyStoreCommand(cloudHsm(`s${n}`, `cluster-${n}a23b4cdefg`)));
    const first = await client.send(new DescribeCustomKeyStoresCommand({ Limit: 2 }));
    expect(first.CustomKeyStores).toHaveLength(2);
    expect(first.Truncated).toBe(true);
    const rest = await client.send(new DescribeCustomKeyStoresCommand({ Marker: first.NextMarker }));
    expect(rest.CustomKeyStores).toHaveLength(1);
    expect((await client.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreName: 's2' }))).CustomKeyStores![0]!.CustomKeyStoreName).toBe('s2');
    await expectKmsError(client.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: 'cks-00000000000000000' })), 'CustomKeyStoreNotFoundException', 'The specified custom key store ID does not exist.');
  });
});

describe('connecting, keys in a store, and Unavailable', () => {
  it('connects through CONNECTING (a transient state) to CONNECTED', async () => {
    const { CustomKeyStoreId } = await client.send(new CreateCustomKeyStoreCommand(cloudHsm()));
    await client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId }));
    expect((await storeOf(CustomKeyStoreId!)).ConnectionState).toBe('CONNECTING');
    kms.advanceTime(300);
    expect((await storeOf(CustomKeyStoreId!)).ConnectionState).toBe('CONNECTED');
  });

  it('creates symmetric keys in a connected store only, showing the store in KeyMetadata', async () => {
    const { CustomKeyStoreId } = await client.send(new CreateCustomKeyStoreCommand(cloudHsm()));
    await expectKmsError(
      client.send(new CreateKeyCommand({ CustomKeyStoreId, Origin: 'AWS_CLOUDHSM' })),
      'CustomKeyStoreInvalidStateException',
      `The custom key store ${CustomKeyStoreId!} has connection state DISCONNECTED, which is not valid for CreateKey.`,
    );
    await client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId }));
    kms.settle();
    const { KeyMetadata } = await client.send(new CreateKeyCommand({ CustomKeyStoreId, Origin: 'AWS_CLOUDHSM' }));
    expect(KeyMetadata).toMatchObject({ Origin: 'AWS_CLOUDHSM', CustomKeyStoreId, CloudHsmClusterId: 'cluster-1a23b4cdefg', KeyState: 'Enabled' });
    await expectKmsError(
      client.send(new CreateKeyCommand({ CustomKeyStoreId, Origin: 'AWS_CLOUDHSM', KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' })),
      'UnsupportedOperationException',
      'KeySpec RSA_2048 is not valid for a KMS key in a custom key store.',
    );
  });

  it('creates external keys with an XksKeyId, shown as XksKeyConfiguration', async () => {
    const CustomKeyStoreId = await connected(external());
    await expectKmsError(client.send(new CreateKeyCommand({ CustomKeyStoreId, Origin: 'EXTERNAL_KEY_STORE' })), 'ValidationException', 'XksKeyId is required for a KMS key in an external key store.');
    const { KeyMetadata } = await client.send(new CreateKeyCommand({ CustomKeyStoreId, Origin: 'EXTERNAL_KEY_STORE', XksKeyId: 'ext-key-1' }));
    expect(KeyMetadata).toMatchObject({ Origin: 'EXTERNAL_KEY_STORE', XksKeyConfiguration: { Id: 'ext-key-1' } });
    await expectKmsError(client.send(new GenerateRandomCommand({ NumberOfBytes: 8, CustomKeyStoreId })), 'UnsupportedOperationException', 'GenerateRandom is not supported for an external key store.');
  });

  it('makes keys Unavailable while disconnected; EnableKey/DisableKey take effect on reconnect (footnote 12)', async () => {
    const CustomKeyStoreId = await connected(cloudHsm());
    const key = (await client.send(new CreateKeyCommand({ CustomKeyStoreId, Origin: 'AWS_CLOUDHSM' }))).KeyMetadata!;
    await client.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId }));
    expect(await stateOf(key.KeyId!)).toBe('Unavailable');
    await expectKmsError(client.send(new EncryptCommand({ KeyId: key.KeyId!, Plaintext: Buffer.from('x') })), 'KMSInvalidStateException', `${key.Arn!} is unavailable.`);
    await client.send(new DisableKeyCommand({ KeyId: key.KeyId! }));
    expect(await stateOf(key.KeyId!)).toBe('Unavailable');
    await client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId }));
    kms.settle();
    expect(await stateOf(key.KeyId!)).toBe('Disabled');
    await client.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId }));
    await client.send(new EnableKeyCommand({ KeyId: key.KeyId! }));
    await client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId }));
    kms.settle();
    expect(await stateOf(key.KeyId!)).toBe('Enabled');
    expect((await client.send(new GenerateRandomCommand({ NumberOfBytes: 16, CustomKeyStoreId }))).Plaintext).toHaveLength(16);
  });

  it('keeps a key pending deletion in PendingDeletion while disconnected (footnote 13)', async () => {
    const CustomKeyStoreId = await connected(cloudHsm());
    const key = (await client.send(new CreateKeyCommand({ CustomKeyStoreId, Origin: 'AWS_CLOUDHSM' }))).KeyMetadata!;
    await client.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId!, PendingWindowInDays: 7 }));
    await client.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId }));
    expect(await stateOf(key.KeyId!)).toBe('PendingDeletion');
    await client.send(new CancelKeyDeletionCommand({ KeyId: key.KeyId! }));
    expect(await stateOf(key.KeyId!)).toBe('Unavailable');
  });
});

describe('UpdateCustomKeyStore and DeleteCustomKeyStore', () => {
  it('renames a connected store, but changes other settings only while disconnected', async () => {
    const CustomKeyStoreId = await connected(cloudHsm());
    await client.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId, NewCustomKeyStoreName: 'renamed' }));
    expect((await storeOf(CustomKeyStoreId)).CustomKeyStoreName).toBe('renamed');
    await expectKmsError(
      client.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId, KeyStorePassword: 'new-password' })),
      'CustomKeyStoreInvalidStateException',
      `The custom key store ${CustomKeyStoreId} has connection state CONNECTED, which is not valid for UpdateCustomKeyStore.`,
    );
    await client.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId }));
    await client.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId, KeyStorePassword: 'new-password' }));
  });

  it('deletes a store only when disconnected and empty (CustomKeyStoreHasCMKsException)', async () => {
    const CustomKeyStoreId = await connected(cloudHsm());
    const key = (await client.send(new CreateKeyCommand({ CustomKeyStoreId, Origin: 'AWS_CLOUDHSM' }))).KeyMetadata!;
    await expectKmsError(
      client.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId })),
      'CustomKeyStoreInvalidStateException',
      `The custom key store ${CustomKeyStoreId} has connection state CONNECTED, which is not valid for DeleteCustomKeyStore.`,
    );
    await client.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId!, PendingWindowInDays: 7 }));
    await client.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId }));
    await expectKmsError(
      client.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId })),
      'CustomKeyStoreHasCMKsException',
      `The custom key store ${CustomKeyStoreId} contains KMS keys. Schedule their deletion and wait until they are deleted.`,
    );
    kms.advanceTime(7 * DAY_MS);
    await client.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId }));
    expect((await client.send(new DescribeCustomKeyStoresCommand({}))).CustomKeyStores).toEqual([]);
  });
});
