import type { IncomingMessage, ServerResponse } from 'node:http';
import { partsOf, type KmsFake } from '../../kmsFake';
import { DASHBOARD_JS } from './app';
import { CALLS_PAGE, createCallFeed } from './calls';
import { DASHBOARD_CSS, DASHBOARD_HTML, DASHBOARD_ICON } from './page';
import { dashboardState, STATE_PAGE } from './state';

export type { DashboardCall, DashboardCalls } from './calls';
export type { DashboardKey, DashboardState } from './state';

/** Answers one request if it is the dashboard's; `false` leaves it to the server's other routes. */
export type DashboardHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;

/** What one route answers: a body and its content type, or a complaint about the query. */
type Answer = { readonly status: number; readonly type: string; readonly body: string };

/**
 * The page may load only its own script, styles and icon and fetch only its own JSON: with no inline
 * code allowed, even markup that slipped into the DOM could not run.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  json: 'application/json; charset=utf-8',
} as const;

const ok = (type: string, body: string): Answer => ({ status: 200, type, body });
const json = (value: unknown): Answer => ok(TYPES.json, JSON.stringify(value));

/** A query parameter that is no whole number in range: the page never sends one, so it is a 400. */
class BadQuery extends Error {}

/**
 * Answers the dashboard's pages and JSON (GET `/` and `/dashboard/...`); false when the request is
 * not for it. Read-only: it looks at the fake's keys and call history and changes nothing.
 *
 * @internal The server calls it for loopback GET requests; users reach it through the server.
 * @example
 * ```ts
 * const dashboard = createDashboard(kms);
 * http.createServer((req, res) => {
 *   if (!dashboard(req, res, new URL(req.url ?? '/', 'http://localhost'))) res.writeHead(404).end();
 * });
 * ```
 */
export function createDashboard(kms: KmsFake): DashboardHandler {
  const { core, log } = partsOf(kms);
  const feed = createCallFeed(log);
  const routes: Readonly<Record<string, (query: URLSearchParams) => Answer>> = {
    '/': () => ok(TYPES.html, DASHBOARD_HTML),
    '/dashboard/app.js': () => ok(TYPES.js, DASHBOARD_JS),
    '/dashboard/app.css': () => ok(TYPES.css, DASHBOARD_CSS),
    '/dashboard/favicon.svg': () => ok(TYPES.svg, DASHBOARD_ICON),
    '/dashboard/api/state': (query) =>
      json(dashboardState(core, wholeNumber(query, 'offset', 0, Number.MAX_SAFE_INTEGER), wholeNumber(query, 'limit', STATE_PAGE.default, STATE_PAGE.max))),
    '/dashboard/api/calls': (query) =>
      json(feed.after(wholeNumber(query, 'after', 0, Number.MAX_SAFE_INTEGER), wholeNumber(query, 'limit', CALLS_PAGE, CALLS_PAGE))),
  };
  return (req, res, url) => {
    if (req.method !== 'GET' || !Object.hasOwn(routes, url.pathname)) return false;
    send(res, answer(routes[url.pathname]!, url.searchParams));
    return true;
  };
}

function answer(route: (query: URLSearchParams) => Answer, query: URLSearchParams): Answer {
  try {
    return route(query);
  } catch (error) {
    if (error instanceof BadQuery) return { ...json({ message: error.message }), status: 400 };
    throw error;
  }
}

function send(res: ServerResponse, { status, type, body }: Answer): void {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    // State changes with every call: never show a stale copy.
    'cache-control': 'no-store',
  });
  res.end(body);
}

/** `name` as an integer from 0 to `max` (a limit of 0 is allowed: it asks for counts only); `fallback` if absent. */
function wholeNumber(query: URLSearchParams, name: string, fallback: number, max: number): number {
  const text = query.get(name);
  if (text === null || text === '') return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value > max) throw new BadQuery(`${name} must be a whole number from 0 to ${max}`);
  return value;
}
