import { kmsError, validation, type KmsError } from './core';

/** Errors of a request as a whole: AWS's front-end validation wording, dry runs, list markers. */

/**
 * AWS's front-end wording for constraint violations: all of them in one message,
 * `N validation error(s) detected: Value '…' at 'member' failed to satisfy constraint: Member must …`.
 * Sensitive and binary values are not echoed (`Value at 'plaintext' …`).
 */
export const violation = (path: string, rule: string, rendered?: string) =>
  `Value ${rendered === undefined ? '' : `${rendered} `}at '${path}' failed to satisfy constraint: Member must ${rule}`;

export const nullViolation = (path: string) => violation(path, 'not be null', 'null');

export function validationErrors(violations: readonly string[]): KmsError {
  const n = violations.length;
  return validation(`${n} validation error${n === 1 ? '' : 's'} detected: ${violations.join('; ')}`);
}

/** A member that only some requests must carry (e.g. Decrypt's CiphertextBlob outside a dry run). */
export const missingMember = (path: string) => validationErrors([nullViolation(path)]);

export const dryRun = () =>
  kmsError('DryRunOperationException', 'The request would have succeeded, but the DryRun option is set.');

/** No public record shows AWS's text for a bad marker; like local-kms, the fake sends none. */
export const invalidMarker = () => kmsError('InvalidMarkerException');
