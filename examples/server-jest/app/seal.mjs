// A small application, not written for tests: it seals its standard input under a KMS key and
// prints the ciphertext in base64. Everything about where KMS is comes from the environment, as
// in production: AWS_REGION, credentials, and (in tests) AWS_ENDPOINT_URL_KMS pointing at kms-fake.
//
//   echo -n 'order #42' | SEAL_KEY_ID=alias/orders node app/seal.mjs
import { EncryptCommand, KMSClient } from '@aws-sdk/client-kms';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);

const client = new KMSClient({});
const { CiphertextBlob } = await client.send(
  new EncryptCommand({ KeyId: process.env.SEAL_KEY_ID, Plaintext: Buffer.concat(chunks), EncryptionContext: { purpose: 'seal' } }),
);
process.stdout.write(Buffer.from(CiphertextBlob).toString('base64'));
