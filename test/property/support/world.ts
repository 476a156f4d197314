import * as Sdk from '@aws-sdk/client-kms';
import {
  ConnectCustomKeyStoreCommand,
  CreateAliasCommand,
  CreateCustomKeyStoreCommand,
  CreateGrantCommand,
  CreateKeyCommand,
  DisableKeyCommand,
  DisconnectCustomKeyStoreCommand,
  EnableKeyRotationCommand,
  EncapsulateCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateMacCommand,
  GetKeyPolicyCommand,
  GetParametersForImportCommand,
  GetPublicKeyCommand,
  ListAliasesCommand,
  ListKeysCommand,
  ReplicateKeyCommand,
  ScheduleKeyDeletionCommand,
  SignCommand,
  TagResourceCommand,
  type KeyMetadata,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { KmsFake, type KmsFakeSnapshot } from 'kms-fake';
import { fakeClient } from '../../support/client';
import { importMaterial, wrap } from '../../support/importMaterial';

/**
 * The world every generated call lands in: keys of every spec and usage the SDK names (whatever
 * CreateKey accepts), in the states a user reaches (Enabled, Disabled, PendingDeletion,
 * PendingImport, imported material, multi-Region primary and replica, keys in connected and
 * disconnected custom key stores), with aliases, grants, tags and rotation, all made through API
 * calls. Its values (IDs, ARNs, ciphertexts, signatures, tokens, markers) become the pools the
 * generators draw from, so calls reach deep paths, not only validation.
 */

export const HOME_REGION = 'us-east-1';
export const OTHER_REGION = 'us-west-2';
export const CHINA_REGION = 'cn-north-1';
export const CLIENT_REGIONS = [HOME_REGION, OTHER_REGION, CHINA_REGION] as const;
const ACCOUNT = '111122223333';
const FIXED_TIME = Date.UTC(2026, 0, 15, 12);

export interface World {
  readonly kms: KmsFake;
  readonly clients: Readonly<Record<(typeof CLIENT_REGIONS)[number], KMSClient>>;
  /** The state right after setup: every run starts from it. */
  readonly start: KmsFakeSnapshot;
}

/** Values of the world, by what they are; the generators pick members' values from these. */
export interface Pools {
  /** Each key's references (ID, ARN, aliases), and values that fit it (its algorithms, its import parameters) by member name. */
  keys: { refs: string[]; members: Record<string, unknown[]> }[];
  keyRefs: string[];
  foreignKeyRefs: string[];
  aliasNames: string[];
  grantIds: string[];
  grantTokens: string[];
  storeIds: string[];
  storeNames: string[];
  markers: string[];
  policies: string[];
  regions: string[];
  principals: string[];
  ciphertexts: Uint8Array[];
  signatures: Uint8Array[];
  macs: Uint8Array[];
  messages: Uint8Array[];
  publicKeys: Uint8Array[];
  importTokens: Uint8Array[];
  wrappedMaterial: Uint8Array[];
  contexts: Record<string, string>[];
}

/** A fake with a fixed clock and seed, so two worlds built alike are alike, draw for draw. */
export async function buildWorld(seed: string): Promise<{ world: World; pools: Pools }> {
  const kms = new KmsFake({ seed, clock: () => FIXED_TIME, transientDelays: { creating: 0, updating: 0, connecting: 0 } });
  const clients = { [HOME_REGION]: fakeClient(kms, HOME_REGION), [OTHER_REGION]: fakeClient(kms, OTHER_REGION), [CHINA_REGION]: fakeClient(kms, CHINA_REGION) };
  const home = clients[HOME_REGION];
  const p: Pools = {
    keys: [],
    keyRefs: [], foreignKeyRefs: [], aliasNames: [], grantIds: [], grantTokens: [], storeIds: [], storeNames: [], markers: [],
    policies: ['{}', 'not json', JSON.stringify({ Version: '2012-10-17', Statement: [] })], principals: [`arn:aws:iam::${ACCOUNT}:root`, `arn:aws:iam::${ACCOUNT}:role/app`, 'arn:aws:iam::444455556666:user/other', 'kms.amazonaws.com'],
    regions: [HOME_REGION, OTHER_REGION, 'eu-west-1', CHINA_REGION, 'us-gov-west-1', 'ap-southeast-7', 'nowhere-1', 'US-EAST-1'],
    ciphertexts: [], signatures: [], macs: [], messages: [Buffer.from('hello')], publicKeys: [], importTokens: [], wrappedMaterial: [], contexts: [{ purpose: 'test' }, {}],
  };
  const keys: KeyMetadata[] = [];
  const create = async (input: Sdk.CreateKeyCommandInput, client = home) => {
    try {
      const key = (await client.send(new CreateKeyCommand(input))).KeyMetadata!;
      keys.push(key);
      return key;
    } catch {
      return undefined; // a spec × usage CreateKey refuses is no key of the world
    }
  };
  // Every spec × usage the SDK names, as far as CreateKey accepts it (SM2 only in China).
  for (const KeySpec of Object.values(Sdk.KeySpec)) {
    for (const KeyUsage of Object.values(Sdk.KeyUsageType)) await create({ KeySpec, KeyUsage }, KeySpec === 'SM2' ? clients[CHINA_REGION] : home);
  }
  const byShape = (spec: string, usage: string) => keys.find((k) => k.KeySpec === spec && k.KeyUsage === usage)!;
  const sym = byShape('SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT');
  await home.send(new EnableKeyRotationCommand({ KeyId: sym.KeyId }));
  await home.send(new TagResourceCommand({ KeyId: sym.KeyId, Tags: [{ TagKey: 'team', TagValue: 'property' }] }));
  const disabled = (await create({ Description: 'disabled' }))!;
  await home.send(new DisableKeyCommand({ KeyId: disabled.KeyId }));
  for (const input of [{ Description: 'deleting' }, { KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' } as const]) {
    const key = (await create(input))!;
    await home.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
  }
  const pendingImport = (await create({ Origin: 'EXTERNAL' }))!;
  const imported = (await create({ Origin: 'EXTERNAL', Description: 'imported' }))!;
  await importMaterial(home, imported.KeyId!, new Uint8Array(32).fill(7));
  /** Values that fit one key, by key ID: its import parameters, what it encrypted, signed, MACed. */
  const fitting = new Map<string, Record<string, unknown[]>>();
  for (const key of [pendingImport, imported]) {
    const params = await home.send(new GetParametersForImportCommand({ KeyId: key.KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }));
    const material = wrap(params.PublicKey!, 'RSAES_OAEP_SHA_256', new Uint8Array(32).fill(key === imported ? 7 : 9));
    p.importTokens.push(params.ImportToken!);
    p.wrappedMaterial.push(material);
    fitting.set(key.KeyId!, { ImportToken: [params.ImportToken!], EncryptedKeyMaterial: [material] });
  }
  const primary = (await create({ MultiRegion: true, Description: 'primary' }))!;
  const replica = (await home.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: OTHER_REGION }))).ReplicaKeyMetadata!;
  p.foreignKeyRefs.push(replica.Arn!);
  for (const [n, connected] of [[1, true], [2, false]] as const) {
    const name = `property-store-${n}`;
    const { CustomKeyStoreId } = await home.send(
      new CreateCustomKeyStoreCommand({ CustomKeyStoreName: name, CloudHsmClusterId: `cluster-${String(n).padStart(11, '0')}`, TrustAnchorCertificate: 'anchor', KeyStorePassword: 'kmsuser-password' }),
    );
    await home.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId }));
    kms.settle();
    await create({ CustomKeyStoreId, Origin: 'AWS_CLOUDHSM' });
    if (!connected) await home.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId }));
    p.storeIds.push(CustomKeyStoreId!);
    p.storeNames.push(name);
  }
  for (const [i, key] of [sym, disabled, primary, byShape('HMAC_256', 'GENERATE_VERIFY_MAC'), byShape('RSA_2048', 'ENCRYPT_DECRYPT')].entries()) {
    await home.send(new CreateAliasCommand({ AliasName: `alias/property-${i}`, TargetKeyId: key.KeyId }));
  }
  const grant = await home.send(new CreateGrantCommand({ KeyId: sym.KeyId, GranteePrincipal: p.principals[1], RetiringPrincipal: p.principals[0], Operations: ['Encrypt', 'Decrypt'], Name: 'property' }));
  p.grantIds.push(grant.GrantId!);
  p.grantTokens.push(grant.GrantToken!);

  await collectCrypto(home, p, sym, byShape, fitting);
  p.policies.push((await home.send(new GetKeyPolicyCommand({ KeyId: sym.KeyId }))).Policy!);
  p.markers.push((await home.send(new ListKeysCommand({ Limit: 1 }))).NextMarker!, (await home.send(new ListAliasesCommand({ Limit: 1 }))).NextMarker!);
  const { Aliases } = await home.send(new ListAliasesCommand({}));
  for (const alias of Aliases!) {
    p.aliasNames.push(alias.AliasName!);
    p.keyRefs.push(alias.AliasName!, alias.AliasArn!);
  }
  for (const key of keys) {
    const aliases = Aliases!.filter((a) => a.TargetKeyId === key.KeyId).flatMap((a) => [a.AliasName!, a.AliasArn!]);
    p.keys.push({ refs: [key.KeyId!, key.Arn!, ...aliases], members: { ...algorithmsOf(key), ...fitting.get(key.KeyId!) } });
    p.keyRefs.push(key.KeyId!, key.Arn!);
    p.foreignKeyRefs.push(
      key.Arn!.replace(ACCOUNT, '444455556666'),
      key.Arn!.replace(':us-east-1:', ':eu-west-1:'),
      key.Arn!.replace('arn:aws:', 'arn:aws-cn:'),
      key.KeyId!.toUpperCase(),
      `key/${key.KeyId}`,
    );
  }
  kms.settle();
  return { world: { kms, clients, start: kms.snapshot() }, pools: p };
}

