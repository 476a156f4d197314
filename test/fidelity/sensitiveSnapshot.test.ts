import {
  CreateCustomKeyStoreCommand,
  CreateGrantCommand,
  CreateKeyCommand,
  GetParametersForImportCommand,
  GetPublicKeyCommand,
  SignCommand,
  UpdateCustomKeyStoreCommand,
} from '@aws-sdk/client-kms';
import { inspect } from 'node:util';
import { setup } from '../support/client';
import { importMaterial } from '../support/importMaterial';

/**
 * `kms.snapshot()` holds key material, custom key store passwords and XKS credentials: `rollback`
 * needs them, and comparing two snapshots (`toEqual`) must see a change of material. What a user
 * prints, logs or writes of it (console.log, util.inspect, JSON.stringify) shows everything else
 * and none of those; so does printing the fake itself.
 */
const PASSWORD = 'pw-CANARY-ok-42';
const ACCESS_KEY = 'CANARYAKIDQRSTUVWXYZ';
const SECRET = 'CanarySecretCanarySecretCanarySecretCanary+/=4';
const MATERIAL = Buffer.from('imported-CANARY-material-32bytes');
const CANARIES = [PASSWORD, ACCESS_KEY, SECRET, MATERIAL.toString('utf8'), MATERIAL.toString('hex'), MATERIAL.toString('base64')];

/** Every byte array in a value (key material, seeds, private keys): none may show in print. */
function byteArrays(value: unknown, seen = new Set<unknown>()): Uint8Array[] {
  if (value instanceof Uint8Array) return [value];
  if (value === null || typeof value !== 'object' || seen.has(value)) return [];
  seen.add(value);
  const children = value instanceof Map ? [...value.values()] : Object.values(value);
  return children.flatMap((child) => byteArrays(child, seen));
}

/** The ways a user prints or writes a value. */
const printed = (value: unknown) => [
  JSON.stringify(value),
  inspect(value),
  inspect(value, { showHidden: true, depth: Infinity, maxArrayLength: Infinity, maxStringLength: Infinity }),
];

/** Which secrets (canaries, and the hex and base64 of every byte array of at least 16 bytes in `raw`) show in the texts. */
function leaks(texts: string[], raw: unknown): string[] {
  const secrets = [
    ...CANARIES,
    ...byteArrays(raw)
      .filter((bytes) => bytes.length >= 16)
      .flatMap((bytes) => [Buffer.from(bytes).toString('hex'), Buffer.from(bytes).toString('base64')]),
  ];
  return secrets.filter((secret) => texts.some((text) => text.includes(secret)));
}

