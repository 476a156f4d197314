import {
  CreateKeyCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  GenerateRandomCommand,
  KeySpec,
  KeyUsageType,
  ListKeysCommand,
  ScheduleKeyDeletionCommand,
  UpdateKeyDescriptionCommand,
  type KeyMetadata,
  type KMSClient,
} from '@aws-sdk/client-kms';
import type { KmsFake } from 'kms-fake';
import { fakeClient, setup } from './support/client';
import { expectKmsError, type ModeledName, type UnmodeledName } from './support/errors';

let kms: KmsFake;
let client: KMSClient;
beforeEach(() => {
  ({ kms, client } = setup());
});

const KEY_ARN = (id: string, region = 'us-east-1') => `arn:aws:kms:${region}:111122223333:key/${id}`;

async function symmetricKey(): Promise<{ keyId: string; arn: string }> {
  const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
  return { keyId: KeyMetadata!.KeyId!, arn: KeyMetadata!.Arn! };
}

/** Every key the client's region holds, with what a failed call must not change. */
async function keysOf(c: KMSClient = client) {
  const { Keys } = await c.send(new ListKeysCommand({}));
  return Promise.all(
    Keys!.map(async ({ KeyId }) => {
      const { KeyMetadata } = await c.send(new DescribeKeyCommand({ KeyId }));
      return { KeyId, KeyState: KeyMetadata!.KeyState, Description: KeyMetadata!.Description };
    }),
  );
}

/**
 * The call fails with exactly this error, and afterwards the region lists the same keys and the
 * whole fake (keys, material, aliases, tags, policies, grants) is exactly as before.
 */
async function refused(call: () => Promise<unknown>, code: ModeledName | UnmodeledName, message: string, c: KMSClient = client) {
  const before = { keys: await keysOf(c), state: kms.snapshot() };
  await expectKmsError(call(), code, message);
  expect({ keys: await keysOf(c), state: kms.snapshot() }).toEqual(before);
}

const tooBig = (path: string, max: number, value?: string) =>
  `1 validation error detected: Value ${value === undefined ? '' : `'${value}' `}at '${path}' failed to satisfy constraint: Member must have ${path === 'plaintext' || path === 'description' || path === 'marker' ? 'length' : 'value'} less than or equal to ${max}`;

describe('GenerateRandom NumberOfBytes', () => {
  it.each([
    ['0', 0, "1 validation error detected: Value '0' at 'numberOfBytes' failed to satisfy constraint: Member must have value greater than or equal to 1"],
    ['1025', 1025, "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024"],
    ['missing', undefined, 'NumberOfBytes is required.'],
  ])('%s is refused with ValidationException', async (_label, n, message) => {
    await refused(() => client.send(new GenerateRandomCommand({ NumberOfBytes: n })), 'ValidationException', message);
  });

  it.each([1, 1024])('%s is accepted', async (n) => {
    expect((await client.send(new GenerateRandomCommand({ NumberOfBytes: n }))).Plaintext).toHaveLength(n);
  });
});

