import { internalError, KmsError, notImplemented, unknownOperation } from '../errors';
import { dispatch, isKmsOperation, operationNamed } from '../backend/operations';
import type { Core } from '../backend/core';
import { errorResponse, operationOf, parseBody, successResponse, type WireRequest, type WireResponse } from './awsJson';
import { decodeInput } from './validate';
import { parseCaller } from '../backend/access/principals';
import { regionFromHost, scopeOf } from './scope';

/** What the protocol layer needs besides the core: where requests land and how they are named. */
export interface Endpoint {
  readonly accountId: string;
  /** Used when neither the host name nor the resolved endpoint names a region (a custom endpoint). */
  readonly defaultRegion: string;
  readonly requestId: () => string;
  /** The fake's default caller (its `principal` option, or `configureAccess`'s); the account root when absent. */
  principal?: string;
}

/** The outcome of one request, for call history. */
export interface Handled {
  readonly operation: string | undefined;
  readonly region: string;
  readonly response: WireResponse;
  readonly error?: KmsError;
}

/** The region a request lands in: its host's, else the resolved endpoint's, else the default. */
export function regionOf(endpoint: Endpoint, request: WireRequest, resolvedRegion?: string): string {
  return regionFromHost(request.hostname) ?? resolvedRegion ?? endpoint.defaultRegion;
}

/**
 * One KMS JSON 1.1 request in, one response out: route by `x-amz-target`, decode and
 * validate against the operation's declared shape, dispatch, encode. Transport-free: the
 * plugin and any server adapter call this and nothing else.
 */
export function handle(core: Core, endpoint: Endpoint, request: WireRequest, resolvedRegion: string | undefined, principal: string): Handled {
  const requestId = endpoint.requestId();
  const handled = answer(core, endpoint, request, requestId, resolvedRegion, principal);
  try {
    // With a state directory, what the call changed is on disk before the answer leaves (a failed
    // call may still have run what fell due on the fake clock; one that changed nothing writes nothing).
    core.persistence?.commit();
    return handled;
  } catch (cause) {
    const error = internalError(cause);
    return { ...handled, response: errorResponse(error, requestId), error };
  }
}

function answer(core: Core, endpoint: Endpoint, request: WireRequest, requestId: string, resolvedRegion: string | undefined, principal: string): Handled {
  const regionName = regionOf(endpoint, request, resolvedRegion);
  const name = operationOf(request);
  try {
    if (name === undefined || !isKmsOperation(name)) throw unknownOperation();
    const op = operationNamed(name);
    if (!op) throw notImplemented(name);
    const input = decodeInput(op.input, parseBody(request));
    const caller = parseCaller(principal);
    if (!caller) throw internalError(`principal ${String(principal)} was not checked`);
    // A request lands in its caller's account, as it does in AWS.
    const scope = scopeOf(caller.accountId, regionName);
    const output = dispatch(core, scope, name, op, input, requestId, caller);
    return { operation: name, region: regionName, response: successResponse(output, requestId) };
  } catch (cause) {
    const error = cause instanceof KmsError ? cause : internalError(cause);
    return { operation: name, region: regionName, response: errorResponse(error, requestId), error };
  }
}
