import * as Sdk from '@aws-sdk/client-kms';
import { GenerateRandomCommand, KMSServiceException, type KMSClient } from '@aws-sdk/client-kms';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { KmsFake } from 'kms-fake';
import { isDeclaredLimit, modelledErrors, outputProblems, UNMODELLED_FORMS } from './sdkModel';
import { buildWorld, CLIENT_REGIONS, type Pools, type World } from './world';

/**
 * Runs one generated call through a real KMSClient and judges it: the call settles, and it
 * either succeeds with an output of the SDK's shape, or fails with an exception the SDK models
 * for that operation (or one of AWS's unmodelled forms), leaving the whole fake unchanged.
 *
 * Two worlds are built alike from one seed. Every call goes to the first; a success is replayed
 * on the second, so both have drawn the same entropy. After a failure both draw once more: equal
 * bytes prove the failed call drew nothing (a draw would shift every later key ID and key).
 */

export type Region = (typeof CLIENT_REGIONS)[number];

/** One generated call: through the SDK's serializer (`input`) or as a raw JSON body (`body`). */
export type Call = { region: Region; input: Record<string, unknown> } | { region: Region; body: string | Uint8Array };

/** A call without an answer after this long is a hang: a failure, never a stuck run. */
const SETTLE_MS = 10_000;

interface Side {
  world: World;
  /** Set by the client's build-step middleware: the request got past the SDK's serializer. */
  reached: boolean;
  rawBody: string | Uint8Array | undefined;
}

export interface Harness {
  readonly pools: Pools;
  /** The world every call goes to (its twin only replays and draws). */
  readonly world: World;
  /** Undefined when the call behaved; otherwise what was wrong. */
  judge(operation: string, call: Call): Promise<string | undefined>;
  dispose(): void;
}

export async function createHarness(seed: string, settleMs = SETTLE_MS): Promise<Harness> {
  const [first, pools] = await side(seed);
  let a = first;
  let [b] = await side(seed); // built alike, so its IDs are a's
  const startText = stateText(a.world.kms);
  let dirty = false;
  const errorsOf = new Map<string, ReadonlySet<string>>();

  /** Builds both worlds afresh: once their entropy has parted, every later comparison would fail. */
  async function rebuild() {
    a.world.kms.reset();
    b.world.kms.reset();
    [[a], [b]] = [await side(seed), await side(seed)];
    dirty = false;
  }

  async function judgeFailure(operation: string, error: unknown): Promise<string | undefined> {
    if (!(error instanceof KMSServiceException)) {
      // The SDK refusing an input client-side (before its serializer made a request) is not the fake's doing.
      return a.reached ? `not an SDK exception: ${describeError(error)}` : undefined;
    }
    if (!errorsOf.has(operation)) errorsOf.set(operation, modelledErrors(operation));
    if (error.name === 'KMSInternalException') return `the fake's bug marker: ${error.message}`;
    if (!errorsOf.get(operation)!.has(error.name) && !UNMODELLED_FORMS.has(error.name) && !isDeclaredLimit(error.name, error.message)) {
      return `${error.name} is not modelled for ${operation}: ${error.message}`;
    }
    const after = stateText(a.world.kms);
    if (after !== startText) {
      dirty = true;
      return `a failed call (${error.name}: ${error.message}) changed the fake:\n${firstDifference(startText, after)}`;
    }
    const [drawA, drawB] = await Promise.all([draw(a), draw(b)]);
    if (drawA === drawB) return undefined;
    await rebuild();
    return `a failed call (${error.name}: ${error.message}) drew entropy`;
  }

  return {
    pools,
    get world() {
      return a.world;
    },
    async judge(operation, call) {
      if (dirty) {
        a.world.kms.rollback(a.world.start);
        b.world.kms.rollback(b.world.start);
        dirty = false;
      }
      const outcome = await send(a, operation, call, settleMs);
      if (outcome.kind === 'hang') return `no answer within ${settleMs} ms`;
      if (outcome.kind === 'error') return judgeFailure(operation, outcome.error);
      dirty = true;
      const problems = outputProblems(operation, outcome.output);
      if (problems.length > 0) return `output departs from the SDK's shape: ${problems.join('; ')}`;
      const invalid: string[] = [];
      stateText(a.world.kms, invalid);
      if (invalid.length > 0) return `a successful call stored values no request could mean: ${invalid.join('; ')}`;
      const twin = await send(b, operation, call, settleMs);
      if (twin.kind === 'ok') return undefined;
      await rebuild();
      return `the same call on an identical fake did not succeed: ${describeOutcome(twin)}`;
    },
    dispose() {
      a.world.kms.reset();
      b.world.kms.reset();
    },
  };
}

async function side(seed: string): Promise<[Side, Pools]> {
  const { world, pools } = await buildWorld(seed);
  const s: Side = { world, reached: false, rawBody: undefined };
  for (const client of Object.values(s.world.clients)) {
    client.middlewareStack.add(
      (next) => (args) => {
        s.reached = true;
        if (s.rawBody !== undefined) (args.request as { body: unknown }).body = s.rawBody;
        return next(args);
      },
      { step: 'build', name: 'propertyRawBody' },
    );
  }
  return [s, pools];
}

