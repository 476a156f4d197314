import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EncryptCommand,
  KMSClient,
  ListKeysCommand,
  ListResourceTagsCommand,
  TagResourceCommand,
} from '@aws-sdk/client-kms';
import { KmsFake } from 'kms-fake';
import { failure } from '../support/client';
import { credentials } from './support';

/** `kms-fake serve`, run from the built package as `npx kms-fake serve` runs it. */

const CLI = join(__dirname, '../../dist/cli.js');
const APP_ROLE = 'arn:aws:iam::111122223333:role/app';

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first (npm test builds before jest)`);
});

const children: ChildProcess[] = [];
const clients: KMSClient[] = [];
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kms-fake-cli-'));
});
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** A file in this test's temporary directory. */
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** Runs the CLI to its end: exit code, stdout and stderr. */
async function run(...args: string[]) {
  const child = spawn(process.execPath, [CLI, ...args]);
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += String(chunk)));
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

/** Starts `kms-fake serve` and waits for its listening line; `client()` makes a KMSClient for it. */
async function serve(...args: string[]) {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args]);
  children.push(child);
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  let stdout = '';
  const endpoint = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      stdout += String(chunk);
      const line = /^kms-fake listening on (http:\/\/\S+)$/m.exec(stdout);
      if (line) resolve(line[1]!);
    });
    child.once('exit', (code) => reject(new Error(`kms-fake serve exited with ${code}: ${stderr}`)));
  });
  const client = (region = 'eu-west-1', accessKeyId = 'AKIDEXAMPLE') => {
    const made = new KMSClient({ region, endpoint, credentials: credentials(accessKeyId), maxAttempts: 1 });
    clients.push(made);
    return made;
  };
  return { child, endpoint, client, stderr: () => stderr };
}

describe('kms-fake serve', () => {
  it('prints its endpoint, serves a KMSClient, and exits 0 on SIGTERM', async () => {
    const { child, endpoint, client, stderr } = await serve('--quiet');
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const { KeyMetadata } = await client().send(new CreateKeyCommand({}));
    expect((await client().send(new ListKeysCommand({}))).Keys?.map((k) => k.KeyId)).toEqual([KeyMetadata!.KeyId]);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    expect(await exited).toEqual([0, null]);
    expect(stderr()).toBe('');
  });

  it('logs one line per request to stderr unless --quiet, and exits 0 on SIGINT', async () => {
    const { child, client, stderr } = await serve();
    await client().send(new ListKeysCommand({}));
    const exited = once(child, 'exit');
    child.kill('SIGINT');
    expect(await exited).toEqual([0, null]);
    expect(stderr()).toMatch(/^POST ListKeys 200 \d+ms arn:aws:iam::111122223333:root\n$/);
  });

  it('serves the keys of --fixture, in the --region and --account given', async () => {
    const keyId = '1234abcd-12ab-34cd-56ef-1234567890ab';
    const fixture = file('kms.json', { keys: [{ keyId, aliases: ['alias/app'] }] });
    const { client } = await serve('--quiet', '--fixture', fixture, '--region', 'eu-north-1', '--account', '444455556666');
    const { KeyMetadata } = await client('eu-north-1').send(new DescribeKeyCommand({ KeyId: 'alias/app' }));
    expect(KeyMetadata?.Arn).toBe(`arn:aws:kms:eu-north-1:444455556666:key/${keyId}`);
  });

  it('calls as the principal --principals maps the signing key to, under --authorization enforce', async () => {
    const principals = file('principals.json', { AKIAAPPEXAMPLE: APP_ROLE });
    const { client } = await serve('--quiet', '--authorization', 'enforce', '--principals', principals);
    const { KeyMetadata } = await client().send(new CreateKeyCommand({}));
    await client().send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: Buffer.from('x') }));
    const denied = await failure(client('eu-west-1', 'AKIAAPPEXAMPLE').send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: Buffer.from('x') })));
    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.message).toContain(`User: ${APP_ROLE} is not authorized to perform: kms:Encrypt`);
  });

  it('keeps every acknowledged write of --state across kill -9, and decrypts old ciphertexts after the restart', async () => {
    const first = await serve('--quiet', '--state', dir);
    // A burst of concurrent writes; the server is killed the moment the last one is answered.
    const written = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const kms = first.client();
        const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: `key ${i}` }));
        const keyId = KeyMetadata!.KeyId!;
        await kms.send(new CreateAliasCommand({ AliasName: `alias/burst-${i}`, TargetKeyId: keyId }));
        await kms.send(new TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey: 'n', TagValue: String(i) }] }));
        const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from(`secret ${i}`) }));
        return { keyId, ciphertext: CiphertextBlob! };
      }),
    );
    const killed = once(first.child, 'exit');
    first.child.kill('SIGKILL');
    expect(await killed).toEqual([null, 'SIGKILL']);

    const second = await serve('--quiet', '--state', dir);
    const kms = second.client();
    for (const [i, { keyId, ciphertext }] of written.entries()) {
      const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: `alias/burst-${i}` }));
      expect(KeyMetadata).toMatchObject({ KeyId: keyId, Description: `key ${i}`, KeyState: 'Enabled' });
      expect((await kms.send(new ListResourceTagsCommand({ KeyId: keyId }))).Tags).toEqual([{ TagKey: 'n', TagValue: String(i) }]);
      const { Plaintext } = await kms.send(new DecryptCommand({ CiphertextBlob: ciphertext }));
      expect(Buffer.from(Plaintext!).toString()).toBe(`secret ${i}`);
    }
    expect((await kms.send(new ListKeysCommand({}))).Keys).toHaveLength(written.length);
  });

  it('loads --fixture into a new --state directory only: a restart keeps what the state holds', async () => {
    const fixture = file('kms.json', { keys: [{ keyId: '1234abcd-12ab-34cd-56ef-1234567890ab', aliases: ['alias/app'] }] });
    const state = join(dir, 'state');
    const first = await serve('--quiet', '--state', state, '--fixture', fixture);
    await first.client('us-east-1').send(new DisableKeyCommand({ KeyId: '1234abcd-12ab-34cd-56ef-1234567890ab' }));
    const stopped = once(first.child, 'exit');
    first.child.kill('SIGTERM');
    expect(await stopped).toEqual([0, null]);
    const second = await serve('--quiet', '--state', state, '--fixture', fixture);
    const { KeyMetadata } = await second.client('us-east-1').send(new DescribeKeyCommand({ KeyId: 'alias/app' }));
    expect(KeyMetadata?.KeyState).toBe('Disabled');
  });

  it('refuses a --state directory another live server holds, naming it', async () => {
    await serve('--quiet', '--state', dir);
    const { code, stderr } = await run('serve', '--port', '0', '--quiet', '--state', dir);
    expect(code).toBe(2);
    expect(stderr).toContain(dir);
  });
});

describe('kms-fake on the command line', () => {
  it('prints its usage for --help and exits 0', async () => {
    const { code, stdout } = await run('--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: kms-fake serve \[options\]/);
    expect(stdout).toContain('--principals <file>');
  });

  it.each([
    [['serve', '--prot', '1'], "kms-fake: Unknown option '--prot'."],
    [['serve', '--port', 'x'], 'kms-fake: --port must be a port number from 0 to 65535, not x'],
    [['serve', '--port', '70000'], 'kms-fake: --port must be a port number from 0 to 65535, not 70000'],
    [['serve', '--authorization', 'strict'], 'kms-fake: --authorization must be enforce or off, not strict'],
    [['serve', '--account', '12'], 'kms-fake: accountId must be 12 digits, not 12'],
    [['serve', '--no-dashboard', '--dashboard-remote'], 'kms-fake: --dashboard-remote and --no-dashboard contradict each other'],
    [['start'], 'kms-fake: unknown command start'],
    [[], 'kms-fake: no command given'],
  ])('refuses %j with a message and exit code 2', async (args, message) => {
    const { code, stderr } = await run(...args);
    expect(code).toBe(2);
    expect(stderr).toBe(`${message}\nRun kms-fake --help for usage.\n`);
  });

  it.each([
    ['not JSON', '{ AKIA: ', /^kms-fake: --principals \S+ is not valid JSON/],
    ['a value that is no principal', { AKIAEXAMPLE: 'arn:aws:s3:::bucket' }, /^kms-fake: principals\[AKIAEXAMPLE\]: principal must be an IAM principal ARN/],
    ['an array', [APP_ROLE], /^kms-fake: principals must be an object mapping access key IDs to IAM principal ARNs/],
  ])('refuses a --principals file holding %s, with exit code 2', async (_, content, message) => {
    const { code, stderr } = await run('serve', '--port', '0', '--principals', file('principals.json', content));
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('exits 1, saying why, when the port is taken', async () => {
    const taken = await new KmsFake().listen();
    try {
      const { code, stderr } = await run('serve', '--port', String(taken.port));
      expect(code).toBe(1);
      expect(stderr).toBe(`kms-fake: listen EADDRINUSE: address already in use 127.0.0.1:${taken.port}\n`);
    } finally {
      await taken.close();
    }
  });

  it('refuses a --fixture file that does not exist, with exit code 2', async () => {
    const { code, stderr } = await run('serve', '--port', '0', '--fixture', join(dir, 'missing.json'));
    expect(code).toBe(2);
    expect(stderr).toMatch(/^kms-fake: --fixture \S+missing\.json cannot be read: ENOENT/);
  });
});
