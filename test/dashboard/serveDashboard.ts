import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KmsFake } from 'kms-fake';
import { createDashboard } from '../../src/server/dashboard';

/** The dashboard on a loopback port of its own, answering 404 to anything else, as the server's router does. */
export async function serveDashboard(kms: KmsFake): Promise<{ origin: string; close: () => Promise<void> }> {
  const dashboard = createDashboard(kms);
  const server = createServer((req, res) => {
    if (!dashboard(req, res, new URL(req.url ?? '/', 'http://localhost'))) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
