// `kms-fake/client-mock-jest/vitest` for require(): aws-sdk-client-mock-jest's matchers on vitest's expect.
module.exports = require('aws-sdk-client-mock-jest/vitest');