/**
 * Ciphertexts, signatures, MACs, public keys and KEM ciphertexts made by the world's keys, into
 * the pools and, by key ID, into `made` (so a call on a key can carry what that key made).
 */
async function collectCrypto(home: KMSClient, p: Pools, sym: KeyMetadata, byShape: (spec: string, usage: string) => KeyMetadata, made: Map<string, Record<string, unknown[]>>) {
  const message = p.messages[0]!;
  const record = (key: KeyMetadata, member: string, value: Uint8Array) => {
    const members = made.get(key.KeyId!) ?? {};
    (members[member] ??= []).push(value);
    made.set(key.KeyId!, members);
    return value;
  };
  const c1 = record(sym, 'CiphertextBlob', (await home.send(new EncryptCommand({ KeyId: sym.KeyId, Plaintext: message, EncryptionContext: p.contexts[0] }))).CiphertextBlob!);
  const c2 = record(sym, 'CiphertextBlob', (await home.send(new GenerateDataKeyCommand({ KeyId: sym.KeyId, KeySpec: 'AES_256' }))).CiphertextBlob!);
  const rsa = byShape('RSA_2048', 'ENCRYPT_DECRYPT');
  const c3 = record(rsa, 'CiphertextBlob', (await home.send(new EncryptCommand({ KeyId: rsa.KeyId, Plaintext: message, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }))).CiphertextBlob!);
  const tampered = Uint8Array.from(c1);
  tampered[tampered.length - 1]! ^= 1;
  p.ciphertexts.push(c1, c2, c3, tampered, c1.subarray(0, 20));
  const ecc = byShape('ECC_NIST_P256', 'SIGN_VERIFY');
  p.signatures.push(record(ecc, 'Signature', (await home.send(new SignCommand({ KeyId: ecc.KeyId, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' }))).Signature!));
  const hmac = byShape('HMAC_256', 'GENERATE_VERIFY_MAC');
  p.macs.push(record(hmac, 'Mac', (await home.send(new GenerateMacCommand({ KeyId: hmac.KeyId, Message: message, MacAlgorithm: 'HMAC_SHA_256' }))).Mac!));
  for (const spec of ['ECC_NIST_P256', 'ECC_NIST_P384']) {
    // A public key of the same curve, as DeriveSharedSecret's peer (here the key's own).
    const peer = (await home.send(new GetPublicKeyCommand({ KeyId: byShape(spec, 'KEY_AGREEMENT').KeyId }))).PublicKey!;
    p.publicKeys.push(record(byShape(spec, 'KEY_AGREEMENT'), 'PublicKey', peer));
  }
  const kem = byShape('ML_KEM_768', 'ENCAPSULATE_DECAPSULATE');
  p.ciphertexts.push(record(kem, 'SharedSecretCiphertextBlob', (await home.send(new EncapsulateCommand({ KeyId: kem.KeyId, EncapsulationAlgorithm: 'ML_KEM' }))).SharedSecretCiphertextBlob!));
}

/** The algorithm members a call on this key may name, with the values the key offers. */
function algorithmsOf(key: KeyMetadata): Record<string, string[]> {
  const encryption = key.EncryptionAlgorithms ?? [];
  return {
    EncryptionAlgorithm: encryption,
    SourceEncryptionAlgorithm: encryption,
    DestinationEncryptionAlgorithm: encryption,
    SigningAlgorithm: key.SigningAlgorithms ?? [],
    MacAlgorithm: key.MacAlgorithms ?? [],
    KeyAgreementAlgorithm: key.KeyAgreementAlgorithms ?? [],
    EncapsulationAlgorithm: key.EncapsulationAlgorithms ?? [],
  };
}
