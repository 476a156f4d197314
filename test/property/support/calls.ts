import fc from 'fast-check';
import { operationNamed } from '../../../src/backend/operations';
import type { Shape } from '../../../src/backend/shapes';
import { anyValue, keyCoherent, structure, type Mode } from './arbitraries';
import type { Call, Region } from './harness';
import { requestMembers } from './sdkModel';
import { CHINA_REGION, HOME_REGION, OTHER_REGION, type Pools } from './world';

/**
 * Generated calls of one operation. Members are the union of what the SDK models for its request
 * and what the fake declares, so a member the fake forgot is still sent (with random JSON).
 */
export function membersOf(operation: string): Record<string, Shape | undefined> {
  const declared = operationNamed(operation)?.input ?? {};
  return { ...Object.fromEntries(requestMembers(operation).map((name) => [name, undefined])), ...declared };
}

/** Mostly the world's home region; sometimes a region where its keys are replicas, or another partition. */
const region: fc.Arbitrary<Region> = fc.oneof(
  { arbitrary: fc.constant(HOME_REGION), weight: 8 },
  { arbitrary: fc.constantFrom(OTHER_REGION, CHINA_REGION), weight: 2 },
);

/** Calls through the SDK's serializer, as a user's code makes them. */
export const sdkCalls = (operation: string, pools: Pools): fc.Arbitrary<Call> => fc.record({ region, input: inputs(operation, pools) });

/**
 * Inputs on one key with values that fit it, and inputs on any values, each plausible or hostile
 * in equal parts, so most calls get past validation and many past the key checks.
 */
function inputs(operation: string, pools: Pools): fc.Arbitrary<Record<string, unknown>> {
  const members = membersOf(operation);
  const onOneKey = (mode: Mode) => keyCoherent(pools, Object.keys(members)).chain((chosen) => structure(members, pools, mode, chosen));
  return fc.oneof(onOneKey('plausible'), onOneKey('hostile'), ...(['plausible', 'hostile'] as Mode[]).map((mode) => structure(members, pools, mode)));
}

/** Bodies that are not a JSON object, or not JSON at all, or not UTF-8. */
const BROKEN_BODIES = ['', ' ', 'null', '[]', '"text"', '1', 'true', '{', '{"KeyId":', '{"KeyId":"a",}', '{"a":1}{"b":2}', '\uFEFF{}', '[{}]', `${'['.repeat(5000)}${']'.repeat(5000)}`];

/** Raw JSON bodies sent in place of the serializer's, as any HTTP client could send them. */
export const wireCalls = (operation: string, pools: Pools): fc.Arbitrary<Call> =>
  fc.record({
    region,
    body: fc.oneof(
      { arbitrary: inputs(operation, pools).map(toWireJson), weight: 12 },
      { arbitrary: fc.constantFrom(...BROKEN_BODIES), weight: 1 },
      { arbitrary: anyValue.map(toWireJson), weight: 1 },
      { arbitrary: fc.uint8Array({ maxLength: 24 }), weight: 1 },
      { arbitrary: fc.constant(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])), weight: 1 },
    ),
  });

/** JSON as the SDK writes it: bytes as base64, dates as epoch seconds; anything else as is. */
function toWireJson(value: unknown): string {
  // Read each value from its holder (a Date's toJSON has run by the time the replacer sees it).
  return JSON.stringify(value, function (this: Record<string, unknown>, key) {
    const original = this[key];
    if (original instanceof Uint8Array) return Buffer.from(original).toString('base64');
    if (original instanceof Date) return original.getTime() / 1000;
    return original;
  });
}
