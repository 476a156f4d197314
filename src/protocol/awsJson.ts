import { KmsError, wireType } from '../errors';

/** A request as the fake sees it: transport-free, shared by the plugin and any future server. */
export interface WireRequest {
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly hostname: string;
  readonly body: Uint8Array;
}

export interface WireResponse {
  readonly statusCode: number;
  /** Lower-case header names, as the SDK expects them. */
  readonly headers: Record<string, string>;
  /** A fresh buffer per response: the SDK re-prototypes response bodies in place. */
  readonly body: Uint8Array;
}

const TARGET_PREFIX = 'TrentService.';
const CONTENT_TYPE = 'application/x-amz-json-1.1';
const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** The operation named by `x-amz-target: TrentService.<Op>`, or `undefined`. */
export function operationOf(request: WireRequest): string | undefined {
  const target = request.headers['x-amz-target'];
  return target?.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
}

/** Parses the JSON 1.1 body. The SDK sends `{}` for operations without input. */
export function parseBody(request: WireRequest): unknown {
  const text = decoder.decode(request.body);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw wireType.notJson();
  }
}

/** Blobs travel as base64 and timestamps as epoch seconds; everything else is plain JSON. */
function toWire(value: unknown): unknown {
  if (value instanceof Uint8Array) return base64Of(value);
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toWire);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key in value) out[key] = toWire((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

const base64Of = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/**
 * The output as JSON text. Top-level blobs (ciphertexts, plaintexts, signatures: where KMS puts
 * them) are written as they are, since base64 never needs escaping: JSON.stringify would scan
 * every character of a 5 KB string for nothing.
 */
function outputJson(output: object): string {
  const members: string[] = [];
  for (const [key, value] of Object.entries(output)) {
    if (value === undefined) continue;
    members.push(`${JSON.stringify(key)}:${value instanceof Uint8Array ? `"${base64Of(value)}"` : JSON.stringify(toWire(value))}`);
  }
  return `{${members.join(',')}}`;
}

export function successResponse(output: object, requestId: string): WireResponse {
  return respond(200, outputJson(output), requestId);
}

/** `{"__type", "message"}`; AWS omits `message` entirely for some codes, and so do we. */
export function errorResponse(error: KmsError, requestId: string): WireResponse {
  const body: Record<string, string> = { __type: error.code };
  if (error.wireMessage !== undefined) body.message = error.wireMessage;
  return respond(error.status, JSON.stringify(body), requestId);
}

function respond(statusCode: number, json: string, requestId: string): WireResponse {
  const body = encoder.encode(json);
  return {
    statusCode,
    headers: {
      'content-type': CONTENT_TYPE,
      'content-length': String(body.byteLength),
      'x-amzn-requestid': requestId,
    },
    body,
  };
}
