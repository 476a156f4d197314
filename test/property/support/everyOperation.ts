import fc from 'fast-check';
import { IMPLEMENTED_OPERATIONS } from '../../../src/backend/operations';
import type { Pools } from './world';
import { checkProperty, createHarness, runsOr, SEED, type Call, type Harness } from './harness';

/**
 * One property per operation: every input `callsOf` generates either succeeds with an output of the
 * SDK's shape or fails with an exception the SDK models for that operation, never a TypeError, never
 * a hang, and a failed call leaves the whole fake as it was. Each way of sending (serializer, raw
 * body) has a test file of its own, so jest runs them side by side.
 */
export function describeEveryOperation(title: string, file: string, callsOf: (operation: string, pools: Pools) => fc.Arbitrary<Call>): void {
  const runs = runsOr(60);
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness(`property-${SEED}`);
  }, 60_000);
  afterAll(() => harness.dispose());

  describe(title, () => {
    it.each(IMPLEMENTED_OPERATIONS)('%s answers a modelled outcome and a failure changes nothing', async (operation) => {
      const property = fc.asyncProperty(callsOf(operation, harness.pools), async (call) => {
        const problem = await harness.judge(operation, call);
        if (problem !== undefined) throw new Error(problem);
      });
      await checkProperty(file, property, runs);
    }, 120_000);
  });
}
