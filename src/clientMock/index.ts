/**
 * `kms-fake/client-mock`: aws-sdk-client-mock's API, with every command no behaviour was set for
 * answered by a real {@link KmsFake} through the client's own stack. A test file migrates by
 * changing `'aws-sdk-client-mock'` to `'kms-fake/client-mock'`.
 *
 * @example
 * ```ts
 * import { mockClient } from 'kms-fake/client-mock';
 * const kmsMock = mockClient(KMSClient);
 * kmsMock.on(DecryptCommand).rejectsOnce('boom'); // stubbed, as with aws-sdk-client-mock
 * await new KMSClient({}).send(new CreateKeyCommand({})); // not stubbed: a real key in kmsMock.kmsFake
 * ```
 */
import './peerInstalled'; // first: says what to install when aws-sdk-client-mock is missing
import * as awsSdkClientMock from 'aws-sdk-client-mock';
import { createMockClient } from './createMockClient';

export * from 'aws-sdk-client-mock';
export type { KmsFakeStub, MockClient, MockClientOptions } from './createMockClient';

/**
 * Stubs `send` of a client class (every instance) or of one client instance, as
 * aws-sdk-client-mock's `mockClient` does; commands without a stubbed behaviour go to the fake
 * (`stub.kmsFake`). `reset()` also puts the fake back to its state when `mockClient` was called,
 * `resetHistory()` empties its call history too, and `restore()` leaves the class or instance
 * exactly as it was.
 *
 * @example
 * ```ts
 * const kmsMock = mockClient(KMSClient);
 * kmsMock.on(GenerateRandomCommand).resolves({ Plaintext: new Uint8Array(32) });
 * afterEach(() => kmsMock.reset());
 * ```
 */
export const mockClient = createMockClient(awsSdkClientMock);
