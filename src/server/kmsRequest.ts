import { internalError } from '../errors';
import { callerOf } from '../fakeTransport';
import type { KmsFakeParts } from '../kmsFake';
import { errorResponse, operationOf, type WireRequest, type WireResponse } from '../protocol/awsJson';
import { regionOf } from '../protocol/handle';
import { signatureScopeOf } from './sigv4';

/** One KMS request as the server answered it, for its log line. */
export interface ServedKmsRequest {
  /** The operation the target names (`Encrypt`), or `undefined` for a missing or foreign target. */
  readonly operation: string | undefined;
  /** Who the fake took the caller to be. */
  readonly principal: string;
  readonly response: WireResponse;
}

const decoder = new TextDecoder();

/** The body as a JSON object, for the call history; `undefined` when it is none (the protocol layer answers that). */
function jsonObjectOf(body: Uint8Array): Record<string, unknown> | undefined {
  try {
    const text = decoder.decode(body);
    const parsed: unknown = JSON.parse(text.trim() === '' ? '{}' : text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Answers one `POST /` through the fake's transport, as the plugin does, so overrides, faults and
 * call history behave the same for a process on the other end of a socket. The region and the
 * caller come from the SigV4 credential scope (the secret is never checked); an unsigned request
 * lands in the fake's default region, as its default principal.
 */
export async function answerKmsRequest(parts: KmsFakeParts, request: WireRequest, principals: ReadonlyMap<string, string>): Promise<ServedKmsRequest> {
  const { endpoint, transport } = parts;
  const scope = signatureScopeOf(request.headers.authorization);
  const given = scope && principals.get(scope.accessKeyId);
  const principal = callerOf(endpoint, regionOf(endpoint, request, scope?.region), given);
  const operation = operationOf(request);
  const input = jsonObjectOf(request.body);
  const commandName = `${operation ?? ''}Command`;
  // A body that is no JSON object, or a request naming no operation, is no command a client sent:
  // the protocol layer answers it, and the history keeps only commands.
  const trace = operation !== undefined && input !== undefined ? transport.begin(commandName, input, given) : undefined;
  let response: WireResponse;
  try {
    response = await transport.respond({ request, commandName, input: input ?? {}, region: scope?.region, principal: given }, trace);
  } catch (error) {
    // In the plugin a test's own mistake (a bad override, a callsFake that throws) rejects its send;
    // here no send can, so it comes back as the 500 that names it.
    response = errorResponse(internalError(error), endpoint.requestId());
  }
  trace?.finish(outcomeOf(response));
  return { operation, principal, response };
}

/** The answer as call history keeps it: the output as it travelled (blobs in base64), or an error named by its `__type`. */
function outcomeOf(response: WireResponse): { output?: object; error?: Error } {
  const body = jsonObjectOf(response.body) ?? {};
  if (response.statusCode < 300) return { output: body };
  const error = new Error(typeof body.message === 'string' ? body.message : '');
  error.name = typeof body.__type === 'string' ? body.__type : 'UnknownError';
  return { error };
}
