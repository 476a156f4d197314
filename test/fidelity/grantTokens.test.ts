/**
 * GrantTokens: every operation that takes them but DescribeKey lists InvalidGrantTokenException (API Reference). A
 * token the fake could not have issued (its CreateGrant's format) is malformed; a token of that form
 * is accepted unread, even once its grant is retired, as authorization is not modelled. No public
 * record shows AWS's text, so the message is the fake's own (the one RetireGrant already answers).
 */
import {
  CreateGrantCommand,
  CreateKeyCommand,
  DecapsulateCommand,
  DecryptCommand,
  DeriveSharedSecretCommand,
  DescribeKeyCommand,
  EncapsulateCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyPairCommand,
  GenerateDataKeyPairWithoutPlaintextCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  GenerateMacCommand,
  GetPublicKeyCommand,
  ReEncryptCommand,
  RetireGrantCommand,
  SignCommand,
  VerifyCommand,
  VerifyMacCommand,
  type KeySpec,
  type KeyUsageType,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { IMPLEMENTED_OPERATIONS, operationNamed } from '../../src/backend/operations';
import { failure, setup } from '../support/client';
import { expectKmsError } from '../support/errors';

let client: KMSClient;
beforeEach(() => {
  ({ client } = setup());
});

const INVALID = 'The grant token is not valid.';
const GRANTEE = 'arn:aws:iam::111122223333:role/app';

async function key(KeySpec: KeySpec = 'SYMMETRIC_DEFAULT', KeyUsage: KeyUsageType = 'ENCRYPT_DECRYPT') {
  const { KeyMetadata } = await client.send(new CreateKeyCommand({ KeySpec, KeyUsage }));
  return KeyMetadata!.KeyId!;
}

type Send = (GrantTokens: string[]) => Promise<unknown>;

/** A request per operation that succeeds but for its GrantTokens. */
const requests: Record<string, () => Promise<Send>> = {
  Encrypt: async () => {
    const KeyId = await key();
    return (GrantTokens) => client.send(new EncryptCommand({ KeyId, Plaintext: Buffer.from('x'), GrantTokens }));
  },
  Decrypt: async () => {
    const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: await key(), Plaintext: Buffer.from('x') }));
    return (GrantTokens) => client.send(new DecryptCommand({ CiphertextBlob, GrantTokens }));
  },
  ReEncrypt: async () => {
    const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: await key(), Plaintext: Buffer.from('x') }));
    const DestinationKeyId = await key();
    return (GrantTokens) => client.send(new ReEncryptCommand({ CiphertextBlob, DestinationKeyId, GrantTokens }));
  },
  GenerateDataKey: async () => {
    const KeyId = await key();
    return (GrantTokens) => client.send(new GenerateDataKeyCommand({ KeyId, KeySpec: 'AES_256', GrantTokens }));
  },
  GenerateDataKeyWithoutPlaintext: async () => {
    const KeyId = await key();
    return (GrantTokens) => client.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId, NumberOfBytes: 16, GrantTokens }));
  },
  GenerateDataKeyPair: async () => {
    const KeyId = await key();
    return (GrantTokens) => client.send(new GenerateDataKeyPairCommand({ KeyId, KeyPairSpec: 'ECC_NIST_P256', GrantTokens }));
  },
  GenerateDataKeyPairWithoutPlaintext: async () => {
    const KeyId = await key();
    return (GrantTokens) => client.send(new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId, KeyPairSpec: 'ECC_NIST_P256', GrantTokens }));
  },
  Sign: async () => {
    const KeyId = await key('ECC_NIST_P256', 'SIGN_VERIFY');
    return (GrantTokens) => client.send(new SignCommand({ KeyId, Message: Buffer.from('m'), SigningAlgorithm: 'ECDSA_SHA_256', GrantTokens }));
  },
  Verify: async () => {
    const KeyId = await key('ECC_NIST_P256', 'SIGN_VERIFY');
    const Message = Buffer.from('m');
    const { Signature } = await client.send(new SignCommand({ KeyId, Message, SigningAlgorithm: 'ECDSA_SHA_256' }));
    return (GrantTokens) => client.send(new VerifyCommand({ KeyId, Message, Signature, SigningAlgorithm: 'ECDSA_SHA_256', GrantTokens }));
  },
  GenerateMac: async () => {
    const KeyId = await key('HMAC_256', 'GENERATE_VERIFY_MAC');
    return (GrantTokens) => client.send(new GenerateMacCommand({ KeyId, Message: Buffer.from('m'), MacAlgorithm: 'HMAC_SHA_256', GrantTokens }));
  },
  VerifyMac: async () => {
    const KeyId = await key('HMAC_256', 'GENERATE_VERIFY_MAC');
    const Message = Buffer.from('m');
    const { Mac } = await client.send(new GenerateMacCommand({ KeyId, Message, MacAlgorithm: 'HMAC_SHA_256' }));
    return (GrantTokens) => client.send(new VerifyMacCommand({ KeyId, Message, Mac, MacAlgorithm: 'HMAC_SHA_256', GrantTokens }));
  },
  DeriveSharedSecret: async () => {
    const KeyId = await key('ECC_NIST_P256', 'KEY_AGREEMENT');
    const { PublicKey } = await client.send(new GetPublicKeyCommand({ KeyId: await key('ECC_NIST_P256', 'KEY_AGREEMENT') }));
    return (GrantTokens) => client.send(new DeriveSharedSecretCommand({ KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey, GrantTokens }));
  },
  GetPublicKey: async () => {
    const KeyId = await key('ECC_NIST_P256', 'SIGN_VERIFY');
    return (GrantTokens) => client.send(new GetPublicKeyCommand({ KeyId, GrantTokens }));
  },
  Encapsulate: async () => {
    const KeyId = await key('ML_KEM_768', 'ENCAPSULATE_DECAPSULATE');
    return (GrantTokens) => client.send(new EncapsulateCommand({ KeyId, EncapsulationAlgorithm: 'ML_KEM', GrantTokens }));
  },
  Decapsulate: async () => {
    const KeyId = await key('ML_KEM_768', 'ENCAPSULATE_DECAPSULATE');
    const { SharedSecretCiphertextBlob } = await client.send(new EncapsulateCommand({ KeyId, EncapsulationAlgorithm: 'ML_KEM' }));
    return (GrantTokens) => client.send(new DecapsulateCommand({ KeyId, SharedSecretCiphertextBlob, EncapsulationAlgorithm: 'ML_KEM', GrantTokens }));
  },
  CreateGrant: async () => {
    const KeyId = await key();
    return (GrantTokens) => client.send(new CreateGrantCommand({ KeyId, GranteePrincipal: GRANTEE, Operations: ['Decrypt'], GrantTokens }));
  },
};