type Outcome = { kind: 'ok'; output: Record<string, unknown> } | { kind: 'error'; error: unknown } | { kind: 'hang' };

async function send(s: Side, operation: string, call: Call, settleMs: number): Promise<Outcome> {
  const Command = (Sdk as unknown as Record<string, new (input: object) => Parameters<KMSClient['send']>[0]>)[`${operation}Command`]!;
  s.reached = false;
  s.rawBody = 'body' in call ? call.body : undefined;
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<Outcome>((resolve) => (timer = setTimeout(() => resolve({ kind: 'hang' }), settleMs)));
  const sent = s.world.clients[call.region]
    .send(new Command('input' in call ? call.input : {}))
    .then((output): Outcome => ({ kind: 'ok', output: output as unknown as Record<string, unknown> }), (error: unknown): Outcome => ({ kind: 'error', error }));
  try {
    return await Promise.race([sent, hang]);
  } finally {
    clearTimeout(timer);
    s.rawBody = undefined;
  }
}

async function draw(s: Side): Promise<string> {
  const { Plaintext } = await s.world.clients['us-east-1'].send(new GenerateRandomCommand({ NumberOfBytes: 16 }));
  return Buffer.from(Plaintext!).toString('hex');
}

const describeError = (e: unknown) => (e instanceof Error ? `${e.constructor.name} ${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e));
const describeOutcome = (o: Outcome) => (o.kind === 'error' ? describeError(o.error) : o.kind);

/**
 * The whole state (the snapshot's keys, material, aliases, grants, stores and the clock) as
 * deterministic text. Empty regions are left out (a region exists once a request names it, which
 * no caller can observe), and so is each material's key-pair cache (the same pair, derived lazily).
 * Values no request could have meant (an invalid Date, a number that is not finite) are listed in `invalid`.
 */
function stateText(kms: KmsFake, invalid: string[] = []): string {
  const { store, clockOffset } = kms.snapshot();
  const regions = store.regions
    .filter((r) => r.keys.length + r.aliases.length + (r.customKeyStores?.length ?? 0) + (r.grants?.length ?? 0) > 0)
    .map((r) => canonical(r, '', invalid))
    .sort();
  return [`clock ${clockOffset} ${kms.now().toISOString()}`, ...regions].join('\n');
}

function canonical(value: unknown, path: string, invalid: string[]): string {
  const at = (k: string) => `${path}.${k}`;
  if (typeof value === 'number' && !Number.isFinite(value)) invalid.push(`${path} = ${value}`);
  if (value === null || typeof value !== 'object') return value === undefined ? 'undefined' : JSON.stringify(value);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) invalid.push(`${path} = Invalid Date`);
    return `Date(${Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString()})`;
  }
  if (value instanceof Uint8Array) return `bytes(${value.length}:${createHash('sha256').update(value).digest('hex').slice(0, 16)})`;
  if (value instanceof Map) return `Map{${[...value.entries()].map(([k, v]) => `${canonical(k, path, invalid)}=>${canonical(v, at(String(k)), invalid)}`).sort().join(',')}}`;
  if (Array.isArray(value)) return `[${value.map((v, i) => canonical(v, at(String(i)), invalid)).join(',')}]`;
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto !== Object.prototype && proto !== null) return `<${(proto.constructor as { name: string }).name}>`;
  const entries = Object.entries(value).filter(([k]) => k !== 'keyPair');
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v, at(k), invalid)}`).sort().join(',')}}`;
}

function firstDifference(before: string, after: string): string {
  let i = 0;
  while (i < before.length && before[i] === after[i]) i++;
  return `before: …${before.slice(Math.max(0, i - 120), i + 200)}\nafter:  …${after.slice(Math.max(0, i - 120), i + 200)}`;
}

/** The run's seed: fixed by default, `KMS_FAKE_FC_SEED` to reproduce or explore; runs per operation from `KMS_FAKE_FC_RUNS`. */
export const SEED = Number(process.env.KMS_FAKE_FC_SEED ?? 20_261_207);
export const runsOr = (fallback: number) => Number(process.env.KMS_FAKE_FC_RUNS ?? fallback);

/** Checks a property and fails with fast-check's report, its seed and the command that reruns it. */
export async function checkProperty<T>(file: string, property: fc.IAsyncPropertyWithHooks<T>, numRuns: number): Promise<void> {
  const details = await fc.check(property, { seed: SEED, numRuns, endOnFailure: false, markInterruptAsFailure: true });
  if (details.failed) {
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`${fc.defaultReportMessage(details) ?? 'property failed'}\n\nWhat went wrong: ${cause}\n\nRerun exactly: KMS_FAKE_FC_SEED=${SEED} npx jest ${file}`);
  }
}
