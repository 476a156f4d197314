// The ESM form of `kms-fake/client-mock-jest`: the CommonJS entry, which registers the matchers
// on jest's expect (aws-sdk-client-mock-jest's own ES build cannot be loaded by node).
export {} from '../clientMockJest/index.js';
