// npm run bench, scale: one fake holding 100,000 symmetric keys (aliases on half of them).
// Reports heap per key, DescribeKey and ListKeys/ListAliases paging at 1k, 10k and 100k keys
// (ratios against the 1k fake of the same run: a ratio near 1 means the cost does not grow with
// the number of keys), and snapshot/rollback/reset of the large fake. Every call goes through a
// real KMSClient; the keys are loaded as a fixture (`kms.load`), except the CreateKey row.
import { blockedConnects } from './env'; // first: env vars and the socket guard, before the SDK loads
import { CreateKeyCommand, DescribeKeyCommand, KMSClient, ListAliasesCommand, ListKeysCommand } from '@aws-sdk/client-kms';
import { randomUUID } from 'node:crypto';
import { KmsFake, type Fixture } from 'kms-fake';
import { heapBytes, table, timeRounds } from './scaleSupport';
import { median } from './stats';

const SIZES = [1_000, 10_000, 100_000] as const;
const SDK_CREATES = 10_000;

const clientOn = (kms: KmsFake) => {
  const client = new KMSClient({ region: 'us-east-1', maxAttempts: 1 });
  client.middlewareStack.use(kms.plugin());
  return client;
};

/** `count` symmetric keys, every other one with an alias. */
function fixtureOf(count: number, from: number, aliases: boolean): Fixture {
  return {
    keys: Array.from({ length: count }, (_, i) => ({
      keyId: randomUUID(),
      ...(aliases && (from + i) % 2 === 0 && { aliases: [`alias/scale-${from + i}`] }),
    })),
  };
}

/** Heap held per key: loaded as a fixture (no aliases), and made by CreateKey through the SDK. */
async function memoryPerKey(): Promise<string[][]> {
  const rows: string[][] = [];
  {
    const before = heapBytes();
    const kms = new KmsFake({ callHistoryLimit: 0 });
    const t = performance.now();
    kms.load(fixtureOf(100_000, 0, false));
    const loadMs = performance.now() - t;
    const per = (heapBytes() - before) / 100_000;
    rows.push(['100,000 keys, kms.load(fixture)', `${(per / 1024).toFixed(2)} KiB`, per <= 4096 ? 'PASS' : 'OVER', `load ${(loadMs / 1000).toFixed(1)} s`]);
    kms.reset();
  }
  {
    const kms = new KmsFake({ callHistoryLimit: 0 });
    const client = clientOn(kms);
    await client.send(new CreateKeyCommand({})); // the region and the SDK's lazy parts exist before measuring
    const before = heapBytes();
    const t = performance.now();
    for (let i = 0; i < SDK_CREATES; i += 50) await Promise.all(Array.from({ length: 50 }, () => client.send(new CreateKeyCommand({}))));
    const us = ((performance.now() - t) * 1000) / SDK_CREATES;
    const per = (heapBytes() - before) / SDK_CREATES;
    rows.push([`${SDK_CREATES.toLocaleString('en')} keys, CreateKey via KMSClient`, `${(per / 1024).toFixed(2)} KiB`, per <= 4096 ? 'PASS' : 'OVER', `${us.toFixed(0)} µs per CreateKey`]);
    kms.reset();
  }
  return rows;
}

/** Markers for ListKeys/ListAliases: after the first page, in the middle, before the last page. */
async function markers(walk: (marker?: string) => Promise<{ NextMarker?: string | undefined; count: number }>) {
  const all: string[] = [];
  let total = 0;
  let marker: string | undefined;
  do {
    const page = await walk(marker);
    total += page.count;
    marker = page.NextMarker;
    if (marker) all.push(marker);
  } while (marker);
  return { total, middle: all[all.length >> 1], last: all[all.length - 1] };
}

interface SizeResult {
  readonly size: number;
  readonly us: Record<string, number[]>;
}

