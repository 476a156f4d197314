// The types of `kms-fake/client-mock-jest/vitest`: aws-sdk-client-mock-jest's matchers on
// vitest's `Assertion`, as that package's own vitest entry declares them.
export * from 'aws-sdk-client-mock-jest/vitest';
