import { execFile } from 'node:child_process';
import path from 'node:path';
import { DecryptCommand, DescribeKeyCommand, DisabledException } from '@aws-sdk/client-kms';
import { KmsFake, type KmsFakeServer } from 'kms-fake';
import { fakeClient } from '../support/client';
import { isAvailable, probeTool, reportUnavailable, toolEnv } from '../support/tools';

const boto3 = probeTool('python3', ['-c', 'import boto3; print("boto3", boto3.__version__)']);
const SCRIPT = path.join(__dirname, 'python', 'kms_roundtrip.py');

/** What kms_roundtrip.py prints. */
interface Report {
  readonly keyId: string;
  readonly arn: string;
  readonly ciphertext: string;
  readonly plaintext: string;
  readonly decryptedWith: string;
  readonly disabled: { code: string; message: string } | null;
  readonly notFound: { code: string; message: string } | null;
  /** ListKeys by a client given no endpoint_url, only AWS_ENDPOINT_URL_KMS. */
  readonly keysSeenFromEnv: string[];
}

function runScript(endpoint: string, region: string): Promise<Report> {
  return new Promise((resolve, reject) => {
    execFile('python3', [SCRIPT, endpoint, region], { env: toolEnv({ AWS_ENDPOINT_URL_KMS: endpoint }), timeout: 20_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`kms_roundtrip.py failed (${String(error.code)}): ${stderr}`));
      else resolve(JSON.parse(stdout) as Report);
    });
  });
}

if (!isAvailable(boto3)) {
  describe('boto3 against the server', () => reportUnavailable(boto3));
} else {
  describe(`boto3 against the server (${boto3.version})`, () => {
    const kms = new KmsFake();
    let server: KmsFakeServer;
    let report: Report;

    beforeAll(async () => {
      server = await kms.listen({ port: 0 });
      report = await runScript(server.endpoint, 'ap-southeast-2');
    }, 20_000);
    afterAll(() => server.close());

    it('creates a key in the region of its signature and round-trips a plaintext with an encryption context', () => {
      expect(report.arn).toBe(`arn:aws:kms:ap-southeast-2:${kms.accountId}:key/${report.keyId}`);
      expect(report.plaintext).toBe('hello from boto3');
      expect(report.decryptedWith).toBe(report.arn);
    });

    it("catches the fake's errors as boto3's modelled exceptions", () => {
      expect(report.disabled).toEqual({ code: 'DisabledException', message: `${report.arn} is disabled.` });
      expect(report.notFound).toEqual({ code: 'NotFoundException', message: expect.stringContaining('alias/does-not-exist') });
    });

    it('reaches the fake from a client configured by AWS_ENDPOINT_URL_KMS alone', () => {
      expect(report.keysSeenFromEnv).toEqual([report.keyId]);
    });

    it("leaves the key python made, and its ciphertext, to the parent's in-process client", async () => {
      const client = fakeClient(kms, 'ap-southeast-2');
      const { KeyMetadata } = await client.send(new DescribeKeyCommand({ KeyId: report.keyId }));
      expect(KeyMetadata).toMatchObject({ Description: 'made by boto3', KeyState: 'Disabled' });
      // Disabled by the script, so decrypting now is refused: the ciphertext names python's key.
      await expect(
        client.send(new DecryptCommand({ CiphertextBlob: Buffer.from(report.ciphertext, 'hex'), EncryptionContext: { app: 'boto3' } })),
      ).rejects.toBeInstanceOf(DisabledException);
    });
  });
}
