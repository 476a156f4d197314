import { EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { installKmsFake, type KmsFake } from 'kms-fake';
import { kmsFake } from 'kms-fake/jest';
import { ensureKey, kmsClient, wrapSecret } from '../src/keyring';

// The setup file's fake holds KMSClient as soon as this file imports the SDK. A file written for
// a fake of its own (a migration from installKmsFake or aws-sdk-client-mock) must not have it
// silently replaced, nor silently replace it. The SDK's own `send` lives on its base class.
const sdkSend = Object.getPrototypeOf(KMSClient.prototype).send as unknown;

let sendBeforeInstall: unknown;
let stackBeforeInstall: string[];
let mine: KmsFake | undefined;

beforeAll(() => {
  sendBeforeInstall = KMSClient.prototype.send;
  stackBeforeInstall = kmsClient.middlewareStack.identify();
});

afterAll(() => {
  mine?.restore(); // a no-op when the tests below already restored it
});

// Tests of one file run in order; each step builds on the one before.
it('a second installKmsFake on the class the setup file holds is refused, naming the fix', () => {
  expect(() => installKmsFake(KMSClient)).toThrow(/^\[kms-fake\] KMSClient is already faked by another KmsFake .*kmsFake.*override: true/);
});

it('with override: true, the latest install answers every client of the class', async () => {
  mine = installKmsFake(KMSClient, { accountId: '444455556666', override: true });
  await ensureKey();
  await wrapSecret('hunter2');
  expect(mine).toHaveReceivedCommandWith(EncryptCommand, { KeyId: 'alias/app' });
  expect(mine.calls()[1]!.output).toMatchObject({ KeyMetadata: { AWSAccountId: '444455556666' } });
  expect(kmsFake).not.toHaveReceivedAnyCommand();
});

it('restore() puts back the exact send it found', async () => {
  mine!.restore();
  expect(KMSClient.prototype.send).toBe(sendBeforeInstall);
  await ensureKey(); // the setup file's fake answers again
  expect(kmsFake.calls()).toHaveLength(3);
  expect(mine!.calls()).toHaveLength(4);
});

it('with the setup file fake restored too, the class and the client are the SDK own', () => {
  kmsFake.restore();
  expect(Object.getOwnPropertyDescriptor(KMSClient.prototype, 'send')).toBeUndefined();
  expect(KMSClient.prototype.send).toBe(sdkSend);
  expect(kmsClient.middlewareStack.identify()).toEqual(stackBeforeInstall);
});
