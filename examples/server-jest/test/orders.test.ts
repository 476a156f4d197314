import { DecryptCommand, DescribeKeyCommand, EncryptCommand, ListAliasesCommand } from '@aws-sdk/client-kms';
import { kmsClient, ORDERS_KEY_ID, REGION, sharedKey } from './kms';

// Runs in its own worker beside app.test.ts; both reach the one fake globalSetup serves.
const client = kmsClient();
afterAll(() => client.destroy());

describe('the fake globalSetup serves', () => {
  it('holds the fixture key behind alias/orders', async () => {
    const { KeyMetadata } = await client.send(new DescribeKeyCommand({ KeyId: 'alias/orders' }));
    expect(KeyMetadata).toMatchObject({
      KeyId: ORDERS_KEY_ID,
      Arn: `arn:aws:kms:${REGION}:111122223333:key/${ORDERS_KEY_ID}`,
      Description: 'orders service key (fixture)',
    });
  });

  it('encrypts and decrypts with a key this file made', async () => {
    const keyId = await sharedKey(client, 'alias/invoices');
    const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('invoice 7') }));
    const { Plaintext, KeyId } = await client.send(new DecryptCommand({ CiphertextBlob }));
    expect(Buffer.from(Plaintext!).toString()).toBe('invoice 7');
    expect(KeyId).toContain(keyId);
  });

  it('shares keys across workers: alias/shared names one key, whichever file made it', async () => {
    const keyId = await sharedKey(client, 'alias/shared');
    const { Aliases } = await client.send(new ListAliasesCommand({ KeyId: keyId }));
    expect(Aliases!.map((a) => a.AliasName)).toEqual(['alias/shared']);
  });
});
