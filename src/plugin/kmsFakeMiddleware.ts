import { usageError } from '../errors';
import type { WireRequest, WireResponse } from '../protocol/awsJson';
import { applyAuthPassThrough, httpAuthSchemePassThroughOptions, SIGNING_NAMES } from './authPassThrough';
import {
  isRequestLike,
  untyped,
  type HandlerContext,
  type KmsFakePlugin,
  type Middleware,
  type EntryOptions,
  type RelativeEntryOptions,
  type RequestLike,
} from './stack';

/** One attempt of one command, as the fake transport receives it. */
export interface Exchange {
  readonly request: WireRequest;
  /** The command's class name, e.g. `EncryptCommand`. */
  readonly commandName: string;
  /** The command's input as the user gave it (before serialization). */
  readonly input: object;
  /** The region the SDK resolved the endpoint for, when the host name does not carry it. */
  readonly region: string | undefined;
  /** The caller this attachment names (an IAM principal ARN); `undefined` for the fake's default. */
  readonly principal: string | undefined;
}

/** One `send`, from the recorder's point of view. */
export interface Trace {
  /** Set by the transport once it knows where the request landed. */
  set region(region: string);
  finish(result: { output?: object; error?: unknown }): void;
}

/** What the plugin needs from the fake: an answer per attempt, and a trace per send. */
export interface FakeTransport {
  respond(exchange: Exchange, trace: Trace | undefined): Promise<WireResponse>;
  /** `callerFile`: the file of the first deciding frame on the stack at `send`, when {@link FakeTransport.callSiteDecides} asked for it. */
  begin(commandName: string, input: object, principal: string | undefined, callerFile?: string): Trace;
  /**
   * Set only while the coverage report records (a stack capture costs): which frames' files decide
   * who made a call. The capture stops at the first such frame, so a send keeps one file name.
   */
  readonly callSiteDecides: ((file: string) => boolean) | undefined;
}

/** The client's configured region, for endpoints that name none (e.g. `endpoint: 'http://localhost:4566'`). */
export type RegionProvider = () => Promise<string> | string;

export const KMS_FAKE_TAG = 'KMS_FAKE';
const TRACE_KEY = '__kmsFakeTrace';
const CALL_SITE_KEY = '__kmsFakeCallSite';
/**
 * Frames captured to find the caller of `send`: a capture costs per frame, and in the example
 * suites the caller is the fifth frame of 15 or more; past the SDK's and kms-fake's frames, deeper
 * helpers or `await` chains are looked for in a second capture, only when the first found none.
 */
const CALL_SITE_DEPTHS = [10, 40];

/**
 * Right after `deserializerMiddleware`, i.e. where the HTTP handler would be: the SDK's own
 * serializer, retry loop and deserializer all run, and their output is what the user sees.
 */
export const kmsFakeMiddlewareOptions: RelativeEntryOptions = {
  name: 'kmsFakeMiddleware',
  tags: [KMS_FAKE_TAG],
  relation: 'after',
  toMiddleware: 'deserializerMiddleware',
  override: true,
};

const encoder = new TextEncoder();

/**
 * The fake transport: never calls `next`, so nothing reaches the network. The request is
 * duck-typed and the response a plain object, as every era's `isInstance` checks them: the
 * classes live in packages that differ by era (`@aws-sdk/protocol-http`, `@smithy/protocol-http`,
 * `@smithy/core`), and kms-fake loads none of them.
 */
export function kmsFakeMiddleware(transport: FakeTransport, region?: RegionProvider, principal?: string): Middleware {
  return (_next, context) => async (args) => {
    const request = args.request;
    if (!isRequestLike(request)) throw usageError('kmsFakeMiddleware received no HTTP request; is it placed after deserializerMiddleware?');
    const exchange: Exchange = {
      request: toWire(request),
      commandName: String(context.commandName ?? ''),
      input: args.input,
      region: signingRegion(context) ?? (await region?.()),
      principal,
    };
    const answer = await transport.respond(exchange, context[TRACE_KEY] as Trace | undefined);
    return {
      response: { statusCode: answer.statusCode, headers: answer.headers, body: answer.body },
      output: undefined as never,
    };
  };
}

