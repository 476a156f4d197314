/**
 * AWS's order of checks (src/backend/operations/precedence.ts): for each adjacent pair of rules,
 * one request that breaks both, answered by the earlier rule. The cases a record fixes say so.
 */
import {
  CreateKeyCommand,
  DecryptCommand,
  DisableKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  ReEncryptCommand,
  ScheduleKeyDeletionCommand,
  SignCommand,
  VerifyCommand,
  VerifyMacCommand,
  GenerateMacCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import type { KmsFake } from 'kms-fake';
import { PRECEDENCE, type Rule } from '../../src/backend/operations/precedence';
import { DAY_MS, setup } from '../support/client';
import { expectKmsError, NO_MESSAGE } from '../support/errors';
import { INCORRECT_KEY, keyMaker } from './cryptoSupport';

let kms: KmsFake;
let client: KMSClient;
beforeEach(() => {
  ({ kms, client } = setup());
});

const key = keyMaker(() => client);

async function ciphertext(context: Record<string, string> = { purpose: 'test' }, plaintext = Buffer.from('x')) {
  const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: (await key()).keyId, Plaintext: plaintext, EncryptionContext: context }));
  return CiphertextBlob!;
}

const MALFORMED_TOKEN = 'not-a-grant-token';
const DRY_RUN = 'The request would have succeeded, but the DryRun option is set.';