async function fakeWithSecrets() {
  const { kms, client } = setup();
  await client.send(
    new CreateCustomKeyStoreCommand({
      CustomKeyStoreName: 'hsm',
      CloudHsmClusterId: 'cluster-1a23b4cdefg',
      TrustAnchorCertificate: '-----BEGIN CERTIFICATE-----trust-----END CERTIFICATE-----',
      KeyStorePassword: PASSWORD,
    }),
  );
  await client.send(
    new CreateCustomKeyStoreCommand({
      CustomKeyStoreName: 'xks',
      CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
      XksProxyUriEndpoint: 'https://xks.example.com',
      XksProxyUriPath: '/example/kms/xks/v1',
      XksProxyConnectivity: 'PUBLIC_ENDPOINT',
      XksProxyAuthenticationCredential: { AccessKeyId: ACCESS_KEY, RawSecretAccessKey: SECRET },
    }),
  );
  const keyOf = async (input: object) => (await client.send(new CreateKeyCommand(input))).KeyMetadata!.KeyId!;
  await keyOf({});
  await keyOf({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
  // Asymmetric keys whose key pairs have been derived: node:crypto handles and DER private keys.
  const ecc = await keyOf({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
  await client.send(new SignCommand({ KeyId: ecc, Message: Buffer.from('m'), SigningAlgorithm: 'ECDSA_SHA_256' }));
  await client.send(new GetPublicKeyCommand({ KeyId: await keyOf({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' }) }));
  // Imported material, and an outstanding import's private wrapping key.
  const external = await keyOf({ Origin: 'EXTERNAL' });
  await importMaterial(client, external, MATERIAL);
  await client.send(new GetParametersForImportCommand({ KeyId: external, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }));
  return kms;
}

describe('snapshots and the fake, printed or serialized, show no secret', () => {
  it('console.log, util.inspect and JSON.stringify of kms.snapshot() show none of them', async () => {
    const kms = await fakeWithSecrets();
    const snapshot = kms.snapshot();
    // The secrets are in the snapshot (for rollback): the check below can fail.
    expect(leaks([inspect(snapshot.store.regions, { depth: Infinity })], snapshot)).toEqual(expect.arrayContaining([PASSWORD, ACCESS_KEY, SECRET]));
    expect(byteArrays(snapshot).length).toBeGreaterThan(8);
    expect(leaks(printed(snapshot), snapshot)).toEqual([]);
    expect(printed(snapshot).join('\n')).not.toMatch(/Uint8Array|Buffer|"0":/);
  });

  it('what it does show: the state a test reasons about', async () => {
    const kms = await fakeWithSecrets();
    const [shown] = printed(kms.snapshot());
    const json = JSON.parse(shown!) as { store: { regions: { keys: { keySpec: string; state: string; materials: { secret: string }[] }[]; customKeyStores: { name: string; keyStorePassword?: string }[] }[] } };
    const region = json.store.regions[0]!;
    expect(region.keys.map((k) => [k.keySpec, k.state])).toContainEqual(['ECC_NIST_P256', 'Enabled']);
    expect(region.customKeyStores.map((s) => s.name).sort()).toEqual(['hsm', 'xks']);
    expect(region.keys[0]!.materials[0]!.secret).toMatch(/^\[\d+ bytes, not shown\]$/);
    expect(region.customKeyStores.find((s) => s.name === 'hsm')!.keyStorePassword).toBe('[not shown]');
  });

  it('hides secrets by where they are stored, not by name: a grant constraint keyed `secret` shows its value', async () => {
    const { kms, client } = setup();
    const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
    const context = { secret: 'ctx-1', accessKeyId: 'ctx-2', keyStorePassword: 'ctx-3' };
    const grantee = 'arn:aws:iam::111122223333:role/app';
    await client.send(new CreateGrantCommand({ KeyId: KeyMetadata!.KeyId, GranteePrincipal: grantee, Operations: ['Decrypt'], Constraints: { EncryptionContextSubset: context } }));
    const json = JSON.parse(JSON.stringify(kms.snapshot())) as { store: { regions: { grants: { constraints: { EncryptionContextSubset: object } }[] }[] } };
    expect(json.store.regions[0]!.grants[0]!.constraints.EncryptionContextSubset).toEqual(context);
  });

  it('printing the fake, or the errors in its call history, shows no stored secret either', async () => {
    const kms = await fakeWithSecrets();
    expect(leaks(printed(kms), kms.snapshot())).toEqual([]);
    const errors = kms.calls().map((call) => call.error);
    expect(leaks(printed(errors), kms.snapshot())).toEqual([]);
  });

  it('a change of a secret alone is invisible in print, yet toEqual sees it and rollback undoes it', async () => {
    const { kms, client } = setup();
    const { CustomKeyStoreId } = await client.send(
      new CreateCustomKeyStoreCommand({
        CustomKeyStoreName: 'hsm',
        CloudHsmClusterId: 'cluster-1a23b4cdefg',
        TrustAnchorCertificate: '-----BEGIN CERTIFICATE-----trust-----END CERTIFICATE-----',
        KeyStorePassword: PASSWORD,
      }),
    );
    const before = kms.snapshot();
    await client.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId, KeyStorePassword: 'another-password' }));
    const after = kms.snapshot();
    expect(printed(after)).toEqual(printed(before));
    expect(after).not.toEqual(before);
    kms.rollback(before);
    expect(kms.snapshot()).toEqual(before);
  });
});
