// npm run bench, server level: what going over loopback HTTP costs, per operation, beside the
// in-process plugin (same operations, same process) and, when KMS_MOTO_ENDPOINT is set, beside
// moto_server answering the same requests.
//
// Not bench/env.ts: its socket guard blocks every connect, and here loopback is the point.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Agent } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CreateKeyCommand, DescribeKeyCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { randomBytes } from 'node:crypto';
import { KmsFake, type KmsFakeServer } from 'kms-fake';
import { median, range } from './stats';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.AWS_EC2_METADATA_DISABLED = 'true';

const WARMUP_MS = 400;
const RUN_MS = 700;
const ROUNDS = 3;
const IN_FLIGHT = [1, 16] as const;
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' };
const CLI = join(__dirname, '..', 'dist', 'cli.js');

type OpName = 'Encrypt' | 'DescribeKey';
const OPS: Record<OpName, string> = { Encrypt: 'Encrypt 4 KiB', DescribeKey: 'DescribeKey' };

/** One way of reaching a KMS: its calls, and how to let go of it. */
interface Transport {
  readonly label: string;
  readonly call: Record<OpName, () => Promise<unknown>>;
  close(): Promise<void> | void;
}

/** `in flight` closed loops, each awaiting its previous call, for at least `ms`; returns ops/s. */
async function opsPerSecond(fn: () => Promise<unknown>, inFlight: number, ms: number): Promise<number> {
  let n = 0;
  const start = performance.now();
  const end = start + ms;
  const loop = async () => {
    while (performance.now() < end) {
      await fn();
      n++;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, loop));
  return (n * 1000) / (performance.now() - start);
}

/** The bench's calls on a client: creates its key first, where the client points. */
async function callsOn(client: KMSClient): Promise<Record<OpName, () => Promise<unknown>>> {
  const { KeyMetadata } = await client.send(new CreateKeyCommand({ Description: 'server bench' }));
  const keyId = KeyMetadata!.KeyId!;
  const plaintext = randomBytes(4096);
  return {
    Encrypt: () => client.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext })),
    DescribeKey: () => client.send(new DescribeKeyCommand({ KeyId: keyId })),
  };
}

/** A client for an HTTP endpoint, on kept-alive sockets (enough for every loop in flight). */
async function overHttp(label: string, endpoint: string, close: () => Promise<void> | void = () => undefined): Promise<Transport> {
  const agent = new Agent({ keepAlive: true, maxSockets: Math.max(...IN_FLIGHT) });
  const client = new KMSClient({ endpoint, region: 'us-east-1', maxAttempts: 1, credentials: CREDENTIALS, requestHandler: new NodeHttpHandler({ httpAgent: agent }) });
  return {
    label,
    call: await callsOn(client),
    async close() {
      client.destroy();
      agent.destroy();
      await close();
    },
  };
}

async function inProcess(): Promise<Transport> {
  const client = new KMSClient({ region: 'us-east-1', maxAttempts: 1 });
  client.middlewareStack.use(new KmsFake().plugin());
  return { label: 'plugin (in process)', call: await callsOn(client), close: () => client.destroy() };
}

async function listening(): Promise<Transport> {
  const server: KmsFakeServer = await new KmsFake().listen({ port: 0 });
  return overHttp('kms.listen (same process)', server.endpoint, () => server.close());
}

/** `kms-fake serve` from the build, in its own process as other languages would use it. */
async function served(): Promise<Transport> {
  const child: ChildProcess = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`kms-fake serve exited ${String(code)} before listening`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^kms-fake listening on (\S+)$/.exec(line);
      if (match) resolve(match[1]!);
    });
  });
  return overHttp('kms-fake serve (child process)', endpoint, async () => {
    child.kill('SIGTERM');
    await exited;
  });
}

async function transports(): Promise<Transport[]> {
  const all = [await inProcess(), await listening()];
  if (existsSync(CLI)) all.push(await served());
  else console.log(`kms-fake serve: not measured, ${CLI} is not built (npm run build)`);
  const moto = process.env.KMS_MOTO_ENDPOINT;
  if (moto) all.push(await overHttp(`moto_server (${moto})`, moto));
  else console.log('moto_server: not measured; set KMS_MOTO_ENDPOINT (e.g. moto_server -p 5000, then KMS_MOTO_ENDPOINT=http://127.0.0.1:5000)');
  return all;
}

async function main(): Promise<void> {
  const started = performance.now();
  const all = await transports();
  console.log(`kms-fake server bench: node ${process.version}; closed loops, 1 or ${IN_FLIGHT[1]} calls in flight; ${ROUNDS} interleaved rounds × ≥${RUN_MS} ms per cell`);

  const cells = Object.keys(OPS).flatMap((op) => IN_FLIGHT.map((inFlight) => ({ op: op as OpName, inFlight })));
  for (const { op, inFlight } of cells) for (const t of all) await opsPerSecond(t.call[op], inFlight, WARMUP_MS);
  const samples = new Map<string, number[]>();
  const key = (op: OpName, inFlight: number, t: Transport) => `${op}/${inFlight}/${t.label}`;
  for (let round = 0; round < ROUNDS; round++) {
    for (const { op, inFlight } of cells) {
      // Alternate the order, so drift within a round favours no transport.
      for (const t of round % 2 === 0 ? all : [...all].reverse()) {
        const list = samples.get(key(op, inFlight, t)) ?? [];
        list.push(await opsPerSecond(t.call[op], inFlight, RUN_MS));
        samples.set(key(op, inFlight, t), list);
      }
    }
    process.stdout.write(`  round ${round + 1}/${ROUNDS} done (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
  }

  const header = ['operation', 'in flight', 'transport', 'ops/s', 'ops/s range', 'vs plugin'];
  const lines = cells.flatMap(({ op, inFlight }) => {
    const plugin = median(samples.get(key(op, inFlight, all[0]!))!);
    return all.map((t) => {
      const s = samples.get(key(op, inFlight, t))!;
      return [OPS[op], String(inFlight), t.label, median(s).toFixed(0), range(s, 0), `${(median(s) / plugin).toFixed(2)}×`];
    });
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (row: string[]) => row.map((c, i) => (i <= 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(['', fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(fmt)].join('\n'));
  console.log(`\nops/s = median of ${ROUNDS} rounds; vs plugin = that median over the in-process plugin's, same operation and calls in flight.`);
  console.log(`total time ${((performance.now() - started) / 1000).toFixed(1)} s`);
  for (const t of all) await t.close();
}

main()
  .catch((error: unknown) => {
    console.error('server bench failed:', error);
  })
  .finally(() => {
    process.exitCode = 0; // the bench reports; it does not gate
  });
