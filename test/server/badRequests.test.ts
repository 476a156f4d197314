import { CreateKeyCommand, EncryptCommand, KMSServiceException, ListKeysCommand } from '@aws-sdk/client-kms';
import { failure } from '../support/client';
import { closeServed, serve } from './support';

/** What the server answers to what no SDK sends, and that it keeps serving after each. */

afterEach(closeServed);

const KMS_JSON = 'application/x-amz-json-1.1';

/** A raw HTTP request, as a hand-written client or a broken one would send it. */
async function raw(endpoint: string, init: { method?: string; path?: string; target?: string; body?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': KMS_JSON };
  if (init.target !== undefined) headers['x-amz-target'] = init.target;
  const response = await fetch(`${endpoint}${init.path ?? '/'}`, { method: init.method ?? 'POST', headers, ...(init.body !== undefined && { body: init.body }) });
  return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as Record<string, unknown> };
}

describe('requests the protocol refuses', () => {
  it.each([
    // A command named by its target is recorded like any other; a body that is no JSON, or no target, is no command.
    ['a body that is not JSON', { target: 'TrentService.ListKeys', body: '{"Limit": ' }, { __type: 'SerializationException', message: 'Request body is not valid JSON.' }, []],
    ['an unknown operation', { target: 'TrentService.MakeCoffee', body: '{}' }, { __type: 'UnknownOperationException' }, ['MakeCoffeeCommand']],
    ["another service's target", { target: 'DynamoDB_20120810.ListTables', body: '{}' }, { __type: 'UnknownOperationException' }, []],
    ['no target at all', { body: '{}' }, { __type: 'UnknownOperationException' }, []],
  ])('answers %s with a 400 JSON 1.1 error, then serves a good request', async (_, request: { target?: string; body: string }, expected, recorded: string[]) => {
    const { kms, server, client } = await serve();
    expect(await raw(server.endpoint, request)).toEqual({ status: 400, type: KMS_JSON, body: expected });
    await client().send(new CreateKeyCommand({}));
    expect(kms.calls().map((c) => c.commandName)).toEqual([...recorded, 'CreateKeyCommand']);
  });

  it("reaches the SDK as its exception for an unknown target (a client model newer than the fake's)", async () => {
    const { client } = await serve();
    const kms = client();
    kms.middlewareStack.add(
      (next) => (args) => {
        (args.request as { headers: Record<string, string> }).headers['x-amz-target'] = 'TrentService.FutureOperation';
        return next(args);
      },
      { step: 'build' },
    );
    const error = await failure(kms.send(new ListKeysCommand({})));
    expect(error).toBeInstanceOf(KMSServiceException);
    expect(error.name).toBe('UnknownOperationException');
  });
});

describe('an oversized body', () => {
  it('is answered 413 with a SerializationException, unparsed, and the next request is served', async () => {
    const { kms, client } = await serve();
    const kmsClient = client();
    const { KeyMetadata } = await kmsClient.send(new CreateKeyCommand({}));
    const error = await failure(kmsClient.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: Buffer.alloc(1024 * 1024) })));
    expect(error.name).toBe('SerializationException');
    expect(error.$metadata.httpStatusCode).toBe(413);
    expect(error.message).toBe("Request body exceeds kms-fake's limit of 1048576 bytes.");
    expect(kms.commandCalls(EncryptCommand)).toHaveLength(0);
    const { CiphertextBlob } = await kmsClient.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: Buffer.alloc(4096) }));
    expect(CiphertextBlob?.byteLength).toBeGreaterThan(4096);
  });
});

describe('paths and methods other than POST /', () => {
  it('answers GET /health with 200 {"status":"ok"}', async () => {
    const { server } = await serve();
    expect(await raw(server.endpoint, { method: 'GET', path: '/health' })).toEqual({ status: 200, type: 'application/json', body: { status: 'ok' } });
  });

  it.each([
    ['GET', '/nothing/here', 404],
    ['GET', '/', 404],
    ['POST', '/elsewhere', 405],
    ['PUT', '/', 405],
    ['DELETE', '/health', 405],
  ])('answers %s %s with %i JSON, then serves a good request', async (method, path, status) => {
    const { server, client } = await serve({}, { dashboard: false });
    const answer = await raw(server.endpoint, { method, path, ...(method !== 'GET' && { body: '{}' }) });
    expect(answer.status).toBe(status);
    expect(answer.type).toBe('application/json');
    expect(answer.body.message).toEqual(expect.stringContaining('POST /'));
    expect((await client().send(new ListKeysCommand({}))).Keys).toEqual([]);
  });
});

describe('the log option', () => {
  it('receives one line per request: method, operation or path, status, time, caller', async () => {
    const lines: string[] = [];
    const { server, client } = await serve({}, { log: (line) => lines.push(line) });
    await client().send(new ListKeysCommand({}));
    await raw(server.endpoint, { method: 'GET', path: '/health' });
    await raw(server.endpoint, { target: 'TrentService.ListKeys', body: 'nope' });
    expect(lines).toEqual([
      expect.stringMatching(/^POST ListKeys 200 \d+ms arn:aws:iam::111122223333:root$/),
      expect.stringMatching(/^GET \/health 200 \d+ms -$/),
      expect.stringMatching(/^POST ListKeys 400 \d+ms arn:aws:iam::111122223333:root$/),
    ]);
  });
});
