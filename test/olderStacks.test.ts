import { CreateKeyCommand, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import type { ServiceInputTypes, ServiceOutputTypes } from '@aws-sdk/client-kms';
import type { FinalizeRequestMiddleware } from '@smithy/types';
import { KmsFake } from 'kms-fake';

/**
 * SDKs up to 3.451 at least have no httpAuthSchemeMiddleware: `awsAuthMiddleware`
 * (@aws-sdk/middleware-signing), relative after retryMiddleware and without aliases, resolves
 * credentials and signs. This rebuilds that shape on today's client; the real old SDKs are run by
 * `npm run test:compat`.
 */
function clientShapedLike3451(signed: string[]) {
  const client = new KMSClient({
    region: 'eu-west-1',
    maxAttempts: 1,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    requestHandler: {
      handle: () => Promise.resolve({ response: { statusCode: 200, headers: { 'x-amzn-requestid': 'real' }, body: new TextEncoder().encode('{"Keys":[]}') } }),
    },
  });
  client.middlewareStack.remove('httpSigningMiddleware');
  const awsAuthMiddleware: FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes> = (next, context) => (args) => {
    signed.push(String(context.commandName));
    return next(args);
  };
  client.middlewareStack.addRelativeTo(
    awsAuthMiddleware,
    { name: 'awsAuthMiddleware', tags: ['SIGNATURE', 'AWSAUTH'], relation: 'after', toMiddleware: 'retryMiddleware', override: true },
  );
  return client;
}

describe('a stack whose signing middleware is awsAuthMiddleware (SDK 3.451)', () => {
  it('is replaced while attached, and the undo puts it back exactly', async () => {
    const signed: string[] = [];
    const client = clientShapedLike3451(signed);
    const before = client.middlewareStack.identify();
    expect(before).toContain('awsAuthMiddleware - after retryMiddleware');
    const kms = new KmsFake();
    const detach = kms.attach(client);
    await client.send(new CreateKeyCommand({}));
    expect(signed).toEqual([]);
    detach();
    expect(client.middlewareStack.identify()).toEqual(before);
    const { $metadata } = await client.send(new ListKeysCommand({}));
    expect($metadata.requestId).toBe('real');
    expect(signed).toEqual(['ListKeysCommand']);
  });

  it('is replaced by the bare plugin too', async () => {
    const signed: string[] = [];
    const client = clientShapedLike3451(signed);
    client.middlewareStack.use(new KmsFake().plugin());
    await client.send(new ListKeysCommand({}));
    expect(signed).toEqual([]);
  });
});
