import { Agent, request } from 'node:http';
import { once } from 'node:events';
import { networkInterfaces } from 'node:os';
import type { Socket } from 'node:net';
import { CreateKeyCommand, EncryptCommand, ListKeysCommand } from '@aws-sdk/client-kms';
import { KmsFake } from 'kms-fake';
import { closeServed, serve } from './support';

/** Connections: many at once with keep-alive, close() with keep-alive and open requests, and who reaches the dashboard. */

jest.mock('../../src/server/dashboard', () => ({
  // Stands in for the dashboard another module provides: it answers GET / only.
  createDashboard: () => (_req: unknown, res: { end(text: string): void }, url: URL) => url.pathname === '/' && (res.end('dashboard'), true),
}));

afterEach(closeServed);

/** One GET through `agent` (keep-alive), with the socket it used. */
async function get(url: string, agent?: Agent): Promise<{ status: number; text: string; socket: Socket }> {
  const req = request(url, { agent });
  req.end();
  const [res] = (await once(req, 'response')) as [import('node:http').IncomingMessage];
  let text = '';
  for await (const chunk of res) text += String(chunk);
  return { status: res.statusCode ?? 0, text, socket: req.socket! };
}

describe('many clients at once', () => {
  it('answers 200 concurrent requests from one keep-alive client', async () => {
    const { kms, client } = await serve();
    const agent = new Agent({ keepAlive: true, maxSockets: 50 });
    const kmsClient = client('eu-west-1', { requestHandler: { httpAgent: agent } });
    const { KeyMetadata } = await kmsClient.send(new CreateKeyCommand({}));
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => kmsClient.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: Buffer.from(`message ${i}`) }))),
    );
    expect(results.every((r) => r.$metadata.httpStatusCode === 200 && r.CiphertextBlob !== undefined)).toBe(true);
    expect(kms.commandCalls(EncryptCommand)).toHaveLength(200);
    agent.destroy();
  });
});

describe('close()', () => {
  it('ends idle keep-alive connections and resolves', async () => {
    const { server } = await serve();
    const agent = new Agent({ keepAlive: true });
    const { status, socket } = await get(`${server.endpoint}/health`, agent);
    expect(status).toBe(200);
    const closed = once(socket, 'close');
    await server.close();
    await closed; // never settles if the server left the connection open
    agent.destroy();
  });

  it('answers a request already in progress, then ends its connection', async () => {
    const kms = new KmsFake();
    const server = await kms.listen();
    let release!: () => void;
    const started = new Promise<void>((began) =>
      kms.on(ListKeysCommand).callsFake(() => {
        began();
        return new Promise((done) => (release = () => done({ Keys: [] })));
      }),
    );
    const agent = new Agent({ keepAlive: true });
    const req = request(server.endpoint, { method: 'POST', headers: { 'x-amz-target': 'TrentService.ListKeys', 'content-type': 'application/x-amz-json-1.1' }, agent });
    req.end('{}');
    await started;
    const closing = server.close();
    release();
    const [res] = (await once(req, 'response')) as [import('node:http').IncomingMessage];
    expect(res.statusCode).toBe(200);
    expect(res.headers.connection).toBe('close');
    res.resume();
    await closing;
    agent.destroy();
  });
});

describe('the dashboard', () => {
  it('answers loopback clients by default, and /health stays the server\'s', async () => {
    const { server } = await serve();
    expect(await get(`${server.endpoint}/`)).toMatchObject({ status: 200, text: 'dashboard' });
    expect(await get(`${server.endpoint}/health`)).toMatchObject({ status: 200, text: '{"status":"ok"}' });
    expect(await get(`${server.endpoint}/dashboard/unknown`)).toMatchObject({ status: 404 });
  });

  it('is not served with dashboard: false', async () => {
    const { server } = await serve({}, { dashboard: false });
    expect(await get(`${server.endpoint}/`)).toMatchObject({ status: 404 });
  });

  /** A non-loopback address of this machine: connecting to it, the server sees a remote client. */
  const externalAddress = Object.values(networkInterfaces())
    .flat()
    .find((i) => i?.family === 'IPv4' && !i.internal)?.address;

  it.each([
    ['loopback' as const, 403, /loopback clients only/],
    ['any' as const, 200, /^dashboard$/],
  ])('with dashboard: %s, answers a client on another address %i', async (dashboard, status, text) => {
    expect(externalAddress).toBeDefined(); // this test needs a network interface besides loopback
    const { server } = await serve({}, { host: '0.0.0.0', dashboard });
    const answer = await get(`http://${externalAddress!}:${server.port}/`);
    expect(answer.status).toBe(status);
    expect(answer.text).toMatch(text);
  });
});
