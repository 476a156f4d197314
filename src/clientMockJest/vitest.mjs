// `kms-fake/client-mock-jest/vitest`: aws-sdk-client-mock-jest's matchers, registered on vitest's expect.
export * from 'aws-sdk-client-mock-jest/vitest';
