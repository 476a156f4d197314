// Clients for the bench: the real fake, the wire-canned floor, and an instrumented fake.
import {
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  DisabledException,
  EncryptCommand,
  GenerateDataKeyCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import { HttpResponse } from '@smithy/protocol-http';
import type { DeserializeMiddleware, MiddlewareStack, Pluggable, RelativeMiddlewareOptions } from '@smithy/types';
import { randomBytes } from 'node:crypto';
import { KmsFake, kmsFakeMiddlewareOptions } from 'kms-fake';
import { applyAuthPassThrough } from '../src/plugin/authPassThrough';
import { untyped } from '../src/plugin/stack';

export type OpName = 'Encrypt' | 'Decrypt' | 'GenerateDataKey' | 'DescribeKey' | 'EncryptDisabled';

/** One wire answer as the fake gave it. */
export interface Canned {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
}

const newClient = () => new KMSClient({ region: 'us-east-1', maxAttempts: 1 });

/** Per-call time spent in the fake transport middleware (toWire + responder + HttpResponse), call to settle. */
export const backendSamplesUs: number[] = [];
let recordInto: ((c: Canned) => void) | undefined;

/**
 * `kms.plugin()` applied through a stack proxy that wraps the fake transport: records the
 * response it gives (copied before the SDK mutates it) and times the synchronous respond path.
 */
function instrumented<I extends object, O extends object>(plugin: Pluggable<object, object>): Pluggable<I, O> {
  return {
    applyToStack(typed: MiddlewareStack<I, O>) {
      const stack = typed as unknown as MiddlewareStack<object, object>;
      const proxy = new Proxy(stack, {
        get(target, prop, receiver) {
          if (prop !== 'addRelativeTo') return Reflect.get(target, prop, receiver) as unknown;
          return (mw: DeserializeMiddleware<object, object>, options: RelativeMiddlewareOptions) => {
            if (options.name !== kmsFakeMiddlewareOptions.name) return target.addRelativeTo(mw, options);
            const wrapped: DeserializeMiddleware<object, object> = (next, context) => {
              const inner = mw(next, context);
              return async (args) => {
                // Until the transport's promise settles: it may await (e.g. a region provider)
                // before calling the responder; with one call in flight nothing else runs meanwhile.
                const t0 = performance.now();
                const result = await inner(args);
                backendSamplesUs.push((performance.now() - t0) * 1000);
                const r = result.response as HttpResponse;
                recordInto?.({ statusCode: r.statusCode, headers: { ...r.headers }, body: new Uint8Array(r.body as Uint8Array) });
                return result;
              };
            };
            return target.addRelativeTo(wrapped, options);
          };
        },
      });
      plugin.applyToStack(proxy);
    },
  };
}

/** The floor's transport: same place as the fake, answers a canned wire response with a fresh body. */
function cannedPlugin<I extends object, O extends object>(canned: Canned): Pluggable<I, O> {
  const transport: DeserializeMiddleware<object, object> = () => () => {
    return Promise.resolve({
      response: new HttpResponse({ statusCode: canned.statusCode, headers: { ...canned.headers }, body: new Uint8Array(canned.body) }),
      output: undefined as never,
    });
  };
  return {
    applyToStack(typed: MiddlewareStack<I, O>) {
      const stack = typed as unknown as MiddlewareStack<object, object>;
      applyAuthPassThrough(untyped(typed));
      stack.addRelativeTo(transport, { name: 'cannedTransport', relation: 'after', toMiddleware: 'deserializerMiddleware', override: true });
    },
  };
}

export interface Bench {
  /** One call per operation, per variant. */
  readonly fake: Record<OpName, () => Promise<unknown>>;
  readonly floor: Record<OpName, () => Promise<unknown>>;
  /** Encrypt 4 KiB through the instrumented fake (its samples go to backendSamplesUs). */
  readonly instrumentedEncrypt: () => Promise<unknown>;
}

function expectDisabled(promise: Promise<unknown>): Promise<void> {
  return promise.then(
    () => {
      throw new Error('expected DisabledException, the call succeeded');
    },
    (error: unknown) => {
      if (!(error instanceof DisabledException)) throw error;
    },
  );
}

export async function setupBench(): Promise<Bench> {
  const kms = new KmsFake() // default options: unseeded entropy (crypto.randomBytes);
  const plaintext = randomBytes(4096);

  // Recording client: the same fake, instrumented. Create the keys and record one answer per op.
  const recorder = newClient();
  recorder.middlewareStack.use(instrumented(kms.plugin()));
  const { KeyMetadata } = await recorder.send(new CreateKeyCommand({ Description: 'bench' }));
  const keyId = KeyMetadata!.KeyId!;
  const disabled = (await recorder.send(new CreateKeyCommand({ Description: 'bench disabled' }))).KeyMetadata!.KeyId!;
  await recorder.send(new DisableKeyCommand({ KeyId: disabled }));
  const { CiphertextBlob } = await recorder.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext }));

  const commands: Record<OpName, () => EncryptCommand | DecryptCommand | GenerateDataKeyCommand | DescribeKeyCommand> = {
    Encrypt: () => new EncryptCommand({ KeyId: keyId, Plaintext: plaintext }),
    Decrypt: () => new DecryptCommand({ CiphertextBlob }),
    GenerateDataKey: () => new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' }),
    DescribeKey: () => new DescribeKeyCommand({ KeyId: keyId }),
    EncryptDisabled: () => new EncryptCommand({ KeyId: disabled, Plaintext: plaintext }),
  };

  const record = async (op: OpName, failing: boolean) => {
    let got: Canned | undefined;
    recordInto = (c) => (got = c);
    const call = recorder.send(commands[op]() as never);
    if (failing) await expectDisabled(call);
    else await call;
    recordInto = undefined;
    if (!got) throw new Error(`nothing recorded for ${op}`);
    return got;
  };
  const canned: Record<OpName, Canned> = {
    Encrypt: await record('Encrypt', false),
    Decrypt: await record('Decrypt', false),
    GenerateDataKey: await record('GenerateDataKey', false),
    DescribeKey: await record('DescribeKey', false),
    EncryptDisabled: await record('EncryptDisabled', true),
  };
  if (canned.EncryptDisabled.statusCode !== 400) throw new Error(`disabled Encrypt answered ${canned.EncryptDisabled.statusCode}`);

  // One floor client per operation: each answers its own canned response, whatever the command.
  const floorOf = (op: OpName) => {
    const client = newClient();
    client.middlewareStack.use(cannedPlugin(canned[op]));
    return client;
  };
  const ops: OpName[] = ['Encrypt', 'Decrypt', 'GenerateDataKey', 'DescribeKey', 'EncryptDisabled'];
  const fake = {} as Record<OpName, () => Promise<unknown>>;
  const floor = {} as Record<OpName, () => Promise<unknown>>;
  for (const op of ops) {
    const floorClient = floorOf(op);
    const fakeClient = newClient(); // one client per row on both sides, so per-client caches match
    fakeClient.middlewareStack.use(kms.plugin());
    const failing = op === 'EncryptDisabled';
    fake[op] = failing ? () => expectDisabled(fakeClient.send(commands[op]() as never)) : () => fakeClient.send(commands[op]() as never);
    floor[op] = failing ? () => expectDisabled(floorClient.send(commands[op]() as never)) : () => floorClient.send(commands[op]() as never);
  }

  // Sanity: the fake round-trips, the floor gives the same shapes.
  const dec = (await fake.Decrypt()) as { Plaintext?: Uint8Array };
  if (!dec.Plaintext || Buffer.compare(Buffer.from(dec.Plaintext), plaintext) !== 0) throw new Error('fake Decrypt did not round-trip');
  const floorDec = (await floor.Decrypt()) as { Plaintext?: Uint8Array };
  if (!floorDec.Plaintext || Buffer.compare(Buffer.from(floorDec.Plaintext), plaintext) !== 0) throw new Error('floor Decrypt differs');
  for (const op of ops) {
    await fake[op]();
    await floor[op]();
  }

  backendSamplesUs.length = 0;
  return { fake, floor, instrumentedEncrypt: () => recorder.send(commands.Encrypt() as never) };
}
