import { KMSClient, type KMSClientConfig } from '@aws-sdk/client-kms';
import { KmsFake, type KmsFakeOptions, type KmsFakeServer, type KmsFakeServerOptions } from 'kms-fake';

/** Servers and clients a test opened; `closeServed()` (in `afterEach`) closes them all. */
const opened: { servers: KmsFakeServer[]; clients: KMSClient[] } = { servers: [], clients: [] };

export async function closeServed(): Promise<void> {
  for (const client of opened.clients.splice(0)) client.destroy();
  await Promise.all(opened.servers.splice(0).map((server) => server.close()));
}

/** Dummy credentials: the SDK signs for real, and the fake reads only the access key ID and the scope. */
export const credentials = (accessKeyId = 'AKIDEXAMPLE') => ({ accessKeyId, secretAccessKey: 'x' });

/** A fake served over HTTP, and real KMSClients pointed at its endpoint, as another process would make them. */
export async function serve(options: KmsFakeOptions = {}, serverOptions: KmsFakeServerOptions = {}) {
  const kms = new KmsFake(options);
  const server = await kms.listen(serverOptions);
  opened.servers.push(server);
  const client = (region = 'eu-west-1', config: Partial<KMSClientConfig> = {}) => {
    const made = new KMSClient({ region, endpoint: server.endpoint, credentials: credentials(), maxAttempts: 1, ...config });
    opened.clients.push(made);
    return made;
  };
  return { kms, server, client };
}
