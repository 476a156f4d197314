import { HttpRequest, HttpResponse } from '@smithy/protocol-http';
import type {
  DeserializeMiddleware,
  HandlerExecutionContext,
  MiddlewareStack,
  Pluggable,
  RelativeMiddlewareOptions,
} from '@smithy/types';
import { usageError } from '../errors';
import type { WireRequest, WireResponse } from '../protocol/awsJson';
import { applyAuthPassThrough, httpAuthSchemePassThroughOptions, httpSigningPassThroughOptions } from './authPassThrough';

/** Answers one wire request; `region` is the one the SDK resolved the endpoint for, if known. */
export type Responder = (request: WireRequest, region: string | undefined) => WireResponse;

export const KMS_FAKE_TAG = 'KMS_FAKE';

/**
 * Right after `deserializerMiddleware`, i.e. where the HTTP handler would be: the SDK's own
 * serializer, retry loop and deserializer all run, and their output is what the user sees.
 */
export const kmsFakeMiddlewareOptions: RelativeMiddlewareOptions = {
  name: 'kmsFakeMiddleware',
  tags: [KMS_FAKE_TAG],
  relation: 'after',
  toMiddleware: 'deserializerMiddleware',
  override: true,
};

const encoder = new TextEncoder();

/** The client's configured region, for endpoints that name none (e.g. `endpoint: 'http://localhost:4566'`). */
export type RegionProvider = () => Promise<string> | string;

/** The fake transport: never calls `next`, so nothing reaches the network. */
export function kmsFakeMiddleware(respond: Responder, region?: RegionProvider): DeserializeMiddleware<object, object> {
  return (_next, context) => async (args) => {
    const request = args.request;
    if (!HttpRequest.isInstance(request)) throw usageError('kmsFakeMiddleware received no HttpRequest; is it placed after deserializerMiddleware?');
    const answer = respond(toWire(request), signingRegion(context) ?? (await region?.()));
    return {
      response: new HttpResponse({ statusCode: answer.statusCode, headers: answer.headers, body: answer.body }),
      output: undefined as never,
    };
  };
}

function toWire(request: HttpRequest): WireRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  const body = request.body as unknown;
  return {
    headers,
    hostname: request.hostname,
    body: body instanceof Uint8Array ? body : encoder.encode(typeof body === 'string' ? body : ''),
  };
}

/** The region the endpoint rule set chose, for endpoints whose host name does not carry one. */
function signingRegion(context: HandlerExecutionContext): string | undefined {
  const schemes = context.endpointV2?.properties?.authSchemes as { signingRegion?: string }[] | undefined;
  return schemes?.find((s) => typeof s.signingRegion === 'string')?.signingRegion;
}

/** Names of the stack entries the plugin adds or replaces. */
export const PLUGIN_ENTRY_NAMES = [
  kmsFakeMiddlewareOptions.name!,
  httpAuthSchemePassThroughOptions.name!,
  httpSigningPassThroughOptions.name!,
];

/**
 * The Pluggable for `client.middlewareStack.use(...)`: the fake transport plus the auth
 * pass-throughs. Generic so it fits any client's stack type (inferred at the call site).
 */
export function getKmsFakePlugin<I extends object = object, O extends object = object>(
  respond: Responder,
  region?: RegionProvider,
): Pluggable<I, O> {
  return {
    applyToStack(stack: MiddlewareStack<I, O>) {
      const untyped = stack as unknown as MiddlewareStack<object, object>;
      applyAuthPassThrough(untyped);
      untyped.addRelativeTo(kmsFakeMiddleware(respond, region), kmsFakeMiddlewareOptions);
    },
  };
}
