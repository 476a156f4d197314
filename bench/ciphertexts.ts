// npm run bench, scale: 1,000,000 ciphertexts under one key. Shows that the fake keeps no state
// per ciphertext (its heap does not grow with the number of Encrypt calls) and that a sample of
// them still decrypts at the end. The million go through the protocol layer (`handle`, the same
// entry point the plugin calls, without the SDK's serializer and middleware, which would make the
// run take several minutes); a further 100,000 go through a real KMSClient on a KmsFake (plugin and
// call history included, the history at its default limit).
import { blockedConnects } from './env'; // first: env vars and the socket guard, before the SDK loads
import { CreateKeyCommand, DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { KmsFake } from 'kms-fake';
import { createClock, createDueList, DEFAULT_TRANSIENT_DELAYS } from '../src/backend/clock';
import type { Core } from '../src/backend/core';
import { createEntropy } from '../src/backend/entropy';
import { createStore } from '../src/backend/store';
import { handle, type Endpoint } from '../src/protocol/handle';
import { heapBytes, table } from './scaleSupport';

const PROTOCOL_CALLS = 1_000_000;
const SDK_CALLS = 100_000;
const SAMPLE_EVERY = 10_000;
const IN_FLIGHT = 100;

/** A fake's core, as KmsFake builds one, for calls straight into the protocol layer. */
function protocolFake() {
  const core: Core = {
    store: createStore(),
    clock: createClock(),
    due: createDueList(),
    entropy: createEntropy(),
    epoch: { current: 0 },
    delays: DEFAULT_TRANSIENT_DELAYS,
    access: { enforce: false, identityPolicies: new Map() },
  };
  const ids = createEntropy();
  const endpoint: Endpoint = { accountId: '111122223333', defaultRegion: 'us-east-1', requestId: ids.uuid };
  const ROOT = 'arn:aws:iam::111122223333:root';
  const call = (op: string, input: object): Record<string, unknown> => {
    const body = new TextEncoder().encode(JSON.stringify(input));
    const { response } = handle(core, endpoint, { hostname: 'kms.us-east-1.amazonaws.com', headers: { 'x-amz-target': `TrentService.${op}` }, body }, undefined, ROOT);
    const out = JSON.parse(new TextDecoder().decode(response.body)) as Record<string, unknown>;
    if (response.statusCode !== 200) throw new Error(`${op}: ${JSON.stringify(out)}`);
    return out;
  };
  return call;
}

/** The plaintext of ciphertext number `i`: distinct for every call. */
const plaintextOf = (i: number) => {
  const p = Buffer.alloc(32);
  p.writeUInt32BE(i, 28);
  return p;
};

interface Run {
  readonly rows: string[][];
  readonly perCiphertext: number;
  readonly slowdown: number;
  readonly decrypted: string;
}

/**
 * `total` Encrypt calls via `encrypt(i)`, batched `IN_FLIGHT` at a time; heap measured every
 * tenth of the run after the first, timing of the first and the last tenth compared.
 */
async function encryptMany(total: number, encrypt: (i: number) => Promise<Uint8Array>, decrypt: (blob: Uint8Array) => Promise<Uint8Array>): Promise<Run> {
  const samples: { i: number; blob: Uint8Array }[] = [];
  const tenth = total / 10;
  const rows: string[][] = [];
  const heap: number[] = [];
  const tenthMs: number[] = [];
  let t = performance.now();
  for (let i = 0; i < total; i += IN_FLIGHT) {
    const blobs = await Promise.all(Array.from({ length: IN_FLIGHT }, (_, k) => encrypt(i + k)));
    for (let k = 0; k < IN_FLIGHT; k++) if ((i + k) % SAMPLE_EVERY === 0) samples.push({ i: i + k, blob: new Uint8Array(blobs[k]!) }); // a copy: a Buffer from base64 may pin an 8 KiB pool slab
    const done = i + IN_FLIGHT;
    if (done % tenth === 0) {
      tenthMs.push(performance.now() - t);
      heap.push(heapBytes());
      rows.push([done.toLocaleString('en'), `${(heap[heap.length - 1]! / 2 ** 20).toFixed(1)} MiB`, `${((tenthMs[tenthMs.length - 1]! * 1000) / tenth).toFixed(1)} µs`]);
      t = performance.now();
    }
  }
  let ok = 0;
  for (const { i, blob } of samples) if (Buffer.from(await decrypt(blob)).equals(plaintextOf(i))) ok++;
  return {
    rows,
    perCiphertext: (heap[heap.length - 1]! - heap[0]!) / (total - tenth),
    slowdown: tenthMs[tenthMs.length - 1]! / tenthMs[0]!,
    decrypted: `${ok}/${samples.length}`,
  };
}

function report(title: string, run: Run): void {
  console.log(`\n${title}`);
  table(['ciphertexts', 'heap', 'µs per Encrypt (this tenth)'], run.rows);
  console.log(
    `heap growth per ciphertext after the first tenth: ${run.perCiphertext.toFixed(2)} bytes (goal: about 0);` +
      ` last tenth vs first tenth: ${run.slowdown.toFixed(2)}×; sample decrypted at the end: ${run.decrypted}`,
  );
}

async function main(): Promise<void> {
  const started = performance.now();
  const call = protocolFake();
  const keyId = (call('CreateKey', {}).KeyMetadata as { KeyId: string }).KeyId;
  const protocolRun = await encryptMany(
    PROTOCOL_CALLS,
    (i) => Promise.resolve(Buffer.from(call('Encrypt', { KeyId: keyId, Plaintext: plaintextOf(i).toString('base64') }).CiphertextBlob as string, 'base64')),
    (blob) => Promise.resolve(Buffer.from(call('Decrypt', { CiphertextBlob: Buffer.from(blob).toString('base64') }).Plaintext as string, 'base64')),
  );
  report(`${PROTOCOL_CALLS.toLocaleString('en')} ciphertexts under one key, through the protocol layer (handle)`, protocolRun);

  const kms = new KmsFake(); // default call history limit (10,000)
  const client = new KMSClient({ region: 'us-east-1', maxAttempts: 1 });
  client.middlewareStack.use(kms.plugin());
  const sdkKey = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  const sdkRun = await encryptMany(
    SDK_CALLS,
    async (i) => (await client.send(new EncryptCommand({ KeyId: sdkKey, Plaintext: plaintextOf(i) }))).CiphertextBlob!,
    async (blob) => (await client.send(new DecryptCommand({ CiphertextBlob: blob }))).Plaintext!,
  );
  report(`${SDK_CALLS.toLocaleString('en')} ciphertexts under one key, through a KMSClient (${IN_FLIGHT} in flight; history kept at its limit)`, sdkRun);
  console.log(`\ntotal time ${((performance.now() - started) / 1000).toFixed(1)} s; network connects: ${blockedConnects.length}`);
}

main()
  .catch((error: unknown) => {
    console.error('ciphertext bench failed:', error);
  })
  .finally(() => {
    process.exitCode = 0; // the bench reports; it does not gate
  });
