import { errorResponse, successResponse, type WireResponse } from './protocol/awsJson';
import { customError, usageError } from './errors';

/** A command class, e.g. `EncryptCommand`: its name identifies the command; its input type types the helpers. */
export interface CommandClass<Input extends object = object> {
  readonly name: string;
  new (...args: never[]): { readonly input: Input };
}

/** One `client.send(...)` as the fake saw it. */
export interface KmsCall<Input extends object = Record<string, unknown>> {
  /** The command's class name, e.g. `'EncryptCommand'`. */
  readonly commandName: string;
  /** The KMS operation, e.g. `'Encrypt'`. */
  readonly operation: string;
  /** The input exactly as the command was given it. */
  readonly input: Input;
  /** What `send` resolved with (as the SDK deserialized it), for a successful call. */
  output?: Record<string, unknown>;
  /** What `send` rejected with, for a failed call. */
  error?: Error;
  /** The region the request was answered in. */
  region?: string;
  /** Who made the call: the account root, since the fake models no IAM principals. */
  principal: string;
  /** The fake clock's time when the call was made. */
  readonly time: Date;
}

/** An error for `rejects(...)`: an exception name, an SDK exception, or a plain `{ name, message }`. */
export type ErrorLike = string | Error | { name: string; message?: string };

/** What an override answers: a value, an error, or a function of the input. */
type Behaviour =
  | { kind: 'resolves'; output: object }
  | { kind: 'rejects'; error: ErrorLike }
  | { kind: 'callsFake'; fn: (input: never) => unknown };

interface Override {
  readonly commandName: string;
  readonly partialInput: object | undefined;
  readonly behaviours: { behaviour: Behaviour; once: boolean }[];
}

/** What a matching override answers with, or `undefined` to let the fake answer for real. */
export type OverrideAnswer = Promise<WireResponse> | undefined;

/**
 * Overrides layered over the real fake, in aws-sdk-client-mock's style: the most recently
 * defined matching rule answers; its `*Once` behaviours are used up first, in order.
 */
export function createOverrides() {
  let overrides: Override[] = [];
  return {
    add(commandName: string, partialInput: object | undefined): Override {
      const override: Override = { commandName, partialInput, behaviours: [] };
      overrides.push(override);
      return override;
    },
    /** Answers the request if an override matches it. */
    answer(commandName: string, input: object, requestId: () => string): OverrideAnswer {
      for (let i = overrides.length - 1; i >= 0; i--) {
        const o = overrides[i]!;
        if (o.commandName !== commandName || !matchesPartial(input, o.partialInput)) continue;
        const next = o.behaviours.findIndex((b) => b.once);
        const chosen = next >= 0 ? o.behaviours.splice(next, 1)[0] : o.behaviours[o.behaviours.length - 1];
        if (!chosen) continue;
        return run(chosen.behaviour, input, requestId());
      }
      return undefined;
    },
    clear: () => {
      overrides = [];
    },
  };
}

export type Overrides = ReturnType<typeof createOverrides>;

async function run(behaviour: Behaviour, input: object, requestId: string): Promise<WireResponse> {
  if (behaviour.kind === 'resolves') return answer(behaviour.output, requestId, 'resolves');
  if (behaviour.kind === 'rejects') return errorResponse(toWireError(behaviour.error), requestId);
  let output: unknown;
  try {
    output = (await behaviour.fn(input as never)) ?? {};
  } catch (error) {
    if (error instanceof Error && !isKmsError(error)) throw new UserCodeFailure(error);
    return errorResponse(toWireError(error as ErrorLike), requestId);
  }
  return answer(output, requestId, 'callsFake');
}

/**
 * An `Error` a `callsFake` function threw that is no KMS error (a `TypeError`, an `Error` of the
 * test's own): the send rejects with that very error, so a bug in the test shows as itself, not as
 * a 400. (Thrown non-errors, such as `null`, still become an exception named `Error`: the SDK's
 * retry code cannot carry them.)
 */
