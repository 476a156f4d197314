/**
 * Shared by the crypto*.test.ts files: the data-plane operations against recorded real-AWS answers.
 * Unless a case says otherwise, the record is LocalStack's AWS-validated
 * `tests/aws/services/kms/test_kms.py` and its snapshot (`test_kms.snapshot.json`:
 * localstack/localstack at 0d47683, and for the cases recorded from 2024 on, the same file in the
 * fork sannya-singal/localstack at faa4b27); the snapshot name follows `Recorded:`. A case whose
 * record holds only the exception class (the test asserts `exc.match(...)`) checks the class and
 * the fake's text.
 */
import { CreateKeyCommand, type KeySpec, type KeyUsageType, type KMSClient } from '@aws-sdk/client-kms';

export const INCORRECT_KEY = 'The key ID in the request does not identify a CMK that can perform this operation.';

export const bytes = (s: string) => Buffer.from(s);

/** The members an output carries, without the SDK's $metadata. */
export const members = (output: object) => Object.keys(output).filter((k) => k !== '$metadata').sort();

/** A key maker on the client the test's `beforeEach` set up. */
export const keyMaker =
  (client: () => KMSClient) =>
  async (KeySpec: KeySpec = 'SYMMETRIC_DEFAULT', KeyUsage: KeyUsageType = 'ENCRYPT_DECRYPT') => {
    const { KeyMetadata } = await client().send(new CreateKeyCommand({ KeySpec, KeyUsage }));
    return { keyId: KeyMetadata!.KeyId!, arn: KeyMetadata!.Arn! };
  };
