import type { IncomingMessage, ServerResponse } from 'node:http';
import { bodyTooLarge, internalError } from '../errors';
import { partsOf, type KmsFake } from '../kmsFake';
import { errorResponse, type WireResponse } from '../protocol/awsJson';
import { createDashboard } from './dashboard';
import { answerKmsRequest } from './kmsRequest';

/**
 * Who may see the server's dashboard: clients on this machine only (the default), anyone, or nobody.
 *
 * @example
 * ```ts
 * await kms.listen({ host: '0.0.0.0', dashboard: 'any' }); // a container's dashboard, opened from the host
 * ```
 */
export type DashboardAccess = 'loopback' | 'any' | false;

/** @internal The server's settings, checked by `listen`. */
export interface RouterSettings {
  readonly principals: ReadonlyMap<string, string>;
  readonly log: ((line: string) => void) | undefined;
  readonly dashboard: DashboardAccess;
  /** Largest request body read, in bytes. */
  /** Set once `close()` began: answers then close their connection instead of keeping it alive. */
  readonly closing: () => boolean;
}

/** What one request was, for its log line. */
interface Served {
  target: string;
  principal: string;
}

/** @internal The request listener: `GET /health`, `POST /` (KMS), the dashboard's GETs, and JSON answers for everything else. */
export function createRouter(kms: KmsFake, settings: RouterSettings) {
  const parts = partsOf(kms);
  const dashboard = createDashboard(kms);
  return (req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now();
    const served: Served = { target: req.url ?? '/', principal: '-' };
    res.on('finish', () => {
      if (settings.closing()) res.socket?.end();
    });
    res.on('close', () => settings.log?.(`${req.method} ${served.target} ${res.statusCode} ${Math.round(performance.now() - started)}ms ${served.principal}`));
    route(req, res, served).catch((error: unknown) => {
      // A bug of ours or a broken connection: this request fails, the server keeps serving.
      if (!res.headersSent) sendWire(res, errorResponse(internalError(error), parts.endpoint.requestId()));
      else res.destroy();
    });
  };

  async function route(req: IncomingMessage, res: ServerResponse, served: Served): Promise<void> {
    const url = new URL(`http://localhost${req.url?.startsWith('/') ? req.url : `/${req.url ?? ''}`}`);
    served.target = url.pathname;
    if (req.method === 'GET') return void answerGet(req, res, url);
    if (req.method !== 'POST' || url.pathname !== '/') {
      req.resume();
      return sendJson(res, 405, { message: 'kms-fake answers POST / (KMS JSON 1.1), GET /health and the dashboard' }, { allow: url.pathname === '/' ? 'GET, POST' : 'GET' });
    }
    const body = await readBody(req, BODY_LIMIT);
    if (body === undefined) return sendWire(res, tooLarge(BODY_LIMIT, parts.endpoint.requestId()));
    const headers = headersOf(req);
    const answer = await answerKmsRequest(parts, { headers, hostname: hostnameOf(headers.host), body }, settings.principals);
    served.target = answer.operation ?? headers['x-amz-target'] ?? '(no target)';
    served.principal = answer.principal;
    sendWire(res, answer.response);
  }

  function answerGet(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (url.pathname === '/health') return sendJson(res, 200, { status: 'ok' });
    const allowed = dashboardAllowed(settings.dashboard, req.socket.remoteAddress);
    if (allowed && dashboard(req, res, url)) return;
    if (settings.dashboard !== false && !allowed) {
      return sendJson(res, 403, { message: 'the kms-fake dashboard answers loopback clients only (serve --dashboard-remote to allow others)' });
    }
    sendJson(res, 404, { message: `kms-fake has no page ${url.pathname}; KMS requests are POST /` });
  }

  function sendWire(res: ServerResponse, response: WireResponse): void {
    // Once close() began, each answer ends its connection, so close() need not wait out keep-alive timeouts.
    const headers = settings.closing() ? { ...response.headers, connection: 'close' } : response.headers;
    res.writeHead(response.statusCode, headers);
    res.end(response.body);
  }

  function sendJson(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
    sendWire(res, { statusCode: status, headers: { 'content-type': 'application/json', ...headers }, body: Buffer.from(JSON.stringify(body)) });
  }
}

/** @internal Whether a client at `address` may see the dashboard. */
export function dashboardAllowed(access: DashboardAccess, address: string | undefined): boolean {
  if (access === false) return false;
  if (access === 'any') return true;
  return address !== undefined && /^(127\.|::1$|::ffff:127\.)/.test(address);
}

/**
 * The fake's own limit: AWS documents no request size limit for KMS (its quotas are per-second
 * request rates and resource counts). KMS's largest inputs (a 32 KB key policy, a 6 KB
 * ciphertext) fit many times over in 1 MiB. Over it, the answer is a 413 carrying a JSON 1.1
 * error, so an SDK makes a `SerializationException` of it.
 */
export const BODY_LIMIT = 1024 * 1024;

function tooLarge(limit: number, requestId: string): WireResponse {
  return { ...errorResponse(bodyTooLarge(limit), requestId), statusCode: 413 };
}

/** The body, or `undefined` when it is over the limit: the rest is read and dropped, never held or parsed. */
async function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array | undefined> {
  const declared = Number(req.headers['content-length']);
  let over = declared > limit;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    over ||= size > limit;
    if (!over) chunks.push(chunk);
  }
  return over ? undefined : Buffer.concat(chunks, size);
}

/** Lower-case names, one value each, as a `WireRequest` holds them. */
function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** `Host: kms.eu-west-1.amazonaws.com:4599` → `kms.eu-west-1.amazonaws.com` (a region the host names wins, as in the plugin). */
const hostnameOf = (host: string | undefined) => (host ?? '').replace(/:\d+$/, '');

