import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateKeyCommand, DescribeKeyCommand, DisableKeyCommand, EncryptCommand } from '@aws-sdk/client-kms';
import { KmsFake, type KmsFakeServer } from 'kms-fake';
import { fakeClient } from '../support/client';
import { isAvailable, probeTool, reportUnavailable, toolEnv } from '../support/tools';

const cli = probeTool('aws', ['--version']);
/** The CLI takes about a second to start, per call. */
const CLI_TEST_MS = 20_000;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `aws ...args` with dummy credentials and no profile files; resolves with its exit code, never rejects. */
function aws(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile('aws', [...args, '--output', 'json'], { env: toolEnv({ AWS_PAGER: '', ...env }), timeout: 20_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** The parsed JSON an `aws` call printed; fails the test with its stderr if it failed. */
async function awsJson(args: readonly string[], env?: Record<string, string>): Promise<Record<string, unknown>> {
  const run = await aws(args, env);
  if (run.code !== 0) throw new Error(`aws ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

if (!isAvailable(cli)) {
  describe('the AWS CLI against the server', () => reportUnavailable(cli));
} else {
  describe(`the AWS CLI against the server (${cli.version.split(' ')[0]!})`, () => {
    const kms = new KmsFake();
    let server: KmsFakeServer;
    let dir: string;
    const at = () => ['--endpoint-url', server.endpoint, '--region', 'eu-west-1'];

    beforeAll(async () => {
      server = await kms.listen({ port: 0 });
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-fake-cli-'));
    });
    afterAll(async () => {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('creates a key, encrypts and decrypts with it, and describes it through AWS_ENDPOINT_URL_KMS', async () => {
      const created = await awsJson(['kms', 'create-key', '--description', 'from the aws cli', ...at()]);
      const keyId = (created.KeyMetadata as { KeyId: string }).KeyId;

      fs.writeFileSync(path.join(dir, 'plain.txt'), 'hello from the aws cli');
      const encrypted = await awsJson(['kms', 'encrypt', '--key-id', keyId, '--plaintext', `fileb://${path.join(dir, 'plain.txt')}`, ...at()]);
      fs.writeFileSync(path.join(dir, 'cipher.bin'), Buffer.from(encrypted.CiphertextBlob as string, 'base64'));
      const decrypted = await awsJson(['kms', 'decrypt', '--ciphertext-blob', `fileb://${path.join(dir, 'cipher.bin')}`, ...at()]);
      expect(Buffer.from(decrypted.Plaintext as string, 'base64').toString()).toBe('hello from the aws cli');
      expect(decrypted.KeyId).toBe(encrypted.KeyId);

      // No --endpoint-url: the service-specific endpoint variable points the CLI at the fake.
      const described = await awsJson(['kms', 'describe-key', '--key-id', keyId, '--region', 'eu-west-1'], { AWS_ENDPOINT_URL_KMS: server.endpoint });
      expect(described.KeyMetadata).toMatchObject({ KeyId: keyId, Description: 'from the aws cli', KeyState: 'Enabled' });

      // The same key, in the region the CLI's signature named, seen in-process.
      const { KeyMetadata } = await fakeClient(kms, 'eu-west-1').send(new DescribeKeyCommand({ KeyId: keyId }));
      expect(KeyMetadata!.Arn).toBe(`arn:aws:kms:eu-west-1:${kms.accountId}:key/${keyId}`);
    }, CLI_TEST_MS);

    it("fails a disabled key's decrypt with a non-zero exit and DisabledException on stderr", async () => {
      // Set up in-process (the CLI starts slowly); only the failing call goes through the CLI.
      const client = fakeClient(kms, 'eu-west-1');
      const keyId = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
      const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('soon unreadable') }));
      fs.writeFileSync(path.join(dir, 'secret.bin'), CiphertextBlob!);
      await client.send(new DisableKeyCommand({ KeyId: keyId }));

      const run = await aws(['kms', 'decrypt', '--ciphertext-blob', `fileb://${path.join(dir, 'secret.bin')}`, ...at()]);
      // A service error exits 255 in CLI v1 and 254 in v2.
      expect([254, 255]).toContain(run.code);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('(DisabledException) when calling the Decrypt operation');
      expect(run.stderr).toContain(`arn:aws:kms:eu-west-1:${kms.accountId}:key/${keyId} is disabled.`);
    }, CLI_TEST_MS);
  });
}
