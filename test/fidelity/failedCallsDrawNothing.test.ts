import { CreateCustomKeyStoreCommand, type KMSClient } from '@aws-sdk/client-kms';
import { failure, setup } from '../support/client';

/**
 * A refused call draws nothing from the fake's entropy: with a seed, the IDs and key material
 * that follow are the same whether or not a call failed before them (found by the property
 * tests in test/property, which compare a fake with a twin that never saw the failed call).
 */

const cloudHsmStore = (n: number) =>
  new CreateCustomKeyStoreCommand({
    CustomKeyStoreName: `store-${n}`,
    CloudHsmClusterId: `cluster-${String(n).padStart(11, '0')}`,
    TrustAnchorCertificate: 'anchor',
    KeyStorePassword: 'kmsuser-password',
  });

/** The ID a second custom key store of a fresh seeded fake gets, with `between` run after the first. */
async function secondStoreId(between: (client: KMSClient) => Promise<unknown>): Promise<string> {
  const { client } = setup({ seed: 'draws' });
  await client.send(cloudHsmStore(0));
  await between(client);
  return (await client.send(cloudHsmStore(1))).CustomKeyStoreId!;
}

describe('a refused CreateCustomKeyStore', () => {
  it.each([
    ['without the CloudHSM members', { CustomKeyStoreName: 'incomplete' }],
    ['naming a cluster already in use', { CustomKeyStoreName: 'taken', CloudHsmClusterId: 'cluster-00000000000', TrustAnchorCertificate: 'a', KeyStorePassword: 'kmsuser-password' }],
    ['of an external key store without its proxy settings', { CustomKeyStoreName: 'xks', CustomKeyStoreType: 'EXTERNAL_KEY_STORE' as const }],
  ])('%s leaves the next store ID as it was', async (_label, input) => {
    const expected = await secondStoreId(() => Promise.resolve());
    const afterFailure = await secondStoreId((client) => failure(client.send(new CreateCustomKeyStoreCommand(input))));
    expect(afterFailure).toBe(expected);
  });
});
