import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { DecryptCommand, ListKeysCommand } from '@aws-sdk/client-kms';
import { KmsFake, type KmsFakeServer } from 'kms-fake';
import { fakeClient } from '../support/client';

/** What kmsWorker.mjs reports through its IPC channel. */
type WorkerMessage =
  | { type: 'done'; keyId: string; ciphertext: string; plaintext: string; roundTrips: number; mismatches: number; connections: number; maxSockets: number }
  | { type: 'decrypted'; plaintext: string }
  | { type: 'failed'; error: string };

const WORKER = path.join(__dirname, 'children', 'kmsWorker.mjs');
const CHILDREN = 4;

/** The child's next message, or a rejection naming its stderr if it exits first. */
function nextMessage(child: ChildProcess, stderr: () => string): Promise<WorkerMessage> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`worker exited (${String(code)}) before answering: ${stderr()}`));
    child.once('exit', onExit);
    child.once('message', (message) => {
      child.off('exit', onExit);
      resolve(message as WorkerMessage);
    });
  });
}

interface Worker {
  readonly child: ChildProcess;
  readonly next: () => Promise<WorkerMessage>;
}

function startWorker(endpoint: string, name: string): Worker {
  const child = fork(WORKER, [endpoint, name], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { child, next: () => nextMessage(child, () => stderr) };
}

/** Resolves when the child has exited, or after `ms` (then the caller kills it). */
function exited(child: ChildProcess, ms: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

describe('several processes share one fake through its server', () => {
  // The children sign for eu-west-1; unsigned requests would land in the default us-east-1.
  const kms = new KmsFake();
  let server: KmsFakeServer;
  let workers: Worker[] = [];
  let reports: WorkerMessage[] = [];
  /** The call history once every child has reported, before the tests add calls of their own. */
  let callsOfChildren: ReturnType<KmsFake['calls']> = [];

  beforeAll(async () => {
    server = await kms.listen({ port: 0 });
    workers = Array.from({ length: CHILDREN }, (_, i) => startWorker(server.endpoint, `child-${i}`));
    reports = await Promise.all(workers.map((w) => w.next()));
    callsOfChildren = [...kms.calls()];
  }, 20_000); // four node processes load the SDK at once: a few seconds on two cores

  afterAll(async () => {
    for (const { child } of workers) if (child.connected) child.send({ type: 'exit' });
    await Promise.all(workers.map(({ child }) => exited(child, 3000)));
    for (const { child } of workers) if (child.exitCode === null) child.kill();
    await Promise.all(workers.map(({ child }) => exited(child, 3000)));
    await server.close();
  }, 10_000);

  const done = () => reports.map((r) => {
    if (r.type !== 'done') throw new Error(`a worker failed: ${JSON.stringify(r)}`);
    return r;
  });

  it('answers every child its 50 concurrent Encrypt/Decrypt round trips over kept-alive connections', () => {
    for (const report of done()) {
      expect(report).toMatchObject({ roundTrips: 50, mismatches: 0 });
      // 101 requests per child over at most its agent's sockets: connections were reused.
      expect(report.connections).toBeGreaterThan(0);
      expect(report.connections).toBeLessThanOrEqual(report.maxSockets);
    }
    expect(new Set(done().map((r) => r.keyId)).size).toBe(CHILDREN);
  });

  it('shows the parent every key the children made, in the region their signatures named', async () => {
    const { Keys } = await fakeClient(kms, 'eu-west-1').send(new ListKeysCommand({}));
    expect(Keys!.map((k) => k.KeyId).sort()).toEqual(done().map((r) => r.keyId).sort());
  });

  it("records the children's calls in the parent's call history", () => {
    const count = (operation: string) => callsOfChildren.filter((c) => c.operation === operation && c.region === 'eu-west-1' && !c.error).length;
    expect(count('CreateKey')).toBe(CHILDREN);
    expect(count('Encrypt')).toBe(CHILDREN * 50);
    expect(count('Decrypt')).toBe(CHILDREN * 50);
    expect(callsOfChildren).toHaveLength(CHILDREN * 101);
  });

  it("lets one child decrypt a ciphertext another child made, and the parent too", async () => {
    const [first, second] = done();
    workers[0]!.child.send({ type: 'decrypt', ciphertext: second!.ciphertext });
    expect(await workers[0]!.next()).toEqual({ type: 'decrypted', plaintext: second!.plaintext });

    const { Plaintext, KeyId } = await fakeClient(kms, 'eu-west-1').send(new DecryptCommand({ CiphertextBlob: Buffer.from(first!.ciphertext, 'base64') }));
    expect(Buffer.from(Plaintext!).toString()).toBe(first!.plaintext);
    expect(KeyId).toContain(first!.keyId);
  });
});