export class UserCodeFailure extends Error {
  constructor(readonly thrown: unknown) {
    super('a callsFake function threw');
  }
}

/** An error a KMS call can fail with: an SDK service exception (it has `$fault`), or one named as an exception is. */
function isKmsError(error: Error): boolean {
  return '$fault' in error || EXCEPTION_NAME.test(error.name);
}

/** Service exception names end like this; JavaScript's own errors (`TypeError`, `Error`) end in `Error`. */
const EXCEPTION_NAME = /^[A-Z]\w*(Exception|Fault|Failure)$/;

/**
 * A string given to `rejects(...)` is an error *name* when it looks like one (`'DisabledException'`,
 * `'MyError'`), else a message. This is about the string's form, not about whose error it is (that
 * is {@link EXCEPTION_NAME}'s question for thrown errors), so names ending in `Error` count here.
 */
const ERROR_NAME_FORM = /^[A-Z]\w*(Exception|Error|Fault)$/;

/** An override's output as a wire answer; one that is no output object is the test author's mistake. */
function answer(output: unknown, requestId: string, verb: string): WireResponse {
  if (typeof output !== 'object' || output === null) throw usageError(`${verb} must give the command output object`);
  try {
    return successResponse(output, requestId);
  } catch (error) {
    throw usageError(`${verb} gave an output that cannot be sent: ${(error as Error).message}`);
  }
}

/**
 * Any error the user gives becomes a wire error, so the SDK deserializer turns it into its own
 * exception class: `'DisabledException'` → `DisabledException`; `new Error('boom')` or `'boom'`
 * → a `KMSServiceException` named `Error` with message `boom`, as aws-sdk-client-mock would name it.
 */
export function toWireError(error: ErrorLike | null | undefined) {
  if (typeof error === 'string') {
    return ERROR_NAME_FORM.test(error) ? customError(error) : customError('Error', error);
  }
  // Anything thrown that is not an error-like object still arrives as an error, named as JavaScript would.
  if (error === null || typeof error !== 'object') return customError('Error', String(error));
  if (typeof error.name !== 'string') return customError('Error', JSON.stringify(error));
  return customError(error.name, error.message || undefined);
}

/** Deep partial match: every key of `partial` equals (or, for objects, partially matches) `actual`. */
export function matchesPartial(actual: unknown, partial: unknown): boolean {
  if (partial === undefined) return true;
  if (partial instanceof Uint8Array) {
    return actual instanceof Uint8Array && Buffer.from(actual).equals(Buffer.from(partial));
  }
  if (Array.isArray(partial)) {
    return Array.isArray(actual) && actual.length === partial.length && partial.every((p, i) => matchesPartial(actual[i], p));
  }
  if (partial !== null && typeof partial === 'object') {
    if (actual === null || typeof actual !== 'object') return false;
    return Object.entries(partial).every(([k, v]) => matchesPartial((actual as Record<string, unknown>)[k], v));
  }
  return Object.is(actual, partial);
}

export type { Override };

/**
 * Call history: every send, with its input and its output or error. Bounded (oldest dropped
 * first) so a long-lived fake does not hold every ciphertext it ever returned.
 */
export function createCallLog(limit: number) {
  let calls: KmsCall[] = [];
  const kept = () => (calls.length > limit ? calls.slice(calls.length - limit) : calls);
  return {
    record(call: KmsCall): KmsCall {
      calls.push(call);
      // Trimmed in batches: dropping one call per send would shift the whole array every time.
      if (calls.length >= 2 * limit) calls = calls.slice(calls.length - limit);
      return call;
    },
    all: (): readonly KmsCall[] => kept(),
    ofCommand: (commandName: string, partialInput?: object) =>
      kept().filter((c) => c.commandName === commandName && matchesPartial(c.input, partialInput)),
    clear: () => {
      calls = [];
    },
  };
}

export type CallLog = ReturnType<typeof createCallLog>;
