import {
  CreateKeyCommand,
  GetPublicKeyCommand,
  SignCommand,
  VerifyCommand,
  type KeySpec,
  type KMSClient,
  type SigningAlgorithmSpec,
} from '@aws-sdk/client-kms';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa';
import { computeAddress, recoverAddress } from 'ethers';
import { compactVerify, importSPKI } from 'jose';
import { constants, createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { setup } from './support/client';
import { expectKmsError, NO_MESSAGE } from './support/errors';

let client: KMSClient;
beforeEach(() => {
  ({ client } = setup());
});

async function signingKey(KeySpec: KeySpec) {
  const { KeyMetadata } = await client.send(new CreateKeyCommand({ KeySpec, KeyUsage: 'SIGN_VERIFY' }));
  const { PublicKey } = await client.send(new GetPublicKeyCommand({ KeyId: KeyMetadata!.KeyId }));
  const der = Buffer.from(PublicKey!);
  return {
    keyId: KeyMetadata!.KeyId!,
    arn: KeyMetadata!.Arn!,
    der,
    get publicKey(): KeyObject {
      return createPublicKey({ key: der, format: 'der', type: 'spki' });
    },
  };
}

const message = Buffer.from('the quick brown fox');
const sha = (bits: string, data: Uint8Array) => createHash(`sha${bits}`).update(data).digest();

/** node:crypto's verdict on a KMS signature, with KMS's padding and salt rules. */
function nodeVerifies(algorithm: SigningAlgorithmSpec, publicKey: KeyObject, signature: Uint8Array): boolean {
  if (algorithm === 'ED25519_SHA_512') return verify(null, message, publicKey, signature);
  const hash = `sha${/SHA_(\d+)$/.exec(algorithm)![1]}`;
  if (algorithm.startsWith('RSASSA_PSS')) {
    return verify(hash, message, { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }, signature);
  }
  return verify(hash, message, publicKey, signature);
}

const cases: [KeySpec, SigningAlgorithmSpec][] = [
  ['RSA_2048', 'RSASSA_PSS_SHA_256'],
  ['RSA_2048', 'RSASSA_PKCS1_V1_5_SHA_256'],
  ['RSA_3072', 'RSASSA_PSS_SHA_384'],
  ['RSA_4096', 'RSASSA_PKCS1_V1_5_SHA_512'],
  ['ECC_NIST_P256', 'ECDSA_SHA_256'],
  ['ECC_NIST_P384', 'ECDSA_SHA_384'],
  ['ECC_NIST_P521', 'ECDSA_SHA_512'],
  ['ECC_SECG_P256K1', 'ECDSA_SHA_256'],
  ['ECC_NIST_EDWARDS25519', 'ED25519_SHA_512'],
];

describe('Sign: node:crypto verifies with the public key from GetPublicKey', () => {
  it.each(cases)('%s with %s, RAW and DIGEST', async (spec, algorithm) => {
    const key = await signingKey(spec);
    const raw = await client.send(new SignCommand({ KeyId: key.keyId, Message: message, SigningAlgorithm: algorithm }));
    expect(raw).toMatchObject({ KeyId: key.arn, SigningAlgorithm: algorithm });
    expect(nodeVerifies(algorithm, key.publicKey, raw.Signature!)).toBe(true);
    if (algorithm === 'ED25519_SHA_512') return;
    const digest = sha(/SHA_(\d+)$/.exec(algorithm)![1]!, message);
    const signed = await client.send(new SignCommand({ KeyId: key.keyId, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: algorithm }));
    expect(nodeVerifies(algorithm, key.publicKey, signed.Signature!)).toBe(true);
    // And Verify accepts both, RAW against DIGEST.
    const ok = await client.send(new VerifyCommand({ KeyId: key.keyId, Message: digest, MessageType: 'DIGEST', Signature: raw.Signature, SigningAlgorithm: algorithm }));
    expect(ok.SignatureValid).toBe(true);
  });
});

describe('Verify', () => {
  it('refuses a flipped bit with KMSInvalidSignatureException and no message', async () => {
    const key = await signingKey('ECC_NIST_P256');
    const { Signature } = await client.send(new SignCommand({ KeyId: key.keyId, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' }));
    const bad = Buffer.from(Signature!);
    bad[bad.length - 1]! ^= 1;
    await expectKmsError(client.send(new VerifyCommand({ KeyId: key.keyId, Message: message, Signature: bad, SigningAlgorithm: 'ECDSA_SHA_256' })), 'KMSInvalidSignatureException', NO_MESSAGE);
  });
});

describe('interop', () => {
  it('jose verifies an RS256 and an ES256 JWT signed through the fake', async () => {
    for (const [spec, alg, algorithm] of [['RSA_2048', 'RS256', 'RSASSA_PKCS1_V1_5_SHA_256'], ['ECC_NIST_P256', 'ES256', 'ECDSA_SHA_256']] as const) {
      const key = await signingKey(spec);
      const header = Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url');
      const payload = Buffer.from(JSON.stringify({ sub: 'kms-fake' })).toString('base64url');
      const { Signature } = await client.send(new SignCommand({ KeyId: key.keyId, Message: Buffer.from(`${header}.${payload}`), SigningAlgorithm: algorithm }));
      // JWS ES256 wants r ‖ s; KMS returns DER.
      const sig = alg === 'ES256' ? derToJose(Signature!) : Buffer.from(Signature!);
      const pem = key.publicKey.export({ format: 'pem', type: 'spki' }).toString();
      const { payload: verified } = await compactVerify(`${header}.${payload}.${sig.toString('base64url')}`, await importSPKI(pem, alg));
      expect(JSON.parse(Buffer.from(verified).toString())).toEqual({ sub: 'kms-fake' });
    }
  });

  it('ethers recovers the Ethereum address of a secp256k1 DIGEST signature', async () => {
    const key = await signingKey('ECC_SECG_P256K1');
    const digest = createHash('sha3-256').update('tx').digest();
    const { Signature: der } = await client.send(new SignCommand({ KeyId: key.keyId, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' }));
    const uncompressed = `0x${key.der.subarray(-65).toString('hex')}`;
    const expected = computeAddress(uncompressed);
    const { r, s } = parseDer(der!);
    // KMS does not guarantee low-s; Ethereum requires it (EIP-2).
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const lowS = s > n / 2n ? n - s : s;
    const hex = (v: bigint) => `0x${v.toString(16).padStart(64, '0')}`;
    const recovered = [27, 28].map((v) => recoverAddress(digest, { r: hex(r), s: hex(lowS), v }));
    expect(recovered).toContain(expected);
  });

  it.each([
    ['ML_DSA_44', ml_dsa44],
    ['ML_DSA_65', ml_dsa65],
    ['ML_DSA_87', ml_dsa87],
  ] as const)('@noble/post-quantum alone verifies an %s signature', async (spec, signer) => {
    const key = await signingKey(spec);
    const { Signature: sig } = await client.send(new SignCommand({ KeyId: key.keyId, Message: message, SigningAlgorithm: 'ML_DSA_SHAKE_256' }));
    const rawPublic = key.der.subarray(key.der.length - signer.keygen(new Uint8Array(32)).publicKey.length);
    expect(signer.verify(rawPublic, message, sig!)).toBe(true);
    expect(signer.verify(rawPublic, Buffer.from('other'), sig!)).toBe(false);
  });
});

describe('Sign refuses what KMS refuses', () => {
  it('a digest of the wrong length', async () => {
    const key = await signingKey('RSA_2048');
    await expectKmsError(
      client.send(new SignCommand({ KeyId: key.keyId, Message: Buffer.alloc(20), MessageType: 'DIGEST', SigningAlgorithm: 'RSASSA_PSS_SHA_256' })),
      'ValidationException',
      'Digest is invalid length for algorithm RSASSA_PSS_SHA_256.',
    );
  });

  it('an algorithm of another key spec, and a key of another usage', async () => {
    const key = await signingKey('ECC_NIST_P256');
    await expectKmsError(
      client.send(new SignCommand({ KeyId: key.keyId, Message: message, SigningAlgorithm: 'ECDSA_SHA_384' })),
      'InvalidKeyUsageException',
      'Algorithm ECDSA_SHA_384 is incompatible with key spec ECC_NIST_P256.',
    );
    const { KeyMetadata } = await client.send(new CreateKeyCommand({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }));
    await expectKmsError(
      client.send(new SignCommand({ KeyId: KeyMetadata!.KeyId, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' })),
      'InvalidKeyUsageException',
      `${KeyMetadata!.Arn} key usage is GENERATE_VERIFY_MAC which is not valid for Sign.`,
    );
  });

  it('a dry run that would have succeeded', async () => {
    const key = await signingKey('ECC_NIST_P256');
    await expectKmsError(
      client.send(new SignCommand({ KeyId: key.keyId, Message: message, SigningAlgorithm: 'ECDSA_SHA_256', DryRun: true })),
      'DryRunOperationException',
      'The request would have succeeded, but the DryRun option is set.',
    );
  });
});

function parseDer(der: Uint8Array): { r: bigint; s: bigint } {
  const b = Buffer.from(der);
  let i = b[1]! & 0x80 ? 2 + (b[1]! & 0x7f) : 2;
  const read = () => {
    const len = b[i + 1]!;
    const v = BigInt(`0x${b.subarray(i + 2, i + 2 + len).toString('hex')}`);
    i += 2 + len;
    return v;
  };
  return { r: read(), s: read() };
}

function derToJose(der: Uint8Array): Buffer {
  const { r, s } = parseDer(der);
  return Buffer.from(`${r.toString(16).padStart(64, '0')}${s.toString(16).padStart(64, '0')}`, 'hex');
}
