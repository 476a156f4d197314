// npm run bench, durable state: the cost of one durable write (TagResource on an existing key,
// written and fdatasync'd before it is answered) with 1,000 and with 100,000 keys in the store,
// beside the same call on a fake without a state directory. The journal appends only the records
// a call changed, so the 100k/1k ratio should be about 1. The keys are loaded as a fixture.
import { blockedConnects } from './env'; // first: env vars and the socket guard, before the SDK loads
import { DescribeKeyCommand, KMSClient, TagResourceCommand } from '@aws-sdk/client-kms';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KmsFake, type Fixture } from 'kms-fake';
import { table, timeRounds } from './scaleSupport';
import { median } from './stats';

const SIZES = [1_000, 100_000] as const;

const fixtureOf = (count: number): Fixture => ({ keys: Array.from({ length: count }, () => ({ keyId: randomUUID() })) });

interface Measured {
  readonly us: Record<string, number[]>;
  readonly notes: string[];
}

/** One fake of `size` keys, with or without a state directory, and its calls timed. */
async function measure(size: number, durable: boolean): Promise<Measured> {
  const directory = durable ? mkdtempSync(join(tmpdir(), 'kms-fake-bench-')) : undefined;
  const notes: string[] = [];
  try {
    let kms = new KmsFake({ callHistoryLimit: 0, ...(directory && { stateDirectory: directory }) });
    const fixture = fixtureOf(size);
    let t = performance.now();
    kms.load(fixture);
    if (directory) {
      const bytes = readdirSync(directory).reduce((sum, name) => sum + statSync(join(directory, name)).size, 0);
      notes.push(`load + write ${(performance.now() - t).toFixed(0)} ms, ${(bytes / 2 ** 20).toFixed(1)} MiB on disk`);
      kms.close();
      t = performance.now();
      kms = new KmsFake({ callHistoryLimit: 0, stateDirectory: directory });
      notes.push(`reopen ${(performance.now() - t).toFixed(0)} ms`);
    }
    const client = new KMSClient({ region: 'us-east-1', maxAttempts: 1 });
    client.middlewareStack.use(kms.plugin());
    const KeyId = fixture.keys[size >> 1]!.keyId;
    let n = 0;
    const us = await timeRounds({
      // A new value each time, so every call changes the key and is written.
      'TagResource (a write)': () => client.send(new TagResourceCommand({ KeyId, Tags: [{ TagKey: 'n', TagValue: String(n++) }] })),
      'DescribeKey (a read)': () => client.send(new DescribeKeyCommand({ KeyId })),
    });
    kms.close();
    return { us, notes };
  } finally {
    if (directory) rmSync(directory, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  console.log(`\nkms-fake durable-state bench: node ${process.version}; state directories in ${tmpdir()}`);
  // A first pass, not reported: the 1k rows would otherwise pay for the JIT's warm-up and look slower than the 100k ones.
  for (const durable of [false, true]) await measure(SIZES[0], durable);
  const results = new Map<string, Measured>();
  for (const size of SIZES) {
    for (const durable of [false, true]) {
      results.set(`${size}:${durable}`, await measure(size, durable));
      process.stdout.write(`  ${size.toLocaleString('en')} keys, ${durable ? 'stateDirectory' : 'in memory'} measured (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
    }
  }
  const at = (size: number, durable: boolean, op: string) => median(results.get(`${size}:${durable}`)!.us[op]!);
  const [small, large] = SIZES;
  const rows = Object.keys(results.get(`${small}:true`)!.us).map((op) => [
    op,
    at(small, false, op).toFixed(0),
    at(small, true, op).toFixed(0),
    at(large, false, op).toFixed(0),
    at(large, true, op).toFixed(0),
    `${(at(large, true, op) / at(small, true, op)).toFixed(2)}×`,
  ]);
  console.log('\nµs per call through KMSClient (median of 5 rounds); the ratio is the durable fake at 100k keys over the durable fake at 1k (≈ 1: no growth with the number of keys)');
  table(['operation', 'µs @1k memory', 'µs @1k durable', 'µs @100k memory', 'µs @100k durable', 'durable 100k/1k'], rows);
  for (const size of SIZES) console.log(`  ${size.toLocaleString('en')} keys on disk: ${results.get(`${size}:true`)!.notes.join('; ')}`);
  console.log(`\ntotal time ${((performance.now() - started) / 1000).toFixed(1)} s; network connects: ${blockedConnects.length}`);
}

main()
  .catch((error: unknown) => {
    console.error('durable bench failed:', error);
  })
  .finally(() => {
    process.exitCode = 0; // the bench reports; it does not gate
  });
