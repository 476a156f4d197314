import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { DecryptCommand, IncorrectKeyException, ListAliasesCommand } from '@aws-sdk/client-kms';
import { kmsClient, ORDERS_KEY_ID, REGION, sharedKey } from './kms';

const client = kmsClient();
afterAll(() => client.destroy());

/** Runs the application as production would, pointed at the fake by environment only. */
function seal(plaintext: string, keyId: string): Promise<string> {
  const env = {
    ...process.env,
    AWS_ENDPOINT_URL_KMS: process.env.KMS_ENDPOINT,
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'x',
    SEAL_KEY_ID: keyId,
  };
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [join(__dirname, '..', 'app', 'seal.mjs')], { env, timeout: 20_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`app/seal.mjs failed: ${stderr}`)) : resolve(stdout),
    );
    child.stdin!.end(plaintext);
  });
}

describe('an application in a child process, pointed at the fake by AWS_ENDPOINT_URL_KMS', () => {
  it('seals with the fixture key, and the test decrypts what it made', async () => {
    const sealed = await seal('order #42', 'alias/orders');
    const { Plaintext, KeyId } = await client.send(
      new DecryptCommand({ CiphertextBlob: Buffer.from(sealed, 'base64'), EncryptionContext: { purpose: 'seal' } }),
    );
    expect(Buffer.from(Plaintext!).toString()).toBe('order #42');
    expect(KeyId).toBe(`arn:aws:kms:${REGION}:111122223333:key/${ORDERS_KEY_ID}`);
  });

  it('seals with a key the test made, which decrypting under another key refuses', async () => {
    const keyId = await sharedKey(client, 'alias/shared');
    const sealed = await seal('order #43', keyId);
    await expect(
      client.send(new DecryptCommand({ CiphertextBlob: Buffer.from(sealed, 'base64'), KeyId: ORDERS_KEY_ID, EncryptionContext: { purpose: 'seal' } })),
    ).rejects.toBeInstanceOf(IncorrectKeyException);
    const { Aliases } = await client.send(new ListAliasesCommand({ KeyId: keyId }));
    expect(Aliases!.map((a) => a.AliasName)).toEqual(['alias/shared']);
  });
});
