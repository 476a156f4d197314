// `kms-fake/client-mock-jest/vitest`: aws-sdk-client-mock-jest's matchers on vitest's expect, for
// stubs made by `kms-fake/client-mock` (see vitestMatchers.ts for why they are built here). The
// matcher code is that package's CommonJS build, which checks `instanceof AwsStub` against the
// same aws-sdk-client-mock that kms-fake/client-mock stubs with.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import core from '../clientMockJest/vitestMatchers.js';
import errors from '../errors/index.js';

const require = createRequire(import.meta.url);
// Its package entry registers jest's matchers; the matcher factory sits beside it.
const { createBaseMatchers } = require(join(dirname(require.resolve('aws-sdk-client-mock-jest')), 'jestMatchers.js'));
if (typeof createBaseMatchers !== 'function') {
  throw errors.usageError('kms-fake/client-mock-jest/vitest needs aws-sdk-client-mock-jest 4.1 or later, as its own vitest entry does');
}

expect.extend(core.createVitestMatchers(createBaseMatchers, (sample) => expect.objectContaining(sample)));

export const ordinalOf = core.ordinalOf;
