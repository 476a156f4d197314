import type { MiddlewareStack, Pluggable } from '@smithy/types';
import { createClock, createDueList, type TimeSource } from './backend/clock';
import { createEntropy } from './backend/entropy';
import type { Core } from './backend/operations/operation';
import { createStore } from './backend/store';
import { handle, type Endpoint } from './protocol/handle';
import { attachToStack } from './plugin/attach';
import { getKmsFakePlugin, type RegionProvider } from './plugin/kmsFakeMiddleware';

/** Options of a {@link KmsFake}. */
export interface KmsFakeOptions {
  /** The AWS account every request lands in. Default `'111122223333'`. */
  accountId?: string;
  /** The fake's time source (a `Date` or epoch ms); `advanceTime` adds to it. Default: real time. */
  clock?: TimeSource;
  /** Makes key IDs, key material and request IDs reproducible across runs and machines. */
  seed?: string | number;
  /**
   * Region for requests whose endpoint names none (a custom `endpoint`) when the plugin was not
   * told the client's region (`kms.attach(client)` and `kms.plugin({ region })` tell it).
   * Default `'us-east-1'`.
   */
  defaultRegion?: string;
}

/** Options of {@link KmsFake.plugin}. */
export interface KmsFakePluginOptions {
  /** The client's region (or its provider), used when the endpoint names none. */
  region?: string | RegionProvider;
}

/** Anything with a middleware stack: a `KMSClient`, or a single command. */
export interface HasMiddlewareStack<I extends object = object, O extends object = object> {
  readonly middlewareStack: MiddlewareStack<I, O>;
}

/**
 * An in-process fake AWS KMS: real state, real cryptography and the SDK's own exceptions,
 * reached through a real `KMSClient` whose transport it replaces.
 *
 * @example
 * ```ts
 * const kms = new KmsFake();
 * const client = new KMSClient({ region: 'eu-west-1' });
 * client.middlewareStack.use(kms.plugin());
 * const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
 * ```
 */
export class KmsFake {
  /** The account every request lands in. */
  readonly accountId: string;
  readonly #core: Core;
  readonly #endpoint: Endpoint;

  constructor(options: KmsFakeOptions = {}) {
    this.accountId = options.accountId ?? '111122223333';
    const requests = createEntropy(options.seed === undefined ? undefined : `${options.seed}:requests`);
    this.#core = {
      store: createStore(),
      clock: createClock(options.clock),
      due: createDueList(),
      entropy: createEntropy(options.seed),
    };
    this.#endpoint = {
      accountId: this.accountId,
      defaultRegion: options.defaultRegion ?? 'us-east-1',
      requestId: requests.uuid,
    };
  }

  /**
   * The plugin for `client.middlewareStack.use(...)`: answers every command of that client
   * from this fake, with no credentials and no network. The region comes from the endpoint the
   * SDK resolved; for a custom `endpoint`, pass the client's region (or use `attach`).
   *
   * @example
   * ```ts
   * client.middlewareStack.use(kms.plugin());
   * ```
   */
  plugin<I extends object = object, O extends object = object>(options: KmsFakePluginOptions = {}): Pluggable<I, O> {
    const region = options.region;
    return getKmsFakePlugin<I, O>(
      (request, resolved) => handle(this.#core, this.#endpoint, request, resolved).response,
      typeof region === 'string' ? () => region : region,
    );
  }

  /**
   * Shorthand for `client.middlewareStack.use(kms.plugin())` that returns the exact undo.
   *
   * @example
   * ```ts
   * const detach = kms.attach(client);
   * // ... later: the client talks to AWS again
   * detach();
   * ```
   */
  attach<I extends object, O extends object>(
    client: HasMiddlewareStack<I, O> & { config?: { region?: RegionProvider | string } },
  ): () => void {
    const region = client.config?.region;
    const stack = client.middlewareStack as unknown as MiddlewareStack<object, object>;
    return attachToStack(stack, this.plugin(region === undefined ? {} : { region }));
  }

  /** The fake's current time. */
  now(): Date {
    return this.#core.clock.now();
  }

  /**
   * Moves the fake clock forward; whatever falls due (deletions, expiries, rotations, ends of
   * transient states) happens now.
   *
   * @example
   * ```ts
   * kms.advanceTime(7 * 24 * 60 * 60 * 1000); // a 7-day deletion window has passed
   * ```
   */
  advanceTime(ms: number): void {
    this.#core.clock.advance(ms);
    this.#core.due.runDue(this.#core.clock.now());
  }

  /**
   * Ends every transient key state (`Creating`, `Updating`, ...) at once, instead of after its
   * delay on the fake clock.
   *
   * @example
   * ```ts
   * kms.settle();
   * ```
   */
  settle(): void {
    this.#core.due.settle();
  }

  /**
   * Forgets every key, alias and tag in every account and region; the clock keeps its time.
   *
   * @example
   * ```ts
   * beforeEach(() => kms.reset());
   * ```
   */
  reset(): void {
    this.#core.store.reset();
    this.#core.due.clear();
  }
}
