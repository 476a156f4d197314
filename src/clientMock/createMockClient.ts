import type { Client, MetadataBearer } from '@smithy/types';
import type { AwsStub, mockClient as acmMockClient } from 'aws-sdk-client-mock';
import { isKmsFake } from '../brand';
import { usageError } from '../errors';
import { KmsFake, type KmsFakeOptions } from '../kmsFake';
import { recordCoverageIfReporting } from '../coverage/hook';
import { installOnClass, type ClientClass } from '../plugin/install';

/** aws-sdk-client-mock's own options (a sinon sandbox), as its `mockClient` takes them. */
type AwsMockOptions = NonNullable<Parameters<typeof acmMockClient>[1]>;

/**
 * What `mockClient` accepts besides the client: aws-sdk-client-mock's options (`sandbox`), and
 * either a ready {@link KmsFake} (`kmsFake`) or the options of the one it makes.
 */
export interface MockClientOptions extends AwsMockOptions, KmsFakeOptions {
  /** The fake that answers unstubbed commands; by default a new one made from the other options. */
  readonly kmsFake?: KmsFake;
}

/**
 * aws-sdk-client-mock's stub, unchanged, plus the fake that answers every command no
 * behaviour was set for.
 */
export type KmsFakeStub<TInput extends object, TOutput extends MetadataBearer, TConfiguration> = AwsStub<TInput, TOutput, TConfiguration> & {
  /** The fake behind the stub: its keys, clock (`advanceTime`), fixtures and call history. */
  readonly kmsFake: KmsFake;
};

type InstanceOrClass<T> = T | { prototype: T };

/** aws-sdk-client-mock's `mockClient`, with `kms-fake/client-mock`'s options and stub type. */
export type MockClient = <TInput extends object, TOutput extends MetadataBearer, TConfiguration>(
  client: InstanceOrClass<Client<TInput, TOutput, TConfiguration>>,
  options?: MockClientOptions,
) => KmsFakeStub<TInput, TOutput, TConfiguration>;

/** The part of aws-sdk-client-mock this module uses; the entries pass the package itself. @internal */
export interface AwsSdkClientMock {
  readonly mockClient: typeof acmMockClient;
}

interface Sendable {
  send: SinonLike | ((...args: never[]) => unknown);
  middlewareStack?: unknown;
}

/** The few members of a sinon stub read here (sinon's own types are aws-sdk-client-mock's). */
interface SinonLike {
  readonly isSinonProxy?: boolean;
  restore(): void;
  callThrough(): unknown;
}

/**
 * A newer stub takes over from an older one, as aws-sdk-client-mock's do, so this fake answers
 * even where another live fake holds the class (a kms-fake/jest setup file's, an earlier stub's)
 * until it is restored: that is what `override` asks of the class install.
 */

const isSinonStub = (send: unknown): send is SinonLike =>
  typeof send === 'function' && (send as Partial<SinonLike>).isSinonProxy === true && typeof (send as Partial<SinonLike>).restore === 'function';

/** A bad argument as a message shows it. */
function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  return typeof value === 'object' ? 'an object with no send method' : `a ${typeof value}`;
}

/**
 * Builds `mockClient` over the user's own aws-sdk-client-mock: the stub it returns IS that
 * package's `AwsStub`, except that a command with no behaviour (never stubbed, `on(Cmd)` alone,
 * used-up `*Once` answers) goes on through the client's real stack to a {@link KmsFake}.
 *
 * How: before aws-sdk-client-mock stubs `send`, the fake is installed on the same class or
 * instance (the class's `send` is wrapped; an instance gets the plugin on its stack); the sinon
 * stub then wraps that, and its default behaviour calls through. Conditional (`withArgs`) fakes
 * without a behaviour of their own fall back to the parent stub's default, so they call through too.
 * @internal
 */
export function createMockClient(acm: AwsSdkClientMock): MockClient {
  return function mockClient<TInput extends object, TOutput extends MetadataBearer, TConfiguration>(
    client: InstanceOrClass<Client<TInput, TOutput, TConfiguration>>,
    options: MockClientOptions = {},
  ): KmsFakeStub<TInput, TOutput, TConfiguration> {
    const isObject = (typeof client === 'object' || typeof client === 'function') && client !== null;
    // aws-sdk-client-mock's own test: an instance has `send`, a class has it on its prototype.
    const isInstance = isObject && (client as Partial<Sendable>).send !== undefined;
    const target = isObject ? ((isInstance ? client : (client as { prototype?: object }).prototype) as Sendable | undefined) : undefined;
    if (typeof target?.send !== 'function') {
      throw usageError(`mockClient needs a client class such as KMSClient, or a client instance, not ${describe(client)}`);
    }
    const { sandbox, kmsFake: given, ...fakeOptions } = options ?? {};
    // By its brand: the kms-fake/jest setup file's fake is a lazy stand-in, perhaps from another module copy.
    if (given !== undefined && !isKmsFake(given)) throw usageError('mockClient: options.kmsFake must be a KmsFake');
    if (given !== undefined && Object.keys(fakeOptions).length > 0) {
      throw usageError(`mockClient: pass either kmsFake or the options of a new fake (${Object.keys(fakeOptions).join(', ')}), not both`);
    }
    const kmsFake = given ?? new KmsFake(fakeOptions);
    // The coverage report sees what this fake answers (unstubbed commands); sinon answers stubbed ones above the stack.
    if (given === undefined) recordCoverageIfReporting(kmsFake);
    // As aws-sdk-client-mock does, a previous stub of this `send` is replaced, not wrapped.
    if (isSinonStub(target.send)) target.send.restore();

    const undos: (() => void)[] = [];
    // Makes this stub's fake the one that answers: installing again moves it to the top of the
    // class's installs; an instance's attachment is renewed, the newest one answering.
    const goLive = () => {
      if (!isInstance) return undos.push(installOnClass(client as unknown as ClientClass, kmsFake, { override: true }));
      for (const undo of undos.splice(0)) undo();
      return undos.push(kmsFake.attachBeneathClassInstall(target as never));
    };
    // What reset() goes back to: the fake as it is now (a new fake: empty; a given one: its keys).
    const start = kmsFake.snapshot();
    goLive();
    const stub = acm.mockClient<TInput, TOutput, TConfiguration>(client, sandbox === undefined ? {} : { sandbox });
    (stub.send as unknown as SinonLike).callThrough();

    const own = { reset: stub.reset.bind(stub), resetHistory: stub.resetHistory.bind(stub), restore: stub.restore.bind(stub) };
    return Object.assign(stub, {
      kmsFake,
      // A new sinon stub that is the live one (aws-sdk-client-mock's reset), calling through to
      // this stub's own fake, back to the state it had when mockClient was called.
      reset() {
        own.reset();
        (stub.send as unknown as SinonLike).callThrough();
        kmsFake.reset(); // history, overrides and faults...
        kmsFake.rollback(start); // ...and the keys, aliases and grants of mockClient's time
        goLive();
        return stub;
      },
      resetHistory() {
        own.resetHistory();
        kmsFake.resetHistory();
        return stub;
      },
      // sinon's restore first: it puts back the `send` it wrapped (the fake's), which the fake's
      // own undo then removes, so the class or instance ends exactly as before `mockClient`.
      restore() {
        own.restore();
        for (const undo of undos.splice(0).reverse()) undo();
        // A fake made here is done with: its background work (RSA key derivation) stops.
        if (given === undefined) kmsFake.restore();
      },
    });
  };
}
