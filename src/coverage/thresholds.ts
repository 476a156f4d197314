import { usageError } from '../errors';
import type { KmsCoverageThreshold, KmsOperationCoverage } from './schema';
import { isModelledOperation, outcomeSpace } from './space';

/**
 * Per operation, the outcomes (ids) or exceptions application code must have been tested against.
 *
 * @example
 * ```ts
 * const thresholds: KmsCoverageThresholds = { Decrypt: ['DisabledException', 'KMSInvalidStateException@PendingDeletion'] };
 * ```
 */
export type KmsCoverageThresholds = Readonly<Record<string, readonly string[]>>;

/** Whether a threshold entry names this outcome: by its id, or by its exception (met by any outcome with it). */
export const meetsEntry = (outcome: { readonly id: string; readonly exception?: string | undefined }, entry: string): boolean =>
  outcome.id === entry || outcome.exception === entry;

/** Refuses thresholds that name no operation, or an outcome the operation cannot answer, so a typo cannot pass silently. */
export function checkThresholds(thresholds: unknown): KmsCoverageThresholds {
  if (thresholds === undefined) return {};
  if (typeof thresholds !== 'object' || thresholds === null || Array.isArray(thresholds)) {
    throw usageError('coverage thresholds must be an object: { Decrypt: [\'DisabledException\', ...] }');
  }
  for (const [operation, required] of Object.entries(thresholds)) {
    if (!isModelledOperation(operation)) throw usageError(`coverage thresholds: ${operation} is not a KMS operation (Decrypt, Encrypt, ...)`);
    if (!Array.isArray(required) || !required.every((r) => typeof r === 'string')) {
      throw usageError(`coverage thresholds: ${operation} needs an array of outcome ids or exception names`);
    }
    const space = outcomeSpace(operation);
    for (const entry of required) {
      if (!space.some((o) => meetsEntry(o, entry))) {
        throw usageError(`coverage thresholds: ${operation} never answers ${entry} (its outcomes: ${space.map((o) => o.id).join(', ')})`);
      }
    }
  }
  return thresholds as KmsCoverageThresholds;
}

/**
 * Each threshold against what application code was tested against: an exception name is met by
 * any tested outcome with that exception, an outcome id by that outcome. An operation the
 * application never called has met nothing.
 */
export function evaluateThresholds(thresholds: KmsCoverageThresholds, operations: readonly KmsOperationCoverage[]): KmsCoverageThreshold[] {
  return Object.keys(thresholds)
    .sort()
    .map((operation) => {
      const required = thresholds[operation]!;
      const tested = operations.find((o) => o.operation === operation)?.outcomes.filter((o) => o.tested) ?? [];
      const missing = required.filter((entry) => !tested.some((o) => meetsEntry(o, entry)));
      return { operation, required: [...required], missing, met: missing.length === 0 };
    });
}
