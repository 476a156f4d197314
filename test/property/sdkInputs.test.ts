import fc from 'fast-check';
import { IMPLEMENTED_OPERATIONS } from '../../src/backend/operations';
import { sdkCalls } from './support/calls';
import { checkProperty, createHarness, runsOr, SEED, type Harness } from './support/harness';

/**
 * Issue 9, property 4: for every operation, generated inputs sent through a real KMSClient (its
 * own serializer) either succeed with an output of the SDK's shape or fail with an exception the
 * SDK models for that operation, never a TypeError, never a hang, and a failed call leaves the
 * whole fake as it was. Seeded: KMS_FAKE_FC_SEED reruns a failure, KMS_FAKE_FC_RUNS sizes the runs.
 */

const RUNS = runsOr(60);
let harness: Harness;
beforeAll(async () => {
  harness = await createHarness(`property-${SEED}`);
}, 60_000);
afterAll(() => harness.dispose());

describe('every operation, through the SDK serializer', () => {
  it.each(IMPLEMENTED_OPERATIONS)('%s answers a modelled outcome and a failure changes nothing', async (operation) => {
    const property = fc.asyncProperty(sdkCalls(operation, harness.pools), async (call) => {
      const problem = await harness.judge(operation, call);
      if (problem !== undefined) throw new Error(problem);
    });
    await checkProperty('test/property/sdkInputs.test.ts', property, RUNS);
  }, 120_000);
});