async function latencyAt(kms: KmsFake, size: number): Promise<SizeResult> {
  const client = clientOn(kms);
  const sampleAlias = `alias/scale-${size >> 1}`;
  const { KeyMetadata } = await client.send(new DescribeKeyCommand({ KeyId: sampleAlias }));
  const keyId = KeyMetadata!.KeyId!;
  // Walked with the largest page, so building the markers stays cheap; the measured calls page by 100.
  const keys = await markers(async (Marker) => {
    const out = await client.send(new ListKeysCommand({ Limit: 1000, ...(Marker && { Marker }) }));
    return { NextMarker: out.NextMarker, count: out.Keys!.length };
  });
  const aliases = await markers(async (Marker) => {
    const out = await client.send(new ListAliasesCommand({ Limit: 100, ...(Marker && { Marker }) }));
    return { NextMarker: out.NextMarker, count: out.Aliases!.length };
  });
  if (keys.total !== size || aliases.total !== size / 2) throw new Error(`walk found ${keys.total} keys, ${aliases.total} aliases at ${size}`);
  const ops: Record<string, () => Promise<unknown>> = {
    'DescribeKey by alias name': () => client.send(new DescribeKeyCommand({ KeyId: sampleAlias })),
    'DescribeKey by key ID': () => client.send(new DescribeKeyCommand({ KeyId: keyId })),
    'ListKeys first page (100)': () => client.send(new ListKeysCommand({ Limit: 100 })),
    'ListKeys middle page by marker': () => client.send(new ListKeysCommand({ Limit: 100, Marker: keys.middle })),
    'ListKeys last page by marker': () => client.send(new ListKeysCommand({ Limit: 100, Marker: keys.last })),
    'ListAliases first page (100)': () => client.send(new ListAliasesCommand({ Limit: 100 })),
    'ListAliases middle page by marker': () => client.send(new ListAliasesCommand({ Limit: 100, Marker: aliases.middle })),
    'ListAliases last page by marker': () => client.send(new ListAliasesCommand({ Limit: 100, Marker: aliases.last })),
    'ListAliases for one key (KeyId)': () => client.send(new ListAliasesCommand({ KeyId: keyId })),
  };
  return { size, us: await timeRounds(ops) };
}

/** snapshot(), rollback(snapshot) and reset() of the large fake, each timed once per round. */
function stateOps(kms: KmsFake, size: number): string[][] {
  const snapMs: number[] = [];
  const rollbackMs: number[] = [];
  for (let round = 0; round < 3; round++) {
    let t = performance.now();
    const saved = kms.snapshot();
    snapMs.push(performance.now() - t);
    t = performance.now();
    kms.rollback(saved);
    rollbackMs.push(performance.now() - t);
  }
  const t = performance.now();
  kms.reset();
  const resetMs = performance.now() - t;
  const n = size.toLocaleString('en');
  return [
    [`snapshot() of ${n} keys`, `${median(snapMs).toFixed(1)} ms`],
    [`rollback(snapshot) of ${n} keys`, `${median(rollbackMs).toFixed(1)} ms`],
    [`reset() of ${n} keys`, `${resetMs.toFixed(2)} ms`],
  ];
}

async function main(): Promise<void> {
  const started = performance.now();
  console.log(`\nkms-fake scale bench: node ${process.version}, gc ${heapBytes.exposed ? 'exposed' : 'NOT exposed (memory rows are noise)'}`);
  console.log('\nheap per symmetric key (heapUsed + external delta after gc, / key count; goal ≤ 4 KiB)');
  table(['keys', 'per key', 'goal', 'note'], await memoryPerKey());

  const kms = new KmsFake({ callHistoryLimit: 0 });
  const results: SizeResult[] = [];
  let loaded = 0;
  for (const size of SIZES) {
    kms.load(fixtureOf(size - loaded, loaded, true));
    loaded = size;
    results.push(await latencyAt(kms, size));
    process.stdout.write(`  ${size.toLocaleString('en')} keys measured (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
  }
  const base = results[0]!;
  const header = ['operation (through KMSClient)', ...results.flatMap((r) => [`µs @${r.size / 1000}k`]), ...results.slice(1).map((r) => `${r.size / 1000}k/1k`)];
  const rows = Object.keys(base.us).map((op) => [
    op,
    ...results.map((r) => median(r.us[op]!).toFixed(0)),
    ...results.slice(1).map((r) => `${(median(r.us[op]!) / median(base.us[op]!)).toFixed(2)}×`),
  ]);
  console.log('\nlatency by fake size (median of 5 rounds; ratio against the same fake at 1k keys, same run)');
  table(header, rows);
  console.log('\nwhole-fake operations at 100k keys (50k aliases)');
  table(['operation', 'time'], stateOps(kms, loaded));
  console.log(`\ntotal time ${((performance.now() - started) / 1000).toFixed(1)} s; network connects: ${blockedConnects.length}`);
}

main()
  .catch((error: unknown) => {
    console.error('scale bench failed:', error);
  })
  .finally(() => {
    process.exitCode = 0; // the bench reports; it does not gate
  });
