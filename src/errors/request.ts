import { kmsError, serialization, validation, type KmsError } from './core';

/** Errors of a request as a whole: AWS's front-end validation wording, dry runs, list markers. */

/**
 * AWS's front-end wording for constraint violations: all of them in one message,
 * `N validation error(s) detected: Value '…' at 'member' failed to satisfy constraint: Member must …`.
 * Binary values, and values of members the SDK model marks sensitive, are not echoed
 * (`Value at 'plaintext' …`, `Value at 'keyStorePassword' …`), whatever the rule.
 * Recorded: `Value at 'plaintext'` for Encrypt (moto's AWS-verified test_encrypt_key_with_empty_content and test_encrypt_key_with_large_content);
 * the same form for other AWS services' sensitive strings in real answers quoted in public code
 * (Cognito's `password`, Secrets Manager's `secretString`). No public record shows a KMS password's.
 */
export const violation = (path: string, rule: string, rendered?: string) =>
  `Value ${rendered === undefined ? '' : `${rendered} `}at '${path}' failed to satisfy constraint: Member must ${rule}`;

/** A missing required member: `Value null at …`, or `Value at …` for a sensitive one, whose value is never rendered. */
export const nullViolation = (path: string, sensitive = false) => violation(path, 'not be null', sensitive ? undefined : 'null');

/** The rules a `violation` names, after `Member must`. */
export const rule = {
  minLength: (min: number) => `have length greater than or equal to ${min}`,
  maxLength: (max: number) => `have length less than or equal to ${max}`,
  minValue: (min: number) => `have value greater than or equal to ${min}`,
  maxValue: (max: number) => `have value less than or equal to ${max}`,
  pattern: (source: string) => `satisfy regular expression pattern: ${source}`,
  enumValue: (values: readonly string[]) => `satisfy enum value set: [${values.join(', ')}]`,
};

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

/** A body or value of the wrong JSON type is a `SerializationException`, as AWS answers it. */
export const wireType = {
  notJson: () => serialization('Request body is not valid JSON.'),
  notStructure: () => serialization('Start of structure or map found where not expected.'),
  expected: (what: 'an integer' | 'a list' | 'a map' | 'a structure', path: string) => serialization(`Expected ${what} at '${path}'`),
  mismatch: (type: string, path: string, found: string) => serialization(`Expected a ${type} at '${path}' but found ${found}`),
  invalidBase64: (path: string) => serialization(`Base64 encoded value at '${path}' is not valid`),
  /** The fake's own text: no public record shows AWS's for epoch seconds past any date. */
  invalidTimestamp: (path: string) => serialization(`Timestamp value at '${path}' is not a valid date`),
};

/**
 * A request body over the server's limit. The fake's own text: AWS documents no request size limit
 * for KMS, and no public record shows its answer to an oversized body.
 */
export const bodyTooLarge = (limit: number) => serialization(`Request body exceeds kms-fake's limit of ${limit} bytes.`);

/** A target that names no KMS operation; AWS sends no message. */
export const unknownOperation = () => kmsError('UnknownOperationException');

/** Parameters that go in pairs (no public record shows AWS's texts for these; the fake's own). */
export const pairing = {
  neither: (a: string, b: string) => validation(`Specify ${a} or ${b}.`),
  both: (a: string, b: string) => validation(`You cannot specify both ${a} and ${b}.`),
};
