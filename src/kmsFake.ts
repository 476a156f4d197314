import { explainAccess } from './backend/access/explain';
import { accessSettingsOf, callerOption } from './backend/access/settings';
import { rescheduleAll } from './backend/deletion';
import { kmsActionNamed } from './backend/operations';
import { loadFixture, type Fixture } from './backend/fixtures';
import { assertOpen, CLOSED, type Core } from './backend/core';
import { restoreSnapshot, takeSnapshot, type StoreSnapshot } from './backend/snapshot';
import { assembleFake, registerParts } from './fakeParts';
import type { ObservableTransport } from './fakeTransport';
import { readFixtureFile } from './fixtureFile';
import { usageError } from './errors';
import { KMS_FAKE_BRAND } from './brand';
import type { Endpoint } from './protocol/handle';
import { createClientBindings, type AttachableClient } from './plugin/bindings';
import type { ClientClass, InstallOptions } from './plugin/install';
import { getKmsFakePlugin } from './plugin/kmsFakeMiddleware';
import type { KmsFakePlugin } from './plugin/stack';
import type { KmsFakeServer, KmsFakeServerOptions } from './server/listen';
import { KmsFakeTestDouble } from './testDouble';
import { checkAccessOptions, checkOptions, type KmsAccessExplanation, type KmsFakeAccessOptions, type KmsFakeAttachOptions, type KmsFakeOptions, type KmsFakePluginOptions } from './options';

export type { KmsAccessExplanation, KmsFakeAccessOptions, KmsFakeAttachOptions, KmsFakeOptions, KmsFakePluginOptions, KmsFakeTransientDelays, KmsPolicyDocument, KmsPolicyStatement } from './options';
export type { HasMiddlewareStack } from './plugin/bindings';
export { partsOf, type KmsFakeParts } from './fakeParts';

/** The whole state of a fake at one moment, for {@link KmsFake.rollback}. */
export interface KmsFakeSnapshot {
  readonly store: StoreSnapshot;
  /** How far `advanceTime` had moved the fake clock. */
  readonly clockOffset: number;
}

/** Snapshots this module made: anything else handed to `rollback` is misuse, caught before it touches the state. */
const snapshots = new WeakSet<KmsFakeSnapshot>();

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
export class KmsFake extends KmsFakeTestDouble {
  /** The account every request lands in. */
  readonly accountId: string;
  /** Lets the matchers and the client-mock entries recognise a fake without loading this module. */
  get [KMS_FAKE_BRAND](): true {
    return true;
  }
  readonly #options: KmsFakeOptions;
  readonly #core: Core;
  readonly #endpoint: Endpoint;
  readonly #transport: ObservableTransport;
  readonly #bindings: ReturnType<typeof createClientBindings>;

