import type { MiddlewareStack, Pluggable } from '@smithy/types';
import { createClock, createDueList, type TimeSource } from './backend/clock';
import { createEntropy } from './backend/entropy';
import type { Core } from './backend/operations/operation';
import { createStore } from './backend/store';
import { handle, type Endpoint } from './protocol/handle';
import { attachToStack } from './plugin/attach';
import { getKmsFakePlugin } from './plugin/kmsFakeMiddleware';

/** Options of a {@link KmsFake}. */
export interface KmsFakeOptions {
  /** The AWS account every request lands in. Default `'111122223333'`. */
  accountId?: string;
  /** The fake's time source (a `Date` or epoch ms); `advanceTime` adds to it. Default: real time. */
  clock?: TimeSource;
  /** Makes key IDs, key material and request IDs reproducible across runs and machines. */
  seed?: string | number;
  /** Region for clients whose endpoint names none (a custom `endpoint`). Default `'us-east-1'`. */
  defaultRegion?: string;
}

/** Anything with a middleware stack: a `KMSClient`, or a single command. */
export interface HasMiddlewareStack {
  // The SDK's stacks are typed over each client's own unions; the plugin works for any of them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly middlewareStack: MiddlewareStack<any, any>;
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
   * from this fake, with no credentials and no network.
   *
   * @example
   * ```ts
   * client.middlewareStack.use(kms.plugin());
   * ```
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  plugin(): Pluggable<any, any> {
    return getKmsFakePlugin((request, region) => handle(this.#core, this.#endpoint, request, region).response);
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
  attach(client: HasMiddlewareStack): () => void {
    return attachToStack(client.middlewareStack, this.plugin());
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
