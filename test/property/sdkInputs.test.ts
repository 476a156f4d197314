import { sdkCalls } from './support/calls';
import { describeEveryOperation } from './support/everyOperation';

/**
 * Property-based: every operation's generated inputs sent through the SDK serializer of a real
 * KMSClient, judged as `describeEveryOperation` says.
 * Seeded: KMS_FAKE_FC_SEED reruns a failure, KMS_FAKE_FC_RUNS sizes the runs.
 */
describeEveryOperation('every operation, through the SDK serializer', 'test/property/sdkInputs.test.ts', sdkCalls);
