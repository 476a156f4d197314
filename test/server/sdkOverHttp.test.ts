import { createPublicKey, createVerify } from 'node:crypto';
import * as sdk from '@aws-sdk/client-kms';
import {
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EncryptCommand,
  GetPublicKeyCommand,
  KMSServiceException,
  ListKeysCommand,
  ScheduleKeyDeletionCommand,
  SignCommand,
  VerifyCommand,
} from '@aws-sdk/client-kms';
import { fastRetries } from 'kms-fake';
import { failure } from '../support/client';
import { closeServed, serve } from './support';

/** A real KMSClient with `endpoint: server.endpoint` and real SigV4 signing: the SDK cannot tell the fake from KMS. */

afterEach(closeServed);

describe('a KMSClient over HTTP', () => {
  it('creates a key, encrypts and decrypts with it', async () => {
    const { client } = await serve();
    const kms = client();
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    expect(KeyMetadata?.Arn).toMatch(/^arn:aws:kms:eu-west-1:111122223333:key\//);
    const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: Buffer.from('secret') }));
    const { Plaintext, KeyId } = await kms.send(new DecryptCommand({ CiphertextBlob }));
    expect(Buffer.from(Plaintext!).toString()).toBe('secret');
    expect(KeyId).toBe(KeyMetadata!.Arn);
  });

  it('signs, and the signature verifies with the public key outside the fake', async () => {
    const { client } = await serve();
    const kms = client();
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }));
    const Message = Buffer.from('the message');
    const { Signature } = await kms.send(new SignCommand({ KeyId: KeyMetadata!.KeyId, Message, SigningAlgorithm: 'ECDSA_SHA_256' }));
    const { SignatureValid } = await kms.send(new VerifyCommand({ KeyId: KeyMetadata!.KeyId, Message, Signature, SigningAlgorithm: 'ECDSA_SHA_256' }));
    expect(SignatureValid).toBe(true);
    const { PublicKey } = await kms.send(new GetPublicKeyCommand({ KeyId: KeyMetadata!.KeyId }));
    const publicKey = createPublicKey({ key: Buffer.from(PublicKey!), format: 'der', type: 'spki' });
    expect(createVerify('sha256').update(Message).verify(publicKey, Buffer.from(Signature!))).toBe(true);
  });

  it('lands each request in the region its signature names', async () => {
    const { client } = await serve({ defaultRegion: 'ap-south-1' });
    const ireland = client('eu-west-1');
    const oregon = client('us-west-2');
    const { KeyMetadata } = await ireland.send(new CreateKeyCommand({}));
    expect((await oregon.send(new ListKeysCommand({}))).Keys).toEqual([]);
    expect((await ireland.send(new ListKeysCommand({}))).Keys?.map((k) => k.KeyArn)).toEqual([KeyMetadata!.Arn]);
    const notHere = await failure(oregon.send(new DescribeKeyCommand({ KeyId: KeyMetadata!.Arn })));
    expect(notHere).toBeInstanceOf(sdk.NotFoundException);
  });

  it("lands an unsigned request in the fake's defaultRegion, as its default principal", async () => {
    const { kms, server } = await serve({ defaultRegion: 'ap-south-1', principal: 'arn:aws:iam::111122223333:role/ci' });
    const answer = await fetch(server.endpoint, { method: 'POST', headers: { 'x-amz-target': 'TrentService.CreateKey', 'content-type': 'application/x-amz-json-1.1' }, body: '{}' });
    expect(answer.status).toBe(200);
    const { KeyMetadata } = (await answer.json()) as { KeyMetadata: { Arn: string } };
    expect(KeyMetadata.Arn).toMatch(/^arn:aws:kms:ap-south-1:111122223333:key\//);
    expect(kms.calls().map((c) => [c.region, c.principal])).toEqual([['ap-south-1', 'arn:aws:iam::111122223333:role/ci']]);
  });

  it('records server calls in kms.calls(), with their region and caller', async () => {
    const { kms, client } = await serve();
    const { KeyMetadata } = await client('eu-central-1').send(new CreateKeyCommand({ Description: 'over http' }));
    await failure(client('eu-central-1').send(new DisableKeyCommand({ KeyId: 'alias/none' })));
    const calls = kms.calls();
    expect(calls.map((c) => [c.commandName, c.operation, c.region])).toEqual([
      ['CreateKeyCommand', 'CreateKey', 'eu-central-1'],
      ['DisableKeyCommand', 'DisableKey', 'eu-central-1'],
    ]);
    expect(calls[0]!.input).toEqual({ Description: 'over http' });
    expect(calls[0]!.output).toMatchObject({ KeyMetadata: { KeyId: KeyMetadata!.KeyId } });
    expect(calls[0]!.principal).toBe('arn:aws:iam::111122223333:root');
    expect(calls[1]!.error?.name).toBe('NotFoundException');
    expect(kms.commandCalls(CreateKeyCommand, { Description: 'over http' })).toHaveLength(1);
  });

  it("survives injected throttling through the SDK's own retries", async () => {
    const { kms, client } = await serve();
    kms.injectFault({ error: 'ThrottlingException', times: 2 });
    const { $metadata } = await client('eu-west-1', fastRetries(3)).send(new ListKeysCommand({}));
    expect($metadata.attempts).toBe(3);
    expect($metadata.httpStatusCode).toBe(200);
    // Each attempt is a request of its own to the server: history holds the two throttled ones too.
    expect(kms.calls().map((call) => call.error?.name ?? 'ok')).toEqual(['ThrottlingException', 'ThrottlingException', 'ok']);
  });
});

/** Every exception class the SDK models: the classes it exports that extend KMSServiceException. */
const modelledExceptions = Object.entries(sdk).filter(
  (entry): entry is [string, typeof KMSServiceException] =>
    typeof entry[1] === 'function' && entry[1] !== KMSServiceException && entry[1].prototype instanceof KMSServiceException,
);

describe('every modelled exception, deserialized by the SDK from the server', () => {
  it('covers a plausible number of classes', () => {
    expect(modelledExceptions.length).toBeGreaterThan(40);
  });

  it.each(modelledExceptions)('%s', async (name, exceptionClass) => {
    const { kms, client } = await serve();
    kms.on(ListKeysCommand).rejects(name);
    const error = await failure(client().send(new ListKeysCommand({})));
    expect(error).toBeInstanceOf(exceptionClass);
    expect(error.name).toBe(name);
  });
});

describe('key state over HTTP', () => {
  it('answers DisabledException for a disabled key', async () => {
    const { client } = await serve();
    const kms = client();
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    await kms.send(new DisableKeyCommand({ KeyId: KeyMetadata!.KeyId }));
    const error = await failure(kms.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: Buffer.from('x') })));
    expect(error).toBeInstanceOf(sdk.DisabledException);
    expect(error.message).toBe(`${KeyMetadata!.Arn} is disabled.`);
  });

  it('answers KMSInvalidStateException for a key pending deletion', async () => {
    const { client } = await serve();
    const kms = client();
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: KeyMetadata!.KeyId, PendingWindowInDays: 7 }));
    const error = await failure(kms.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: Buffer.from('x') })));
    expect(error).toBeInstanceOf(sdk.KMSInvalidStateException);
    expect(error.message).toBe(`${KeyMetadata!.Arn} is pending deletion.`);
  });
});
