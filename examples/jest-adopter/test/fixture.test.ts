import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateKeyCommand, DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { kmsFake } from 'kms-fake/jest';
import { SECRET } from '../fixtures/make-secret';
import { ensureKey, unwrapSecret, wrapSecret } from '../src/keyring';

const FIXTURE_KEY_ID = '8c2d4e6f-1a3b-4c5d-8e7f-9a0b1c2d3e4f';
/** Made once by fixtures/make-secret.ts and committed: it must decrypt in every run. */
const committedSecret = readFileSync(join(__dirname, '..', 'fixtures', 'secret.b64'), 'utf8').trim();

// Each describe block loads its fixture once, in beforeAll: every test starts from that state.
describe.each(['kms.json', 'kms.yaml'])('fixtures/%s', (file) => {
  beforeAll(() => {
    kmsFake.reset(); // the previous block's fixture declares the same key ID
    kmsFake.load(join(__dirname, '..', 'fixtures', file));
  });

  it('declares the key with its fixed ID behind alias/app', async () => {
    expect(await ensureKey()).toBe(FIXTURE_KEY_ID); // found, not created
    expect(kmsFake).not.toHaveReceivedCommand(CreateKeyCommand);
    const client = new KMSClient({ region: 'eu-west-1' });
    const { KeyMetadata } = await client.send(new DescribeKeyCommand({ KeyId: 'alias/app' }));
    expect(KeyMetadata).toMatchObject({
      KeyId: FIXTURE_KEY_ID,
      Arn: `arn:aws:kms:eu-west-1:111122223333:key/${FIXTURE_KEY_ID}`,
      Description: 'keyring application key (fixture)',
      KeyState: 'Enabled',
    });
  });

  it('decrypts the ciphertext committed in the repository', async () => {
    expect(await unwrapSecret(committedSecret)).toBe(SECRET);
  });

  it('still encrypts and decrypts new secrets', async () => {
    expect(await unwrapSecret(await wrapSecret('new'))).toBe('new');
  });
});
