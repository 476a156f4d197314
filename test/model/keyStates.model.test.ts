import fc from 'fast-check';
import { runSteps } from './harness';
import { SCENARIOS } from './scenarios';
import { runArbitrary, type Step } from './steps';

/**
 * Model-based test of key states: random sequences of lifecycle, alias, grant,
 * rotation, import, multi-Region, custom-key-store and deletion calls, with advanceTime and
 * settle, through real KMSClients, checked after every step against the model in this folder.
 * Seeded: `KMS_FAKE_FC_SEED=<n> npx jest test/model` replays a run.
 */

const DEFAULT_SEED = 20_261_207;
const seed = process.env.KMS_FAKE_FC_SEED === undefined ? DEFAULT_SEED : Number(process.env.KMS_FAKE_FC_SEED);
const RUNS = Number(process.env.KMS_FAKE_FC_RUNS ?? 100);
const MAX_STEPS = 60;

describe('the fake against a model of key states', () => {
  it(`agrees step by step over ${RUNS} random call sequences (seed ${seed})`, async () => {
    try {
      await fc.assert(
        fc.asyncProperty(runArbitrary(MAX_STEPS), runSteps),
        { seed, numRuns: RUNS, examples: SCENARIOS.map((steps): [Step[]] => [steps]) },
      );
    } catch (error) {
      // fast-check reports the seed and the shrunk steps; the disagreement itself is its cause.
      const message = error instanceof Error ? error.message : String(error);
      const cause = error instanceof Error && error.cause instanceof Error ? `\n\nThe disagreement: ${error.cause.message}` : '';
      throw new Error(`${message}${cause}\n\nRerun this case: KMS_FAKE_FC_SEED=${seed} npx jest test/model`);
    }
  }, Math.max(120_000, RUNS * 3_000));
});