describe('Encrypt plaintext size', () => {
  it('refuses 4097 bytes without echoing the plaintext, and accepts 4096', async () => {
    const key = await symmetricKey();
    await refused(
      () => client.send(new EncryptCommand({ KeyId: key.keyId, Plaintext: Buffer.alloc(4097, 0x61) })),
      'ValidationException',
      "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096",
    );
    await client.send(new EncryptCommand({ KeyId: key.keyId, Plaintext: Buffer.alloc(4096) }));
  });

  // messages.md 4, tag C/D: the A wording with the lower bound.
  it('refuses an empty plaintext (tag C/D)', async () => {
    const key = await symmetricKey();
    await refused(
      () => client.send(new EncryptCommand({ KeyId: key.keyId, Plaintext: new Uint8Array(0) })),
      'ValidationException',
      "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });
});

describe('GenerateDataKey size: exactly one of KeySpec and NumberOfBytes', () => {
  const commands = {
    GenerateDataKey: (input: object) => new GenerateDataKeyCommand(input as never),
    GenerateDataKeyWithoutPlaintext: (input: object) => new GenerateDataKeyWithoutPlaintextCommand(input as never),
  };
  // messages.md 4: "neither" is tag C (+ a 2019 AWS record for GenerateRandom); "both" is tag C.
  it.each(
    Object.keys(commands).flatMap((op) => [
      [op, 'neither (tag C/B)', {}],
      [op, 'both (tag C)', { KeySpec: 'AES_256', NumberOfBytes: 32 }],
    ]),
  )('%s with %s is refused', async (op, _label, size) => {
    const key = await symmetricKey();
    const command = commands[op as keyof typeof commands]({ KeyId: key.keyId, ...(size) });
    await refused(() => client.send(command), 'ValidationException', 'Please specify either number of bytes or key spec.');
  });

  // messages.md 4, tag C/D: the GenerateRandom wording applied to GenerateDataKey.
  it.each([
    [0, "1 validation error detected: Value '0' at 'numberOfBytes' failed to satisfy constraint: Member must have value greater than or equal to 1"],
    [1025, tooBig('numberOfBytes', 1024, '1025')],
  ])('NumberOfBytes %s is refused (tag C/D)', async (n, message) => {
    const key = await symmetricKey();
    await refused(() => client.send(new GenerateDataKeyCommand({ KeyId: key.keyId, NumberOfBytes: n })), 'ValidationException', message);
  });
});

describe('ScheduleKeyDeletion PendingWindowInDays', () => {
  it.each([6, 31])('%s days is refused and the key stays Enabled', async (days) => {
    const key = await symmetricKey();
    await refused(
      () => client.send(new ScheduleKeyDeletionCommand({ KeyId: key.keyId, PendingWindowInDays: days })),
      'ValidationException',
      'PendingWindowInDays must be between 7 and 30',
    );
  });

  it.each([7, 30])('%s days is accepted', async (days) => {
    const key = await symmetricKey();
    const out = await client.send(new ScheduleKeyDeletionCommand({ KeyId: key.keyId, PendingWindowInDays: days }));
    expect(out).toMatchObject({ KeyState: 'PendingDeletion', PendingWindowInDays: days });
  });
});

describe('limits with no confirmed AWS text (tag D: generic validation wording)', () => {
  const longDescription = 'd'.repeat(8193);
  it.each([
    ['ListKeys Limit 0', () => client.send(new ListKeysCommand({ Limit: 0 })),
      "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"],
    ['ListKeys Limit 1001', () => client.send(new ListKeysCommand({ Limit: 1001 })), tooBig('limit', 1000, '1001')],
    ['CreateKey Description of 8193 characters', () => client.send(new CreateKeyCommand({ Description: longDescription })),
      tooBig('description', 8192, longDescription)],
  ])('%s is refused with ValidationException (tag D)', async (_label, call, message) => {
    await symmetricKey();
    await refused(call, 'ValidationException', message);
  });

  it('UpdateKeyDescription refuses 8193 characters and keeps the old description (tag D)', async () => {
    const key = await symmetricKey();
    await refused(
      () => client.send(new UpdateKeyDescriptionCommand({ KeyId: key.keyId, Description: longDescription })),
      'ValidationException',
      tooBig('description', 8192, longDescription),
    );
  });

  it('reports several violations in one request together (tag D: their order)', async () => {
    const longTagKey = 't'.repeat(129);
    await refused(
      () => client.send(new CreateKeyCommand({ Description: longDescription, Tags: [{ TagKey: longTagKey, TagValue: 'v' }] })),
      'ValidationException',
      `2 validation errors detected: Value '${longDescription}' at 'description' failed to satisfy constraint: Member must have length less than or equal to 8192; ` +
        `Value '${longTagKey}' at 'tags.1.member.tagKey' failed to satisfy constraint: Member must have length less than or equal to 128`,
    );
  });
});

describe('KeyId forms that find no key', () => {
  const unknownUuid = '1234abcd-12ab-34cd-56ef-1234567890ab';
  const unknownMrk = `mrk-${'0123456789abcdef'.repeat(2)}`;
  const calls = {
    DescribeKey: (KeyId: string) => client.send(new DescribeKeyCommand({ KeyId })),
    Encrypt: (KeyId: string) => client.send(new EncryptCommand({ KeyId, Plaintext: Buffer.from('x') })),
  };
  it.each(
    Object.keys(calls).flatMap((op) => [
      [op, 'a malformed id', 'foo', "Invalid keyId 'foo'"],
      [op, 'a UUID without dashes', '134f2428cec14b25a1ae9048164dba47', "Invalid keyId '134f2428cec14b25a1ae9048164dba47'"],
      [op, 'a malformed mrk id', 'mrk-fake-key-id', "Invalid keyId 'mrk-fake-key-id'"],
      [op, 'an unknown UUID', unknownUuid, `Key '${KEY_ARN(unknownUuid)}' does not exist`],
      [op, 'an unknown multi-Region id', unknownMrk, `Key '${KEY_ARN(unknownMrk)}' does not exist`],
      [op, 'an unknown key ARN', KEY_ARN(unknownUuid), `Key '${KEY_ARN(unknownUuid)}' does not exist`],
      [op, 'an unknown alias', 'alias/nope', 'Alias arn:aws:kms:us-east-1:111122223333:alias/nope is not found.'],
      // Tag D: AWS's generic length wording applied to keyId.
      [op, 'an empty KeyId (tag D)', '', "1 validation error detected: Value '' at 'keyId' failed to satisfy constraint: Member must have length greater than or equal to 1"],
    ]),
  )('%s with %s is refused', async (op, _label, keyId, message) => {
    await symmetricKey();
    const code = keyId === '' ? 'ValidationException' : 'NotFoundException';
    await refused(() => calls[op as keyof typeof calls](keyId), code, message);
  });

  it.each(Object.keys(calls))('%s with the ARN of a key in another region names that region', async (op) => {
    const { KeyMetadata } = await fakeClient(kms, 'ap-southeast-1').send(new CreateKeyCommand({}));
    const id = KeyMetadata!.KeyId!;
    await refused(() => calls[op as keyof typeof calls](KeyMetadata!.Arn!), 'NotFoundException', 'Invalid arn ap-southeast-1');
    // The bare ID is looked up in the caller's region, and the message says so.
    await refused(() => calls[op as keyof typeof calls](id), 'NotFoundException', `Key '${KEY_ARN(id)}' does not exist`);
  });
});

// ---- CreateKey: KeySpec × KeyUsage ----

/** Valid usages per spec, from the AWS API Reference (CreateKey, KeySpec); written out here on purpose. */
const VALID_USAGES: Record<KeySpec, readonly KeyUsageType[]> = {
  SYMMETRIC_DEFAULT: ['ENCRYPT_DECRYPT'],
  RSA_2048: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'],
  RSA_3072: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'],
  RSA_4096: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'],
  ECC_NIST_P256: ['SIGN_VERIFY', 'KEY_AGREEMENT'],
  ECC_NIST_P384: ['SIGN_VERIFY', 'KEY_AGREEMENT'],
  ECC_NIST_P521: ['SIGN_VERIFY', 'KEY_AGREEMENT'],
  ECC_SECG_P256K1: ['SIGN_VERIFY'],
  ECC_NIST_EDWARDS25519: ['SIGN_VERIFY'],
  HMAC_224: ['GENERATE_VERIFY_MAC'],
  HMAC_256: ['GENERATE_VERIFY_MAC'],
  HMAC_384: ['GENERATE_VERIFY_MAC'],
  HMAC_512: ['GENERATE_VERIFY_MAC'],
  ML_DSA_44: ['SIGN_VERIFY'],
  ML_DSA_65: ['SIGN_VERIFY'],
  ML_DSA_87: ['SIGN_VERIFY'],
  ML_KEM_512: ['ENCAPSULATE_DECAPSULATE'],
  ML_KEM_768: ['ENCAPSULATE_DECAPSULATE'],
  ML_KEM_1024: ['ENCAPSULATE_DECAPSULATE'],
  SM2: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'KEY_AGREEMENT'],
};

/** The KeyMetadata field that lists a key's algorithms, per key usage. */
const ALGORITHM_FIELD: Record<KeyUsageType, keyof KeyMetadata> = {
  ENCRYPT_DECRYPT: 'EncryptionAlgorithms',
  SIGN_VERIFY: 'SigningAlgorithms',
  GENERATE_VERIFY_MAC: 'MacAlgorithms',
  KEY_AGREEMENT: 'KeyAgreementAlgorithms',
  ENCAPSULATE_DECAPSULATE: 'EncapsulationAlgorithms',
};

const SPECS = Object.values(KeySpec);
const USAGES = Object.values(KeyUsageType);
/** SM2 exists only in the China Regions. */
const regionFor = (spec: KeySpec) => (spec === 'SM2' ? 'cn-north-1' : 'us-east-1');

describe('CreateKey KeySpec × KeyUsage', () => {
  it('the table covers every KeySpec the SDK knows', () => {
    expect(Object.keys(VALID_USAGES).sort()).toEqual([...SPECS].sort());
  });

  const combos = SPECS.flatMap((spec) =>
    USAGES.map((usage) => {
      const valid = VALID_USAGES[spec].includes(usage);
      return [spec, usage, valid ? 'is created and described as such' : 'is refused as incompatible', valid] as const;
    }),
  );
  it.each(combos)('%s with %s %s', async (spec, usage, _outcome, valid) => {
    const regional = fakeClient(kms, regionFor(spec));
    const create = () => regional.send(new CreateKeyCommand({ KeySpec: spec, KeyUsage: usage }));
    if (!valid) {
      await refused(create, 'ValidationException', `KeyUsage ${usage} is not compatible with KeySpec ${spec}`, regional);
      return;
    }
    const created = (await create()).KeyMetadata!;
    const described = (await regional.send(new DescribeKeyCommand({ KeyId: created.KeyId }))).KeyMetadata!;
    expect(described).toEqual(created);
    expect(described).toMatchObject({ KeySpec: spec, KeyUsage: usage, KeyState: 'Enabled' });
    const field = ALGORITHM_FIELD[usage];
    expect(described[field]).toEqual(expect.arrayContaining([expect.any(String)]));
    for (const other of Object.values(ALGORITHM_FIELD).filter((f) => f !== field)) expect(described[other]).toBeUndefined();
  });

  it('SYMMETRIC_DEFAULT is the default spec and ENCRYPT_DECRYPT its default usage', async () => {
    const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
    expect(KeyMetadata).toMatchObject({ KeySpec: 'SYMMETRIC_DEFAULT', KeyUsage: 'ENCRYPT_DECRYPT', EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'] });
  });

  it.each(SPECS.filter((s) => s !== 'SYMMETRIC_DEFAULT'))('%s without KeyUsage is refused', async (spec) => {
    const regional = fakeClient(kms, regionFor(spec));
    await refused(
      () => regional.send(new CreateKeyCommand({ KeySpec: spec })),
      'ValidationException',
      'You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.',
      regional,
    );
  });

  // No public record of AWS's text for SM2 outside China: this is the fake's wording.
  it.each(VALID_USAGES.SM2)('SM2 with %s outside the China Regions is UnsupportedOperationException (text unconfirmed)', async (usage) => {
    await refused(
      () => client.send(new CreateKeyCommand({ KeySpec: 'SM2', KeyUsage: usage })),
      'UnsupportedOperationException',
      'KeySpec SM2 is only available in the China Regions.',
    );
  });
});
