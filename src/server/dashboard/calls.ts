import type { CallLog, KmsCall } from '../../calls';

/**
 * One call as the dashboard lists it: which operation on which key, by whom, where, and how it
 * ended. Deliberately not the input or output: those hold plaintexts, ciphertexts and key
 * material. `keyId` is the key the caller named (ID, ARN or alias), as given.
 */
export interface DashboardCall {
  /** Position in this dashboard's numbering of the history: larger is newer. */
  readonly seq: number;
  /** ISO 8601, on the fake's clock. */
  readonly time: string;
  readonly operation: string;
  readonly keyId?: string;
  /** `pending` while the call is in flight; it is sent again once it has ended. */
  readonly outcome: 'success' | 'error' | 'pending';
  /** The exception's name, for a failed call. */
  readonly exception?: string;
  readonly principal: string;
  readonly region?: string;
}

/**
 * `GET /dashboard/api/calls?after=<cursor>`: the calls after a cursor, oldest first. Poll again
 * with `cursor`: a call still in flight is not passed by the cursor, so its outcome arrives later.
 *
 * @example
 * ```json
 * { "first": 1, "cursor": 2, "more": false,
 *   "calls": [{ "seq": 2, "time": "…", "operation": "Decrypt", "keyId": "alias/app", "outcome": "error",
 *               "exception": "DisabledException", "principal": "arn:aws:iam::111122223333:root", "region": "us-east-1" }] }
 * ```
 */
export interface DashboardCalls {
  /** `seq` of the oldest call the history still holds (older ones were trimmed or cleared). */
  readonly first: number;
  /** Where the next poll starts (`?after=`). Smaller than the one asked for if that one was unknown. */
  readonly cursor: number;
  /** Whether more calls follow this answer's last one (poll again at once). */
  readonly more: boolean;
  readonly calls: readonly DashboardCall[];
}

/** How many calls one answer holds at most. @internal */
export const CALLS_PAGE = 200;

/**
 * Numbers the call history as it grows, so a poll asks only for what is new. The history is
 * append-only between clears, so the calls not yet numbered are those after the last numbered one.
 * @internal
 */
export function createCallFeed(log: CallLog) {
  const seqOf = new WeakMap<KmsCall, number>();
  let last = 0;
  const numbered = (): readonly KmsCall[] => {
    const calls = log.all();
    let start = calls.length;
    while (start > 0 && !seqOf.has(calls[start - 1]!)) start -= 1;
    for (const call of calls.slice(start)) seqOf.set(call, ++last);
    return calls;
  };
  return {
    after(asked: number, limit = CALLS_PAGE): DashboardCalls {
      const calls = numbered();
      // A cursor from before a restart of the server: start again from the oldest call.
      const after = asked > last ? 0 : asked;
      const from = firstAfter(calls, after, seqOf);
      const page = calls.slice(from, from + limit);
      const pending = page.findIndex((call) => !call.output && !call.error);
      const settled = pending < 0 ? page : page.slice(0, pending);
      return {
        first: calls.length > 0 ? seqOf.get(calls[0]!)! : last + 1,
        cursor: settled.length > 0 ? seqOf.get(settled[settled.length - 1]!)! : after,
        more: from + limit < calls.length,
        calls: page.map((call) => dashboardCall(call, seqOf.get(call)!)),
      };
    },
  };
}

/** The index of the first call numbered above `after` (the numbers grow along the history). */
function firstAfter(calls: readonly KmsCall[], after: number, seqOf: WeakMap<KmsCall, number>): number {
  let lo = 0;
  let hi = calls.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (seqOf.get(calls[mid]!)! <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function dashboardCall(call: KmsCall, seq: number): DashboardCall {
  const keyId = keyNamed(call);
  return {
    seq,
    time: call.time.toISOString(),
    operation: call.operation,
    ...(keyId !== undefined && { keyId }),
    outcome: call.error ? 'error' : call.output ? 'success' : 'pending',
    ...(call.error && { exception: call.error.name }),
    principal: call.principal,
    ...(call.region !== undefined && { region: call.region }),
  };
}

/**
 * The key a call names: its `KeyId`, an alias call's `TargetKeyId`, else the key its answer names
 * (the key CreateKey made; the key a Decrypt without `KeyId` found in the ciphertext: its ARN).
 */
function keyNamed(call: KmsCall): string | undefined {
  const { KeyId, TargetKeyId } = call.input;
  if (typeof KeyId === 'string') return KeyId;
  if (typeof TargetKeyId === 'string') return TargetKeyId;
  const made = call.output?.KeyMetadata as { KeyId?: unknown } | undefined;
  if (typeof made?.KeyId === 'string') return made.KeyId;
  const answered = call.output?.KeyId;
  return typeof answered === 'string' ? answered : undefined;
}
