// Asymmetric bench: each operation through a real KMSClient on the fake, beside the raw node:crypto cost of the same work.
import './env';
import { CreateKeyCommand, GenerateMacCommand, KMSClient, SignCommand, VerifyCommand, type KeySpec } from '@aws-sdk/client-kms';
import { createHmac, generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import { KmsFake } from 'kms-fake';

const client = new KMSClient({ region: 'us-east-1', maxAttempts: 1 });
client.middlewareStack.use(new KmsFake().plugin());
const message = randomBytes(256);

async function timeUs(n: number, f: () => unknown): Promise<number> {
  for (let i = 0; i < Math.min(n, 20); i++) await f();
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await f();
  return Number(process.hrtime.bigint() - t) / 1000 / n;
}

const row = (name: string, fake: number, raw: number) =>
  process.stdout.write(`${name.padEnd(34)} fake ${fake.toFixed(1).padStart(9)} µs   node:crypto ${raw.toFixed(1).padStart(9)} µs   overhead ${(fake - raw).toFixed(1).padStart(8)} µs\n`);

async function firstSign(spec: KeySpec, algorithm: 'ECDSA_SHA_256' | 'RSASSA_PSS_SHA_256', n: number) {
  const fake = await timeUs(n, async () => {
    const { KeyMetadata } = await client.send(new CreateKeyCommand({ KeySpec: spec, KeyUsage: 'SIGN_VERIFY' }));
    await client.send(new SignCommand({ KeyId: KeyMetadata!.KeyId, Message: message, SigningAlgorithm: algorithm }));
  });
  const raw = await timeUs(n, () => {
    const { privateKey } = spec === 'RSA_4096' ? generateKeyPairSync('rsa', { modulusLength: 4096 }) : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    sign('sha256', message, privateKey);
  });
  row(`CreateKey + first Sign ${spec}`, fake, raw);
}

async function signVerify(spec: KeySpec, algorithm: 'ECDSA_SHA_256' | 'RSASSA_PKCS1_V1_5_SHA_256', n: number) {
  const { KeyMetadata } = await client.send(new CreateKeyCommand({ KeySpec: spec, KeyUsage: 'SIGN_VERIFY' }));
  const KeyId = KeyMetadata!.KeyId;
  const { Signature } = await client.send(new SignCommand({ KeyId, Message: message, SigningAlgorithm: algorithm }));
  const pair = spec === 'RSA_2048' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const rawSig = sign('sha256', message, pair.privateKey);
  row(`Sign ${spec}`, await timeUs(n, () => client.send(new SignCommand({ KeyId, Message: message, SigningAlgorithm: algorithm }))), await timeUs(n, () => sign('sha256', message, pair.privateKey)));
  row(`Verify ${spec}`, await timeUs(n, () => client.send(new VerifyCommand({ KeyId, Message: message, Signature, SigningAlgorithm: algorithm }))), await timeUs(n, () => verify('sha256', message, pair.publicKey, rawSig)));
}

async function main() {
  await firstSign('ECC_NIST_P256', 'ECDSA_SHA_256', 200);
  await firstSign('RSA_4096', 'RSASSA_PSS_SHA_256', 5);
  await signVerify('ECC_NIST_P256', 'ECDSA_SHA_256', 2000);
  await signVerify('RSA_2048', 'RSASSA_PKCS1_V1_5_SHA_256', 500);
  const { KeyMetadata } = await client.send(new CreateKeyCommand({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }));
  const secret = randomBytes(32);
  row(
    'GenerateMac HMAC_256',
    await timeUs(2000, () => client.send(new GenerateMacCommand({ KeyId: KeyMetadata!.KeyId, Message: message, MacAlgorithm: 'HMAC_SHA_256' }))),
    await timeUs(2000, () => createHmac('sha256', secret).update(message).digest()),
  );
}

void main();
