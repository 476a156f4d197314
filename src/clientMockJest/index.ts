/**
 * `kms-fake/client-mock-jest`: aws-sdk-client-mock-jest's matchers (`toHaveReceivedCommand`,
 * `toHaveReceivedCommandWith`, ... and their `toReceive...` aliases), registered on jest's
 * `expect` and typed, for stubs made by `kms-fake/client-mock`. A test file migrates by changing
 * `'aws-sdk-client-mock-jest'` to `'kms-fake/client-mock-jest'`.
 *
 * @example
 * ```ts
 * import 'kms-fake/client-mock-jest';
 * expect(kmsMock).toHaveReceivedCommandWith(EncryptCommand, { KeyId: 'alias/app' });
 * ```
 */
import 'aws-sdk-client-mock-jest';

export {};
