// The ESM form of `kms-fake/client-mock`. It imports aws-sdk-client-mock itself, as the test file
// it replaces did, so the stubs are that package's own `AwsStub` however the runner resolves it.
// The import is dynamic so that a missing aws-sdk-client-mock gives a usage error saying what to
// install (a static import would fail at link time, before any code here runs).
import core from '../clientMock/createMockClient.js';
import peer from '../clientMock/peer.js';

const original = await import('aws-sdk-client-mock').catch((error) => {
  throw peer.peerLoadError('kms-fake/client-mock', 'aws-sdk-client-mock', error);
});

export const AwsStub = original.AwsStub;
export const CommandBehavior = original.CommandBehavior;
export const mockClient = core.createMockClient(original);

// `import acm from 'aws-sdk-client-mock'` gives, in Node, that package's CommonJS exports object;
// the default import of this entry has the same members, with kms-fake's mockClient.
// (Where the runner loads its ES build instead, which has no default, its named exports.)
const members = original.default && typeof original.default.mockClient === 'function' ? original.default : original;
export default { ...members, mockClient };