async function issuedToken(): Promise<string> {
  const { GrantToken } = await client.send(new CreateGrantCommand({ KeyId: await key(), GranteePrincipal: GRANTEE, Operations: ['Encrypt'] }));
  return GrantToken!;
}

it('covers every operation whose input takes GrantTokens and whose errors include InvalidGrantTokenException', () => {
  const taking = IMPLEMENTED_OPERATIONS.filter((name) => operationNamed(name)!.input.GrantTokens !== undefined);
  expect(Object.keys(requests).sort()).toEqual(taking.filter((name) => name !== 'DescribeKey'));
});

it('DescribeKey, whose errors do not include InvalidGrantTokenException, never refuses a token', async () => {
  const KeyId = await key();
  const out = await client.send(new DescribeKeyCommand({ KeyId, GrantTokens: ['not-a-grant-token'] }));
  expect(out.KeyMetadata?.KeyId).toBe(KeyId);
});

describe.each(Object.keys(requests))('%s', (name) => {
  it('refuses a token the fake could not have issued, among well-formed ones', async () => {
    const send = await requests[name]!();
    const good = await issuedToken();
    await expectKmsError(send([good, 'not-a-grant-token']), 'InvalidGrantTokenException', INVALID);
  });

  it('accepts issued tokens', async () => {
    const send = await requests[name]!();
    await expect(send([await issuedToken(), await issuedToken()])).resolves.toBeDefined();
  });
});

describe('what counts as malformed', () => {
  it.each([
    ['an AWS-looking opaque token', 'AQpAM2RhZTk1MGMyNTk2ZmZmMzEyYWVhOWViN2RkMDM5ZTZjNWQyNTI5ZjNmMTQ3ZGFhZjgwYTMy'],
    ['an issued token with a character changed', 'CHANGED'],
    ['an issued token cut short', 'SHORT'],
  ])('%s', async (_label, token) => {
    const issued = await issuedToken();
    const candidate = token === 'CHANGED' ? `${issued.slice(0, -1)}g` : token === 'SHORT' ? issued.slice(0, -2) : token;
    const KeyId = await key();
    await expectKmsError(client.send(new EncryptCommand({ KeyId, Plaintext: Buffer.from('x'), GrantTokens: [candidate] })), 'InvalidGrantTokenException', INVALID);
  });

  it('accepts the token of a retired grant, and one of the same form that was never issued', async () => {
    const issued = await issuedToken();
    await client.send(new RetireGrantCommand({ GrantToken: issued }));
    const neverIssued = `${issued.slice(0, -64)}${'0'.repeat(64)}`;
    const KeyId = await key();
    const out = await client.send(new EncryptCommand({ KeyId, Plaintext: Buffer.from('x'), GrantTokens: [issued, neverIssued] }));
    expect(out.KeyId).toMatch(/:key\//);
  });

  it('leaves an empty list, and the list and length limits, to the shape', async () => {
    const KeyId = await key();
    await client.send(new EncryptCommand({ KeyId, Plaintext: Buffer.from('x'), GrantTokens: [] }));
    // The exact wording of a list member's violation is the validation engine's; here only which rule answers.
    for (const GrantTokens of [[''], Array.from({ length: 11 }, () => 'not-a-grant-token')]) {
      const error = await failure(client.send(new EncryptCommand({ KeyId, Plaintext: Buffer.from('x'), GrantTokens })));
      expect({ name: error.name, names: error.message.includes("at 'grantTokens") }).toEqual({ name: 'ValidationException', names: true });
    }
  });
});