  constructor(options: KmsFakeOptions = {}) {
    checkOptions(options);
    const parts = assembleFake(options);
    super(parts);
    this.#options = options;
    this.accountId = parts.endpoint.accountId;
    ({ core: this.#core, endpoint: this.#endpoint, transport: this.#transport } = parts);
    registerParts(this, parts);
    this.#bindings = createClientBindings(this.#endpoint.defaultRegion, (region, principal) =>
      this.plugin({ ...(region !== undefined && { region }), ...(principal !== undefined && { principal }) }),
    );
  }

  /**
   * A fake holding the keys a fixture declares, with fixed key IDs and key material derived from
   * the fixture's seed, so ciphertexts committed to a repository keep decrypting.
   *
   * @param fixture - a {@link Fixture}, or the path of a `.json`, `.yaml` or `.yml` file holding one
   * @example
   * ```ts
   * const kms = KmsFake.fromFixture('test/fixtures/kms.yaml');
   * ```
   */
  static fromFixture(fixture: Fixture | string, options: KmsFakeOptions = {}): KmsFake {
    const kms = new KmsFake(options);
    kms.load(fixture);
    return kms;
  }

  /**
   * Adds a fixture's keys and aliases to this fake.
   *
   * @example
   * ```ts
   * kms.load({ keys: [{ keyId: '1234abcd-12ab-34cd-56ef-1234567890ab', aliases: ['alias/app'] }] });
   * ```
   */
  load(fixture: Fixture | string): void {
    this.#assertOpen();
    const declared = typeof fixture === 'string' ? readFixtureFile(fixture) : fixture;
    const seed = this.#options.seed === undefined ? undefined : String(this.#options.seed);
    loadFixture(this.#core, declared, { accountId: this.accountId, region: this.#endpoint.defaultRegion, ...(seed && { seed }) });
    this.#core.persistence?.commit();
  }

  /**
   * The plugin for `client.middlewareStack.use(...)`: answers every command of that client
   * from this fake, with no credentials and no network. The region comes from the endpoint the
   * SDK resolved; for a custom `endpoint`, pass the client's region (or use `attach`). A client
   * built without a region still fails with the SDK's "Region is missing" here, as the plugin
   * cannot reach the client's config: `attach` and `installKmsFake` supply the fake's `defaultRegion`.
   *
   * @example
   * ```ts
   * client.middlewareStack.use(kms.plugin());
   * ```
   */
  plugin(options: KmsFakePluginOptions = {}): KmsFakePlugin {
    const { region, principal } = options;
    if (principal !== undefined) callerOption(principal);
    return getKmsFakePlugin(this.#transport, typeof region === 'string' ? () => region : region, principal);
  }

  /**
   * Shorthand for `client.middlewareStack.use(kms.plugin())` that returns the exact undo;
   * {@link KmsFake.restore} undoes it too. A client built without a region gets the fake's
   * `defaultRegion`; one with a region keeps it.
   *
   * @example
   * ```ts
   * const detach = kms.attach(client);
   * detach(); // the client's stack is as it was
   * kms.attach(other, { principal: 'arn:aws:iam::111122223333:role/app' }); // calls as that role
   * ```
   */
  attach(client: AttachableClient, options: KmsFakeAttachOptions = {}): () => void {
    if (typeof client?.middlewareStack?.use !== 'function') throw usageError('attach needs a client with a middlewareStack, such as a KMSClient');
    if (options.principal !== undefined) callerOption(options.principal);
    return this.#bindings.attach(client, options.principal);
  }

  /**
   * Which key policy statement, identity policy statement or grant would allow or deny `action`
   * by `principal` on a key (any KeyId form; none for operations on no key), with an optional
   * encryption context: so a failing least-privilege test says why. Answers whether or not this
   * fake enforces authorization.
   *
   * @example
   * ```ts
   * const why = kms.explain('arn:aws:iam::111122223333:role/app', 'kms:Decrypt', 'alias/app', { tenant: 'a' });
   * // why.allowed === false; why.reason names the statement or says that none allows it
   * ```
   */
  explain(principal: string, action: string, keyId?: string, context?: Readonly<Record<string, string>>): KmsAccessExplanation {
    // A misspelt action would be denied like any other, and a test asserting a denial would pass on the typo.
    const known = typeof action === 'string' ? kmsActionNamed(action) : undefined;
    if (!known) throw usageError(`explain: ${String(action)} is not a KMS action (kms:Decrypt, kms:ReEncryptFrom, ...)`);
    return explainAccess(this.#core, this.#endpoint.defaultRegion, principal, known, keyId, context);
  }

  /**
   * Changes who calls and what is enforced, from the next call on: for a fake made for you (the
   * `kmsFake` of `kms-fake/jest` and `kms-fake/vitest`), or to switch within a suite. Takes the
   * `principal`, `authorization` and `identityPolicies` options; those left out keep their values.
   * It is configuration, not state: `reset()` and `rollback()` leave it as it is.
   *
   * @example
   * ```ts
   * import { kmsFake } from 'kms-fake/jest';
   * kmsFake.configureAccess({ authorization: 'enforce', principal: 'arn:aws:iam::111122223333:role/app' });
   * ```
   */
  configureAccess(options: KmsFakeAccessOptions): void {
    checkAccessOptions(options);
    const { principal, authorization, identityPolicies } = options;
    const parsed = accessSettingsOf(authorization, identityPolicies);
    const current = this.#core.access;
    this.#core.access = {
      enforce: authorization === undefined ? current.enforce : parsed.enforce,
      identityPolicies: identityPolicies === undefined ? current.identityPolicies : parsed.identityPolicies,
    };
    if (principal !== undefined) this.#endpoint.principal = principal;
  }

  /**
   * Serves this fake over HTTP, in KMS's own JSON 1.1 protocol, to other processes: an
   * application in a child process, the AWS CLI, boto3, any SDK. The region comes from each
   * request's SigV4 credential scope; the signature is never checked. See docs/server.md.
   *
   * @example
   * ```ts
   * const server = await kms.listen({ port: 0 });
   * spawn('node', ['app.js'], { env: { ...process.env, AWS_ENDPOINT_URL_KMS: server.endpoint } });
   * // ...
   * await server.close();
   * ```
   */
  listen(options: KmsFakeServerOptions = {}): Promise<KmsFakeServer> {
    // Loaded on first use: the plugin path never loads node:http.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const server = require('./server/listen') as typeof import('./server/listen');
    return server.listen(this, options);
  }

  /** @internal kms-fake/client-mock's instance stub: what it does not stub goes to a class install's fake, if any. */
  attachBeneathClassInstall(client: AttachableClient): () => void {
    return this.#bindings.attach(client, undefined, true);
  }

  /** @internal Used by {@link installKmsFake}. */
  installOn(clientClass: ClientClass, options: InstallOptions = {}): this {
    this.#bindings.install(clientClass, options);
    return this;
  }

  /**
   * Undoes everything this fake did to clients, as aws-sdk-client-mock's `restore()` does: every
   * {@link installKmsFake} (the class and every instance it touched are as before) and every
   * {@link KmsFake.attach} not yet undone. The fake's state stays; see {@link KmsFake.rollback}
   * to go back to a snapshot.
   *
   * @example
   * ```ts
   * const kms = installKmsFake(KMSClient);
   * afterAll(() => kms.restore());
   * ```
   */
  restore(...args: []): void {
    if (args.length > 0) throw usageError('restore() takes no argument: it uninstalls the fake. To go back to a snapshot, use rollback(snapshot)');
    this.#bindings.undoAll();
    // Uninstalled, the fake is usually done with: background key derivation stops (a later use derives on demand).
    this.#core.epoch.current += 1;
  }

  /** The whole state (keys, material, aliases, tags, policies, grants, custom key stores) as a reusable snapshot. */
  snapshot(): KmsFakeSnapshot {
    const snapshot: KmsFakeSnapshot = Object.freeze({ store: takeSnapshot(this.#core.store), clockOffset: this.#core.clock.offset });
    snapshots.add(snapshot);
    return snapshot;
  }

  /**
   * Puts the fake's whole state back to a {@link KmsFake.snapshot}; deletions and other
   * scheduled events of that state fall due again on the fake clock. History, overrides and
   * faults are untouched.
   *
   * @example
   * ```ts
   * const saved = kms.snapshot();
   * // ... calls that change keys
   * kms.rollback(saved);
   * ```
   */
  rollback(snapshot: KmsFakeSnapshot): void {
    if (!snapshots.has(snapshot)) throw usageError('rollback needs a snapshot from kms.snapshot()');
    this.#assertOpen();
    this.#core.clock.offset = snapshot.clockOffset;
    restoreSnapshot(this.#core.store, snapshot.store);
    rescheduleAll(this.#core);
    this.#core.persistence?.commit();
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
    if (!Number.isFinite(ms) || ms < 0) throw usageError(`advanceTime needs a finite number of ms >= 0, not ${ms}`);
    this.#assertOpen();
    this.#core.clock.advance(ms);
    this.#core.due.runDue(this.#core.clock.now());
    this.#core.persistence?.commit();
  }

  /**
   * Ends every transient key state (`Creating`, `Updating`, ...) at once instead of after its
   * delay on the fake clock.
   *
   * @example
   * ```ts
   * kms.settle();
   * ```
   */
  settle(): void {
    this.#assertOpen();
    this.#core.due.settle();
    this.#core.persistence?.commit();
  }

  /**
   * Back to empty: every key, alias, tag, grant and custom key store in every account and region,
   * the call history, overrides and faults. The clock keeps its time; installs stay.
   *
   * @example
   * ```ts
   * beforeEach(() => kms.reset());
   * ```
   */
  reset(): void {
    this.#assertOpen();
    this.#core.epoch.current += 1;
    this.#core.store.reset();
    this.#core.due.clear();
    this.clearTestDouble();
    this.#core.persistence?.commit();
  }

  /**
   * Done with this fake: with a `stateDirectory`, the state is on disk, the directory is released
   * for another process and its files are closed. Calls and state changes after it are usage
   * errors; closing again does nothing.
   *
   * @example
   * ```ts
   * const kms = new KmsFake({ stateDirectory: '.kms-state' });
   * // ... calls
   * kms.close(); // a new KmsFake({ stateDirectory: '.kms-state' }) finds everything
   * ```
   */
  close(): void {
    this.#core.persistence?.close();
    this.#core.persistence ??= CLOSED;
    this.#core.epoch.current += 1;
  }

  #assertOpen(): void {
    assertOpen(this.#core);
  }
}
