// `kms-fake/client-mock-jest/vitest`: aws-sdk-client-mock-jest's matchers on vitest's expect, for
// stubs made by `kms-fake/client-mock`, and kms-fake's own matchers of the same names for a KmsFake
// (see stubMatchers.ts for why they are built here). The matcher code is that package's CommonJS
// build, which checks `instanceof AwsStub` against the same aws-sdk-client-mock that
// kms-fake/client-mock stubs with.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import core from '../clientMockJest/stubMatchers.js';
import peer from '../clientMock/peer.js';
import errors from '../errors/index.js';
import matchers from '../testing/matchers.js';
import dispatch from '../testing/matcherDispatch.js';

const require = createRequire(import.meta.url);
const entry = peer.requirePeer('kms-fake/client-mock-jest/vitest', 'aws-sdk-client-mock-jest', (name) => require.resolve(name));
// Its package entry registers jest's matchers; the matcher factory sits beside it.
const { createBaseMatchers } = require(join(dirname(entry), 'jestMatchers.js'));
if (typeof createBaseMatchers !== 'function') {
  throw errors.usageError('kms-fake/client-mock-jest/vitest needs aws-sdk-client-mock-jest 4.1 or later, as its own vitest entry does');
}

// vitest's objectContaining must be called on its expect, not detached from it.
const objectContaining = (sample) => expect.objectContaining(sample);
const stubMatchers = core.createStubMatchers(createBaseMatchers, objectContaining);
dispatch.rememberStubMatchers(stubMatchers);
expect.extend(dispatch.dispatchByReceiver(matchers.createKmsMatchers(objectContaining), stubMatchers));

