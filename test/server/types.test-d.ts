// Type tests for the server's surface (checked by `npm run typecheck`).
import { KmsFake, type DashboardAccess, type KmsFakeServer, type KmsFakeServerOptions } from 'kms-fake';

async function served(): Promise<void> {
  const kms = new KmsFake();
  const options: KmsFakeServerOptions = { port: 0, host: '127.0.0.1', principals: { AKIAEXAMPLE: 'arn:aws:iam::111122223333:role/app' }, log: (line: string) => void line };
  const server: KmsFakeServer = await kms.listen(options);
  const endpoint: string = server.endpoint;
  const port: number = server.port;
  const closed: Promise<void> = server.close();
  const access: DashboardAccess[] = ['loopback', 'any', false];
  // @ts-expect-error -- dashboard: true is not a mode (the default is 'loopback')
  await kms.listen({ dashboard: true });
  // @ts-expect-error -- the port is a number
  await kms.listen({ port: '4599' });
  // @ts-expect-error -- endpoint is read-only
  server.endpoint = 'http://elsewhere';
  void [endpoint, port, closed, access];
}

export { served };
