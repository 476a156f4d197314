// The types of `kms-fake/client-mock-jest` for `import`: aws-sdk-client-mock-jest's matchers on jest's `expect`.
import 'aws-sdk-client-mock-jest';

export {};
