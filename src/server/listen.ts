import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { callerOption } from '../backend/access/settings';
import { usageError } from '../errors';
import type { KmsFake } from '../kmsFake';
import { refuseUnknown } from '../options';
import { createRouter, type DashboardAccess } from './router';

/**
 * Options of {@link KmsFake.listen}.
 *
 * @example
 * ```ts
 * const server = await kms.listen({
 *   port: 0,
 *   principals: { AKIAAPPEXAMPLE: 'arn:aws:iam::111122223333:role/app' },
 *   log: (line) => process.stderr.write(`${line}\n`),
 * });
 * ```
 */
export interface KmsFakeServerOptions {
  /** The TCP port; `0` (the default) picks a free one, which the handle's `port` and `endpoint` name. */
  port?: number;
  /** The address to listen on. Default `'127.0.0.1'`: only this machine can reach the fake. */
  host?: string;
  /**
   * Who calls, per SigV4 access key ID: `{ [accessKeyId]: principalArn }`. A request signed with a
   * key listed here calls as that principal (for `authorization: 'enforce'`); any other key, or no
   * signature, calls as the fake's default principal. Secrets are never checked.
   */
  principals?: Readonly<Record<string, string>>;
  /** Receives one line per request (method, operation or path, status, ms, principal). Default: silent. */
  log?: (line: string) => void;
  /**
   * Who may open the dashboard (GET `/` and `/dashboard/...`): `'loopback'` (the default) answers
   * clients on this machine only and refuses others with a 403; `'any'` answers everyone; `false` serves none.
   */
  dashboard?: DashboardAccess;
}

/**
 * A running server: KMS's JSON 1.1 protocol over HTTP, answered by one fake.
 *
 * @example
 * ```ts
 * const server = await kms.listen();
 * const client = new KMSClient({ region: 'eu-west-1', endpoint: server.endpoint, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' } });
 * await server.close();
 * ```
 */
export interface KmsFakeServer {
  /** The URL to give clients as their endpoint, e.g. `http://127.0.0.1:4599`. */
  readonly endpoint: string;
  /** The port the server listens on (the one picked, for `port: 0`). */
  readonly port: number;
  /** Stops accepting connections, ends keep-alive ones (open requests are answered first), and resolves once closed. */
  close(): Promise<void>;
}

const OPTION_NAMES = Object.keys({ port: true, host: true, principals: true, log: true, dashboard: true } satisfies Record<keyof KmsFakeServerOptions, true>);

/** @internal The implementation of {@link KmsFake.listen}, loaded on its first use so the plugin never loads `node:http`. */
export async function listen(kms: KmsFake, options: KmsFakeServerOptions = {}): Promise<KmsFakeServer> {
  refuseUnknown(options, OPTION_NAMES);
  const { port = 0, host = '127.0.0.1', log, dashboard = 'loopback' } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError(`listen: port must be an integer from 0 to 65535, not ${String(port)}`);
  if (typeof host !== 'string' || host === '') throw usageError(`listen: host must be a host name or address, not ${String(host)}`);
  if (log !== undefined && typeof log !== 'function') throw usageError('listen: log must be a function taking one line');
  if (dashboard !== 'loopback' && dashboard !== 'any' && dashboard !== false) throw usageError(`listen: dashboard must be 'loopback', 'any' or false, not ${String(dashboard)}`);
  const principals = principalsOf(options.principals);
  let closing = false;
  // close() twice is harmless: the second call waits for the first.
  let closed: Promise<void> | undefined;
  const server = createServer({ keepAlive: true }, createRouter(kms, { principals, log, dashboard, closing: () => closing }));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const bound = (server.address() as AddressInfo).port;
      resolve({
        endpoint: `http://${endpointHost(host)}:${bound}`,
        port: bound,
        close: () =>
          (closed ??= new Promise<void>((done, fail) => {
            closing = true;
            server.close((error) => (error ? fail(error) : done()));
            server.closeIdleConnections();
          })),
      });
    });
  });
}

/** Checks the access key → principal map (a usage error names the entry at fault). */
export function principalsOf(given: unknown): ReadonlyMap<string, string> {
  if (given === undefined) return new Map();
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw usageError('principals must be an object mapping access key IDs to IAM principal ARNs: { "AKIAEXAMPLE": "arn:aws:iam::111122223333:role/app" }');
  }
  const entries = Object.entries(given as Record<string, unknown>);
  for (const [accessKeyId, principal] of entries) {
    if (!/^[\w-]+$/.test(accessKeyId)) throw usageError(`principals: ${JSON.stringify(accessKeyId)} is not an access key ID (letters and digits)`);
    try {
      callerOption(principal);
    } catch (error) {
      throw usageError(`principals[${accessKeyId}]: ${(error as Error).message.replace(/^\[kms-fake\] /, '')}`);
    }
  }
  return new Map(entries as [string, string][]);
}

/** Where clients reach a server bound to `host`: a wildcard address is reached on loopback; IPv6 goes in brackets. */
function endpointHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
