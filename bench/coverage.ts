// npm run bench (bench/coverage.ts): what recording for the KMS outcome coverage report costs a send,
// and a whole test run. Per send: the same calls through two KMSClients, one on a fake that records
// (the caller's file found on the stack at send, the key's facts, one NDJSON line per call, written
// per ~32 KiB) and one on a fake that does not. Per run: bench/coverageRun.ts (needs `npm run build`).
import './env'; // first: env vars and the socket guard, before the SDK loads
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CreateKeyCommand, DescribeKeyCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { KmsFake } from '../src';
import { startCoverageRecording } from '../src/coverage/recorder';
import { COVERAGE_DIR_ENV } from '../src/coverage/record';
import { measureSuiteRun } from './coverageRun';
import { median, range } from './stats';

const RUN_MS = 600;
// Many short rounds rather than a few long ones: on a shared machine the median then shrugs off a busy spell.
const ROUNDS = 9;
const SUITE_ROUNDS = 5;

async function usPerCall(fn: () => Promise<unknown>, ms: number): Promise<number> {
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now < start + ms) {
    await fn();
    n++;
    now = performance.now();
  }
  return ((now - start) * 1000) / n;
}

/** A client on its own fake with one key; `record` turns the coverage recording on for it. */
async function side(dir: string | undefined) {
  const kms = new KmsFake({ seed: 1 });
  const client = new KMSClient({ region: 'eu-west-1' });
  kms.attach(client);
  // Inside one long test, as the test-runner entries drive it: records are written every ~32 KiB.
  if (dir) startCoverageRecording(kms, () => ({ file: __filename, name: 'bench' }), { [COVERAGE_DIR_ENV]: dir })?.testStarts();
  const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
  const KeyId = KeyMetadata!.KeyId!;
  const plaintext = new Uint8Array(4096);
  return {
    DescribeKey: () => client.send(new DescribeKeyCommand({ KeyId })),
    'Encrypt 4 KiB': () => client.send(new EncryptCommand({ KeyId, Plaintext: plaintext })),
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kms-fake-bench-coverage-'));
  try {
    const off = await side(undefined);
    const on = await side(dir);
    const ops = Object.keys(off) as (keyof typeof off)[];
    const samples = Object.fromEntries(ops.map((op) => [op, { off: [] as number[], on: [] as number[] }]));
    for (const op of ops) await Promise.all([usPerCall(off[op], RUN_MS / 2), usPerCall(on[op], RUN_MS / 2)]);
    for (let round = 0; round < ROUNDS; round++) {
      for (const op of ops) {
        // Alternate which side goes first, so drift within a round favours neither.
        const order = round % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const);
        for (const which of order) samples[op]![which].push(await usPerCall((which === 'on' ? on : off)[op], RUN_MS));
      }
    }
    console.log(`coverage recording: µs per send, median of ${ROUNDS} interleaved rounds × ≥${RUN_MS} ms (range)`);
    for (const op of ops) {
      const { off: o, on: r } = samples[op]!;
      const overhead = (median(r) / median(o) - 1) * 100;
      const added = median(r) - median(o);
      console.log(`  ${op.padEnd(14)} off ${median(o).toFixed(1)} (${range(o, 1)})  on ${median(r).toFixed(1)} (${range(r, 1)})  +${added.toFixed(1)} µs (+${overhead.toFixed(1)} %)`);
    }
    measureSuiteRun(SUITE_ROUNDS, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
