import { CreateKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { kmsFake } from 'kms-fake/jest';
import { signDocument, verifyDocument } from '../src/signer';

const admin = new KMSClient({ region: 'eu-west-1' });
let signingKey: string;
let encryptionKey: string;

beforeAll(async () => {
  const signing = await admin.send(new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }));
  signingKey = signing.KeyMetadata!.KeyId!;
  const encryption = await admin.send(new CreateKeyCommand({}));
  encryptionKey = encryption.KeyMetadata!.KeyId!;
});

describe('signer', () => {
  it('signs and verifies a document', async () => {
    const signature = await signDocument(signingKey, 'invoice 42');
    await expect(verifyDocument(signingKey, 'invoice 42', signature)).resolves.toBe(true);
  });

  it('refuses an encryption key', async () => {
    await expect(signDocument(encryptionKey, 'invoice 42')).rejects.toHaveProperty('name', 'InvalidKeyUsageException');
  });

  it('gives up when throttled', async () => {
    kmsFake.injectFault({ error: 'ThrottlingException', command: SignCommand });
    await expect(signDocument(signingKey, 'invoice 42')).rejects.toHaveProperty('name', 'ThrottlingException');
  });
});