/**
 * Records each send's input and its output or error, as the caller receives them. It sits in the
 * auth-scheme slot, which runs once per send above the retry loop, and the fake needs no auth there.
 */
export function kmsFakeRecorder(transport: FakeTransport, principal?: string): Middleware {
  return (next, context) => async (args) => {
    const trace = transport.begin(String(context.commandName ?? ''), args.input, principal, context[CALL_SITE_KEY] as string | undefined);
    context[TRACE_KEY] = trace;
    try {
      const result = await next(args);
      trace.finish({ output: result.output });
      return result;
    } catch (error) {
      trace.finish({ error });
      throw error;
    }
  };
}

/**
 * Captures who called `send` while the coverage report records: in the first step of the stack,
 * which `send` calls synchronously, so the stack still holds `send`'s caller (and, through async
 * stack traces, the chain that awaited it). Only file names, read from V8's call sites: formatting
 * the stack (which test runners source-map, frame by frame) would cost more.
 */
export function kmsFakeCallSite(transport: FakeTransport): Middleware {
  return (next, context) => (args) => {
    const decides = transport.callSiteDecides;
    if (decides) context[CALL_SITE_KEY] = CALL_SITE_DEPTHS.reduce<string | undefined>((found, depth) => found ?? callerFileOnStack(decides, depth), undefined);
    return next(args);
  };
}

/** The first deciding frame's file, innermost first; `undefined` when none of the frames decides. */
function callerFileOnStack(decides: (file: string) => boolean, depth: number): string | undefined {
  const stackTraceLimit = Error.stackTraceLimit;
  // Put back as it was afterwards, never called here.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const prepareStackTrace = Error.prepareStackTrace;
  Error.stackTraceLimit = depth;
  // Stops at the first deciding frame: no array of every frame's name to allocate and walk again.
  Error.prepareStackTrace = (_error, sites) => {
    for (const site of sites) {
      const file = site.getFileName();
      if (file !== undefined && file !== null && decides(file)) return file;
    }
    return undefined;
  };
  try {
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder);
    return holder.stack as string | undefined;
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
    Error.prepareStackTrace = prepareStackTrace;
  }
}

export const kmsFakeCallSiteOptions: EntryOptions & { name: string } = {
  name: 'kmsFakeCallSite',
  tags: [KMS_FAKE_TAG],
  step: 'initialize',
  priority: 'high',
  override: true,
};

function toWire(request: RequestLike): WireRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  const body = request.body;
  return {
    headers,
    hostname: request.hostname,
    body: body instanceof Uint8Array ? body : encoder.encode(typeof body === 'string' ? body : ''),
  };
}

/** The region the endpoint rule set chose, for endpoints whose host name does not carry one. */
function signingRegion(context: HandlerContext): string | undefined {
  const schemes = context.endpointV2?.properties?.authSchemes as { signingRegion?: string }[] | undefined;
  return schemes?.find((s) => typeof s.signingRegion === 'string')?.signingRegion;
}

/** Names of the stack entries the plugin adds or replaces. */
export const PLUGIN_ENTRY_NAMES = [kmsFakeMiddlewareOptions.name, kmsFakeCallSiteOptions.name, httpAuthSchemePassThroughOptions.name, ...SIGNING_NAMES];

/**
 * The Pluggable for `client.middlewareStack.use(...)`: the fake transport and the auth
 * pass-throughs (the auth-scheme one records call history). Structurally typed so it fits any
 * era's stack type.
 */
export function getKmsFakePlugin(transport: FakeTransport, region?: RegionProvider, principal?: string): KmsFakePlugin {
  return {
    applyToStack(stack) {
      const target = untyped(stack);
      applyAuthPassThrough(target, kmsFakeRecorder(transport, principal));
      target.addRelativeTo(kmsFakeMiddleware(transport, region, principal), kmsFakeMiddlewareOptions);
      target.add(kmsFakeCallSite(transport), kmsFakeCallSiteOptions);
    },
  };
}
