/**
 * Marks a KmsFake without loading it: the matchers and the client-mock entries ask "is this a
 * KmsFake?" before anything else of kms-fake is loaded, and across module copies (jest loads a
 * package again for every test file), where `instanceof` would answer no.
 */
export const KMS_FAKE_BRAND: unique symbol = Symbol.for('kms-fake.KmsFake') as never;

export function isKmsFake(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { [KMS_FAKE_BRAND]?: unknown })[KMS_FAKE_BRAND] === true;
}
