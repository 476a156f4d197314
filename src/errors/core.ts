import type * as Sdk from '@aws-sdk/client-kms';

/** Error codes the SDK models as exception classes; checked against its exports so a typo fails to compile. */
type ModeledErrorName = Extract<keyof typeof Sdk, `${string}Exception`>;

/**
 * Error codes KMS sends that the SDK does not model. The SDK turns them into a
 * `KMSServiceException` whose `name` is the code.
 */
type UnmodeledErrorName =
  | 'ValidationException'
  | 'SerializationException'
  | 'ThrottlingException'
  | 'AccessDeniedException'
  | 'NotAuthorizedException'
  | 'UnknownOperationException';

/** Every wire error code the fake can answer with. */
export type KmsErrorName = Exclude<ModeledErrorName, 'KMSServiceException'> | UnmodeledErrorName;

/** HTTP status per error code; everything not listed is a client error (400). */
const statusByName: Partial<Record<KmsErrorName, number>> = {
  KMSInternalException: 500,
  DependencyTimeoutException: 503,
  KeyUnavailableException: 500,
};

/**
 * A KMS error as it travels on the wire: a code and (for most codes) a message.
 * Backend code raises these only through the factories below; the protocol layer
 * writes them as `{"__type", "message"}` and the SDK's deserializer makes the exception.
 * @internal
 */
export class KmsError extends Error {
  readonly code: KmsErrorName;
  readonly status: number;
  /** `undefined` when AWS sends no message at all for this error. */
  readonly wireMessage: string | undefined;

  constructor(code: KmsErrorName, message?: string) {
    // A wire value, not a debugging aid: skipping the stack capture keeps error answers as cheap as successes.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message ?? code);
    Error.stackTraceLimit = limit;
    this.name = 'KmsError';
    this.code = code;
    this.status = statusByName[code] ?? 400;
    this.wireMessage = message;
  }
}

/** @internal */
export function kmsError(code: KmsErrorName, message?: string): KmsError {
  return new KmsError(code, message);
}

/** An error code chosen by the test author (overrides and faults); the SDK names unknown ones generically. */
export function customError(code: string, message?: string): KmsError {
  return new KmsError(code as KmsErrorName, message);
}

/** Misuse of the library by the test author (not a KMS error): reaches the caller as it is. */
export class KmsFakeUsageError extends Error {
  constructor(message: string) {
    super(`[kms-fake] ${message}`);
    this.name = 'KmsFakeUsageError';
  }
}

export function usageError(message: string): KmsFakeUsageError {
  return new KmsFakeUsageError(message);
}

/**
 * A bug of ours: reaches the caller as a 500 that names it, never as a plausible 4xx. It names the
 * error's class and words but not what they quote: V8 and node quote the values they choke on
 * (`Unexpected token 'x', "…" is not valid JSON`, `Received '…'`), and such a value may be a
 * plaintext or a password of the request, which nothing the fake answers may repeat.
 */
export function internalError(cause: unknown): KmsError {
  const detail = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
  return new KmsError('KMSInternalException', `[kms-fake] internal error: ${withoutQuotes(detail)}`);
}

/**
 * The text with everything it quotes left out: from the first quote mark to the last, of any kind,
 * so a quoted snippet that itself holds quotes (`"{"seed": "…"}"`), even of another kind (an
 * apostrophe: `"{"a": it's …"`), goes out whole. Words between two quoted values go with them.
 */
export const withoutQuotes = (text: string): string =>
  text.replace(/(['"`])[\s\S]*(['"`])/, (_quoted, open: string, close: string) => `${open}…${close}`);

/** The generic families; the topical files build every message text on these. */
export const unsupported = (message: string) => kmsError('UnsupportedOperationException', message);

/** An operation AWS has but the fake does not: answered plainly rather than with a made-up success. */
export const notImplemented = (operation: string) => unsupported(`kms-fake does not implement ${operation} yet.`);

/**
 * Something a crypto family cannot do correctly in the fake: the provider's own explanation
 * (`gap`) when it has one, otherwise `kms-fake cannot <what>.`
 */
export const cryptoGap = (gap: string | undefined, what: string) => unsupported(gap ?? `kms-fake cannot ${what}.`);

export const limitExceeded = (message: string) => kmsError('LimitExceededException', message);

export const validation = (message: string) => kmsError('ValidationException', message);

export const serialization = (message: string) => kmsError('SerializationException', message);
