import * as Sdk from '@aws-sdk/client-kms';
import { KMSServiceException } from '@aws-sdk/client-kms';
import { failure } from './client';

/** Exception classes the SDK models (checked against its exports, so a typo fails to compile). */
export type ModeledName = Exclude<Extract<keyof typeof Sdk, `${string}Exception`>, 'KMSServiceException'>;

/** Codes KMS sends that the SDK does not model: it gives a plain `KMSServiceException` named after the code. */
export type UnmodeledName = 'ValidationException' | 'NotAuthorizedException' | 'SerializationException' | 'AccessDeniedException';

/** What the SDK reports when AWS sends an error without a message. */
export const NO_MESSAGE = 'UnknownError';

const isModeled = (name: string): name is ModeledName =>
  name !== 'KMSServiceException' && typeof (Sdk as Record<string, unknown>)[name] === 'function';

/**
 * Asserts that the call fails with exactly this error: the SDK's own class (for modelled codes,
 * `Object.getPrototypeOf(e) === Sdk[name].prototype`; otherwise a plain `KMSServiceException`),
 * its `name`, its `message` and HTTP 400. A TypeError or a bare Error makes `failure` throw, failing the test.
 * The three facts are compared as one object so a mismatch shows all of them.
 */
export async function expectKmsError(
  call: Promise<unknown>,
  name: ModeledName | UnmodeledName,
  message: string,
): Promise<KMSServiceException> {
  const error = await failure(call);
  const expectedProto = isModeled(name)
    ? ((Sdk as unknown as Record<string, { prototype: object }>)[name]!.prototype)
    : KMSServiceException.prototype;
  const proto = Object.getPrototypeOf(error) as object;
  const className = (p: object) => (p as { constructor: { name: string } }).constructor.name;
  const expected = className(expectedProto);
  const actualClass = proto === expectedProto ? expected : `not ${expected}: ${className(proto)}`;
  expect({ class: actualClass, name: error.name, message: error.message }).toEqual({ class: expected, name, message });
  expect(error).toBeInstanceOf(KMSServiceException);
  // Every error these tests provoke is the caller's fault; AWS answers all of them with HTTP 400.
  expect({ fault: error.$fault, status: error.$metadata.httpStatusCode }).toEqual({ fault: 'client', status: 400 });
  return error;
}