/** One request per adjacent pair of PRECEDENCE, keyed `earlier>later`. */
const cases: Record<string, () => Promise<void>> = {
  'shape>parameters': async () => {
    // Both KeySpec and NumberOfBytes (a parameter rule), and NumberOfBytes out of range (the shape).
    const { keyId } = await key();
    await expectKmsError(
      client.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', NumberOfBytes: 0 })),
      'ValidationException',
      "1 validation error detected: Value '0' at 'numberOfBytes' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  },
  'parameters>grantTokens': async () => {
    const { keyId } = await key();
    await expectKmsError(
      client.send(new GenerateDataKeyCommand({ KeyId: keyId, GrantTokens: [MALFORMED_TOKEN] })),
      'ValidationException',
      'Please specify either number of bytes or key spec.',
    );
  },
  'grantTokens>keyLookup': async () => {
    await expectKmsError(
      client.send(new EncryptCommand({ KeyId: '134f2428-cec1-4b25-a1ae-9048164dba47', Plaintext: Buffer.from('x'), GrantTokens: [MALFORMED_TOKEN] })),
      'InvalidGrantTokenException',
      'The grant token is not valid.',
    );
  },
  'keyLookup>authorization': async () => {
    // A caller the policies deny, naming a key that does not exist: the lookup answers.
    const enforced = setup({ authorization: 'enforce' }).kms;
    const stranger = new KMSClient({ region: 'us-east-1', maxAttempts: 1 });
    stranger.middlewareStack.use(enforced.plugin({ principal: 'arn:aws:iam::111122223333:role/stranger' }));
    const arn = 'arn:aws:kms:us-east-1:111122223333:key/134f2428-cec1-4b25-a1ae-9048164dba47';
    await expectKmsError(stranger.send(new EncryptCommand({ KeyId: arn, Plaintext: Buffer.from('x') })), 'NotFoundException', `Key '${arn}' does not exist`);
  },
  'authorization>keyState': async () => {
    // The same caller on a disabled key: denied, before the state is told.
    const enforced = setup({ authorization: 'enforce' });
    const stranger = new KMSClient({ region: 'us-east-1', maxAttempts: 1 });
    stranger.middlewareStack.use(enforced.kms.plugin({ principal: 'arn:aws:iam::111122223333:role/stranger' }));
    const { KeyMetadata } = await enforced.client.send(new CreateKeyCommand({}));
    await enforced.client.send(new DisableKeyCommand({ KeyId: KeyMetadata!.KeyId }));
    await expectKmsError(
      stranger.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: Buffer.from('x') })),
      'AccessDeniedException',
      `User: arn:aws:iam::111122223333:role/stranger is not authorized to perform: kms:Encrypt on resource: ${KeyMetadata!.Arn} because no identity-based policy allows the kms:Encrypt action`,
    );
  },
  'keyState>keyMismatch': async () => {
    // Decrypt naming a disabled key that is not the ciphertext's (not recorded; the named key is checked as it is found).
    const blob = await ciphertext();
    const other = await key();
    await client.send(new DisableKeyCommand({ KeyId: other.keyId }));
    await expectKmsError(client.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: other.keyId, EncryptionContext: { purpose: 'test' } })), 'DisabledException', `${other.arn} is disabled.`);
  },
  'keyMismatch>keyUsage': async () => {
    // Recorded: test_error_messaging_for_invalid_keys, decrypt-invalid-key-id.
    const blob = await ciphertext();
    const hmac = await key('HMAC_224', 'GENERATE_VERIFY_MAC');
    await expectKmsError(client.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: hmac.keyId })), 'IncorrectKeyException', INCORRECT_KEY);
  },
  'keyUsage>keySpec': async () => {
    // Recorded: test_error_messaging_for_invalid_keys, sign-invalid-key-id.
    const hmac = await key('HMAC_224', 'GENERATE_VERIFY_MAC');
    await expectKmsError(
      client.send(new SignCommand({ KeyId: hmac.keyId, Message: Buffer.from('m'), MessageType: 'RAW', SigningAlgorithm: 'RSASSA_PSS_SHA_256' })),
      'InvalidKeyUsageException',
      `${hmac.arn} key usage is GENERATE_VERIFY_MAC which is not valid for Sign.`,
    );
  },
  'keySpec>ciphertext': async () => {
    // The right key named, an algorithm it does not offer, and a ciphertext with its last byte changed.
    const k = await key();
    const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: k.keyId, Plaintext: Buffer.from('x') }));
    const tampered = Buffer.from(CiphertextBlob!);
    tampered[tampered.length - 1]! ^= 1;
    await expectKmsError(client.send(new DecryptCommand({ CiphertextBlob: tampered, KeyId: k.keyId })), 'InvalidCiphertextException', NO_MESSAGE);
    await expectKmsError(
      client.send(new DecryptCommand({ CiphertextBlob: tampered, KeyId: k.keyId, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' })),
      'InvalidKeyUsageException',
      'Algorithm RSAES_OAEP_SHA_256 is incompatible with key spec SYMMETRIC_DEFAULT.',
    );
  },
  'ciphertext>message': async () => {
    // ReEncrypt to RSA: the plaintext would not fit, but the ciphertext does not open first.
    const blob = await ciphertext({ a: '1' }, Buffer.alloc(1000, 0x41));
    const rsa = await key('RSA_2048');
    await expectKmsError(
      client.send(new ReEncryptCommand({ CiphertextBlob: blob, SourceEncryptionContext: { a: '2' }, DestinationKeyId: rsa.keyId, DestinationEncryptionAlgorithm: 'RSAES_OAEP_SHA_256' })),
      'InvalidCiphertextException',
      NO_MESSAGE,
    );
  },
  'message>dryRun': async () => {
    const signer = await key('ECC_NIST_P256', 'SIGN_VERIFY');
    await expectKmsError(
      client.send(new SignCommand({ KeyId: signer.keyId, Message: Buffer.from('not a digest'), MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256', DryRun: true })),
      'ValidationException',
      'Digest is invalid length for algorithm ECDSA_SHA_256.',
    );
  },
  'dryRun>verdict': async () => {
    // Not recorded: a dry run does not compute the verdict.
    const signer = await key('ECC_NIST_P256', 'SIGN_VERIFY');
    const verify = new VerifyCommand({ KeyId: signer.keyId, Message: Buffer.from('m'), Signature: Buffer.from('no signature'), SigningAlgorithm: 'ECDSA_SHA_256', DryRun: true });
    await expectKmsError(client.send(verify), 'DryRunOperationException', DRY_RUN);
    const hmac = await key('HMAC_256', 'GENERATE_VERIFY_MAC');
    await expectKmsError(
      client.send(new VerifyMacCommand({ KeyId: hmac.keyId, Message: Buffer.from('m'), Mac: Buffer.alloc(32), MacAlgorithm: 'HMAC_SHA_256', DryRun: true })),
      'DryRunOperationException',
      DRY_RUN,
    );
  },
};

const adjacentPairs = PRECEDENCE.slice(1).map((later, i): `${Rule}>${Rule}` => `${PRECEDENCE[i]!}>${later}`);

it('has one case for each adjacent pair of rules, and no other', () => {
  expect(Object.keys(cases)).toEqual(adjacentPairs);
});

it.each(adjacentPairs)('%s: the earlier rule answers', async (pair) => {
  await cases[pair]!();
});

describe('beyond adjacent pairs', () => {
  it('a key whose deletion went through is not found, where it was pending deletion before (keyLookup before keyState)', async () => {
    // A key whose deletion went through has no state left to report: it is not found.
    const k = await key();
    await client.send(new ScheduleKeyDeletionCommand({ KeyId: k.keyId, PendingWindowInDays: 7 }));
    await expectKmsError(client.send(new EncryptCommand({ KeyId: k.keyId, Plaintext: Buffer.from('x') })), 'KMSInvalidStateException', `${k.arn} is pending deletion.`);
    kms.advanceTime(7 * DAY_MS);
    await expectKmsError(client.send(new EncryptCommand({ KeyId: k.keyId, Plaintext: Buffer.from('x') })), 'NotFoundException', `Key '${k.arn}' does not exist`);
  });

  it('ReEncrypt checks its source key before its destination key (test_re_encrypt_incorrect_source_key, AWS-validated)', async () => {
    const blob = await ciphertext();
    const hmac = await key('HMAC_224', 'GENERATE_VERIFY_MAC');
    await expectKmsError(client.send(new ReEncryptCommand({ CiphertextBlob: blob, SourceKeyId: hmac.keyId, DestinationKeyId: hmac.keyId })), 'IncorrectKeyException', INCORRECT_KEY);
  });

  it('a malformed grant token answers before a key of the wrong usage and a dry run', async () => {
    const { keyId } = await key();
    await expectKmsError(
      client.send(new GenerateMacCommand({ KeyId: keyId, Message: Buffer.from('m'), MacAlgorithm: 'HMAC_SHA_256', GrantTokens: [MALFORMED_TOKEN], DryRun: true })),
      'InvalidGrantTokenException',
      'The grant token is not valid.',
    );
  });
});
