import { wireCalls } from './support/calls';
import { describeEveryOperation } from './support/everyOperation';

/**
 * Property-based: every operation's generated inputs sent as raw JSON bodies (in place of the
 * serializer's, through a real KMSClient and its plugin), judged as `describeEveryOperation` says.
 * Seeded: KMS_FAKE_FC_SEED reruns a failure, KMS_FAKE_FC_RUNS sizes the runs.
 */
describeEveryOperation('every operation, as raw JSON bodies', 'test/property/wireInputs.test.ts', wireCalls);
