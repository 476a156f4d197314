import type { KeyUsageType } from '@aws-sdk/client-kms';
import { grants as grantErrors, keyUsage } from '../../errors';
import type { KeyRecord } from '../store';
import { grantIdOfToken } from './grants';

/**
 * The order in which the fake checks a request that breaks several rules: the one home of that
 * order. The first rule broken answers. Where a record fixes a step it is cited; the other steps
 * follow AWS's request pipeline (its front end before the service, the key before anything about it).
 * The tests are test/fidelity/precedence.test.ts, one request per adjacent pair.
 *
 * Who runs each step:
 * - `shape` runs in the protocol layer (decodeInput) before `dispatch`;
 * - `parameters`, `grantTokens`, `keyLookup`, `authorization` and `keyState` run in `dispatch`
 *   (operations/index.ts) and `requireKey` (operation.ts), or, for a key named by a ciphertext
 *   (Decrypt, ReEncrypt), in `keyOfCiphertext`; an operation on no key is authorized in `dispatch`
 *   right after `grantTokens`;
 * - `keyMismatch` runs in `keyOfCiphertext` (cryptoKeys.ts);
 * - `keyUsage` then `keySpec` run in `assertKeyFor` below, which every operation's key checks call;
 * - the rest run in each operation's `run`, in this order.
 *
 * Of ReEncrypt's two keys, the source's steps (`keyLookup` to `keySpec`) run before the destination's:
 * an HMAC key named as both answers the source's mismatch (Recorded: test_re_encrypt_incorrect_source_key).
 *
 * "Recorded:" names a case of LocalStack's AWS-validated test_kms snapshot (localstack/localstack at
 * 0d47683; the cases recorded from 2024 on, in the same file of the fork sannya-singal/localstack at faa4b27).
 */
export const PRECEDENCE = [
  /** Front-end validation: wire types (SerializationException), then every model constraint at once
   * (`N validation errors detected: …`). Recorded: test_invalid_generate_mac[HMAC_256-INVALID] (the
   * enum violation answers although the key is valid), test_plaintext_size_for_encrypt. */
  'shape',
  /** Parameter rules the model cannot express, e.g. `NumberOfBytes is required.` (Recorded:
   * test_generate_random_invalid_number_of_bytes[None]), KeySpec-or-NumberOfBytes, or an encryption
   * context with an asymmetric algorithm. They need no key. */
  'parameters',
  /** A malformed grant token (InvalidGrantTokenException). Not recorded: it needs nothing but the
   * request, so it comes before the key lookup. */
  'grantTokens',
  /** NotFoundException (Recorded: test_get_key_does_not_exist, test_generate_and_verify_mac `key_id`). */
  'keyLookup',
  /** AccessDeniedException, under `authorization: 'enforce'` (access/authorize.ts): AWS authorizes before
   * it reveals anything of the key's state (developer guide: a denied caller learns nothing of the key;
   * the recorded denials name keys in every state). A missing key of the caller's own account is
   * NotFoundException first (ACK dynamodb controller notes, 2026: a nonexistent key ARN answers
   * NotFoundException `Key '<arn>' does not exist`). */
  'authorization',
  /** DisabledException, KMSInvalidStateException (Recorded: test_import_key_symmetric
   * `encrypt-before-import-error`; test_cant_use_disabled_or_deleted_keys). */
  'keyState',
  /** IncorrectKeyException: Decrypt's KeyId or ReEncrypt's SourceKeyId is not the key a symmetric
   * ciphertext names. Before the usage (Recorded: test_error_messaging_for_invalid_keys
   * `decrypt-invalid-key-id`: an HMAC KeyId answers the mismatch). How the blob is read is
   * `keyOfCiphertext`'s (cryptoKeys.ts). */
  'keyMismatch',
  /** InvalidKeyUsageException `<arn> key usage is X which is not valid for Op.` Before the algorithm
   * (Recorded: test_error_messaging_for_invalid_keys `sign-invalid-key-id`: an HMAC key with an RSA
   * signing algorithm answers the usage). */
  'keyUsage',
  /** InvalidKeyUsageException `Algorithm A is incompatible with key spec S.` (Recorded:
   * test_invalid_generate_mac, test_invalid_verify_mac); then what the fake cannot do with a spec. */
  'keySpec',
  /** A ciphertext that does not open (InvalidCiphertextException). Decrypt and ReEncrypt check it in a
   * dry run too, unless DryRunModifiers has IGNORE_CIPHERTEXT (API Reference: Decrypt, DryRunModifiers).
   * Before `message`: ReEncrypt knows the plaintext it must fit under the destination only once it opens.
   * (A ciphertext whose header names no key is already InvalidCiphertextException at `keyLookup`.) */
  'ciphertext',
  /** The message or plaintext against the key and algorithm: digest length, RSA plaintext limit
   * (Recorded: test_sign_verify `bad-digest`, test_encrypt_validate_plaintext_size_per_key_type). */
  'message',
  /** DryRunOperationException: every check above passed (API Reference: DryRun). */
  'dryRun',
  /** The verdict on a signature or MAC (KMSInvalidSignatureException, KMSInvalidMacException). */
  'verdict',
] as const;

export type Rule = (typeof PRECEDENCE)[number];

/**
 * Operations whose input takes GrantTokens but whose error list (API Reference, the SDK model) has no
 * InvalidGrantTokenException: DescribeKey. No record shows it refusing a token, so it never does.
 */
export const GRANT_TOKENS_NEVER_REFUSED: ReadonlySet<string> = new Set(['DescribeKey']);

/** The `grantTokens` step: a token the fake did not issue is malformed. One of a grant since retired is well-formed. */
export function assertGrantTokens(operation: string, tokens: readonly string[] | undefined): void {
  if (GRANT_TOKENS_NEVER_REFUSED.has(operation)) return;
  if (tokens?.some((token) => grantIdOfToken(token) === undefined)) throw grantErrors.invalidToken();
}

/** An algorithm the request names, and those the key's spec offers for that kind of use. */
export interface NamedAlgorithm {
  readonly name: string;
  readonly offered: readonly string[] | undefined;
}

/**
 * The `keyUsage` then `keySpec` steps: the key must have `usage`, then offer `algorithm` (when the
 * request names one) among the algorithms its spec offers.
 */
export function assertKeyFor(
  key: KeyRecord,
  operation: string,
  usage: KeyUsageType,
  algorithm?: NamedAlgorithm,
): void {
  if (key.keyUsage !== usage) throw keyUsage.notValidFor(key.arn, key.keyUsage, operation);
  if (algorithm && !(algorithm.offered ?? []).includes(algorithm.name)) throw keyUsage.algorithmIncompatible(algorithm.name, key.keySpec);
}
