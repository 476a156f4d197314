// The vitest matchers' types (vitest's `Assertion`), as aws-sdk-client-mock-jest declares them.
export * from 'aws-sdk-client-mock-jest/vitest';
