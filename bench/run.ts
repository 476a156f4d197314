// npm run bench: the fake vs the wire-canned floor, through real KMSClients (sdk-stack.md section 3).
import { blockedConnects } from './env'; // first: env vars and the socket guard, before the SDK loads
import { backendSamplesUs, setupBench, type OpName } from './setup';
import { median, range } from './stats';

const WARMUP_MS = 1000;
const RUN_MS = 1000;
const ROUNDS = 5;
const BACKEND_MS = 1000;

const gc = (globalThis as { gc?: () => void }).gc;

/** Closed loop, one call in flight, for at least `ms`; returns µs per op. */
async function run(fn: () => Promise<unknown>, ms: number): Promise<number> {
  gc?.();
  let n = 0;
  const start = performance.now();
  const end = start + ms;
  let now = start;
  while (now < end) {
    await fn();
    n++;
    now = performance.now();
  }
  return ((now - start) * 1000) / n;
}


interface Row {
  readonly op: OpName;
  readonly label: string;
  readonly target?: number;
}
const ROWS: Row[] = [
  { op: 'Encrypt', label: 'Encrypt 4 KiB', target: 1.3 },
  { op: 'Decrypt', label: 'Decrypt 4 KiB' },
  { op: 'GenerateDataKey', label: 'GenerateDataKey AES_256' },
  { op: 'DescribeKey', label: 'DescribeKey', target: 1.15 },
  { op: 'EncryptDisabled', label: 'Encrypt → DisabledException', target: 1.15 },
];

async function main(): Promise<void> {
  const started = performance.now();
  const bench = await setupBench();
  console.log(`kms-fake bench: node ${process.version}, gc ${gc ? 'exposed (gc() before each run)' : 'NOT exposed'}`);
  console.log(`method: closed loop, 1 call in flight; ${WARMUP_MS} ms warm-up per row; ${ROUNDS} interleaved rounds × ≥${RUN_MS} ms per row`);

  for (const row of ROWS) {
    await run(bench.fake[row.op], WARMUP_MS);
    await run(bench.floor[row.op], WARMUP_MS);
  }
  await run(bench.instrumentedEncrypt, WARMUP_MS / 2);

  const fakeUs: Record<string, number[]> = {};
  const floorUs: Record<string, number[]> = {};
  for (const row of ROWS) {
    fakeUs[row.op] = [];
    floorUs[row.op] = [];
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const row of ROWS) {
      // Alternate which side goes first, so drift within a round does not favour one side.
      if (round % 2 === 0) {
        fakeUs[row.op]!.push(await run(bench.fake[row.op], RUN_MS));
        floorUs[row.op]!.push(await run(bench.floor[row.op], RUN_MS));
      } else {
        floorUs[row.op]!.push(await run(bench.floor[row.op], RUN_MS));
        fakeUs[row.op]!.push(await run(bench.fake[row.op], RUN_MS));
      }
    }
    process.stdout.write(`  round ${round + 1}/${ROUNDS} done (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
  }

  // The fake transport timed from inside (toWire + handle() + HttpResponse), Encrypt 4 KiB.
  backendSamplesUs.length = 0;
  await run(bench.instrumentedEncrypt, BACKEND_MS);
  const backendInside = median(backendSamplesUs);
  const backendCalls = backendSamplesUs.length;

  const ratios = (op: OpName, against: OpName = op) => fakeUs[op]!.map((f, i) => f / floorUs[against]![i]!);
  const header = ['operation', 'fake µs/op', 'floor µs/op', 'ratio', 'ratio range', 'target', 'result'];
  const lines: string[][] = [];
  for (const row of ROWS) {
    const r = median(ratios(row.op));
    lines.push([
      row.label,
      median(fakeUs[row.op]!).toFixed(1),
      median(floorUs[row.op]!).toFixed(1),
      `${r.toFixed(2)}×`,
      range(ratios(row.op), 2),
      row.target ? `≤ ${row.target.toFixed(2)}×` : 'report only',
      row.target ? (r <= row.target ? 'PASS' : 'OVER') : '-',
    ]);
  }
  const errVsSuccess = ratios('EncryptDisabled', 'Encrypt');
  const rErr = median(errVsSuccess);
  lines.push([
    '  error vs Encrypt success floor',
    median(fakeUs.EncryptDisabled!).toFixed(1),
    median(floorUs.Encrypt!).toFixed(1),
    `${rErr.toFixed(2)}×`,
    range(errVsSuccess, 2),
    '≤ 1.15×',
    rErr <= 1.15 ? 'PASS' : 'OVER',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log('');
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(fmt(l));

  const diffs = fakeUs.Encrypt!.map((f, i) => f - floorUs.Encrypt![i]!);
  console.log('');
  console.log(`ratio = median of ${ROUNDS} per-round paired ratios fake/floor; µs/op = median of the ${ROUNDS} rounds.`);
  console.log(`backend cost ≈ ${median(diffs).toFixed(1)} µs per Encrypt 4 KiB (fake − floor, median of per-round differences; range ${range(diffs, 1)})`);
  console.log(
    `backend cost, timed inside the fake transport middleware (call to settle: toWire + responder + HttpResponse), Encrypt 4 KiB: median ${backendInside.toFixed(1)} µs over ${backendCalls} calls` +
      ` (sdk-stack.md G4 target ≤ 50 µs: ${backendInside <= 50 ? 'PASS' : 'OVER'})`,
  );
  console.log(`total time ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(`network connects: ${blockedConnects.length}${blockedConnects.length ? ` (blocked: ${blockedConnects.join(', ')})` : ''}`);
}

main()
  .catch((error: unknown) => {
    console.error('bench failed:', error);
  })
  .finally(() => {
    process.exitCode = 0; // the bench reports; it does not gate
  });
