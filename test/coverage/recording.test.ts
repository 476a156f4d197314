import { CreateKeyCommand, DecryptCommand, DisableKeyCommand, EncryptCommand, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KmsFake } from 'kms-fake';
import { startCoverageRecording } from '../../src/coverage/recorder';
import { partsOf } from '../../src/kmsFake';
import { COVERAGE_DIR_ENV, type KmsCoverageRecord } from '../../src/coverage/record';
import { appDecrypt } from './support/app';

let dir: string;
let kms: KmsFake;
let client: KMSClient;
const runningTest = () => ({ file: expect.getState().testPath, name: expect.getState().currentTestName });

/** This test's records: one run directory serves the file (a worker keeps its file open until it ends). */
const records = (): KmsCoverageRecord[] =>
  readdirSync(dir)
    .flatMap((f) => readFileSync(path.join(dir, f), 'utf8').split('\n'))
    .filter(Boolean)
    .map((line) => JSON.parse(line) as KmsCoverageRecord)
    .filter((r) => r.test === expect.getState().currentTestName);

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kms-fake-recording-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(() => {
  kms = new KmsFake();
  client = new KMSClient({ region: 'eu-west-1' });
  kms.attach(client);
});

afterEach(() => kms.restore());

async function newKey(): Promise<{ keyId: string; ciphertext: Uint8Array }> {
  const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
  const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId!, Plaintext: new Uint8Array([1]) }));
  return { keyId: KeyMetadata!.KeyId!, ciphertext: CiphertextBlob! };
}

describe('recording calls for the coverage report', () => {
  it('tells a call by application code from the same call by the test itself', async () => {
    expect(startCoverageRecording(kms, runningTest, { [COVERAGE_DIR_ENV]: dir })).toBeDefined();
    const { ciphertext } = await newKey();
    await appDecrypt(client, ciphertext);
    await client.send(new DecryptCommand({ CiphertextBlob: ciphertext }));
    const decrypts = records().filter((r) => r.operation === 'Decrypt');
    expect(decrypts.map((r) => r.by)).toEqual(['application', 'test']);
    expect(decrypts[0]).toEqual({
      file: __filename,
      test: 'recording calls for the coverage report tells a call by application code from the same call by the test itself',
      operation: 'Decrypt',
      keyState: 'Enabled',
      keySpec: 'SYMMETRIC_DEFAULT',
      keyUsage: 'ENCRYPT_DECRYPT',
      by: 'application',
    });
    expect(records().filter((r) => r.operation !== 'Decrypt').every((r) => r.by === 'test')).toBe(true);
  });

  it('records the state of the key that made the call fail', async () => {
    startCoverageRecording(kms, runningTest, { [COVERAGE_DIR_ENV]: dir });
    const { keyId, ciphertext } = await newKey();
    await client.send(new DisableKeyCommand({ KeyId: keyId }));
    await expect(appDecrypt(client, ciphertext)).rejects.toHaveProperty('name', 'DisabledException');
    expect(records().at(-1)).toMatchObject({ operation: 'Decrypt', exception: 'DisabledException', keyState: 'Disabled', by: 'application' });
  });

  it('records what overrides and faults answered, with no key resolved', async () => {
    startCoverageRecording(kms, runningTest, { [COVERAGE_DIR_ENV]: dir });
    kms.on(DecryptCommand).rejectsOnce('KMSInvalidStateException');
    await expect(appDecrypt(client, new Uint8Array([1]))).rejects.toHaveProperty('name', 'KMSInvalidStateException');
    kms.injectFault({ error: 'KMSInternalException', command: ListKeysCommand });
    const noRetries = new KMSClient({ region: 'eu-west-1', maxAttempts: 1 });
    kms.attach(noRetries);
    await expect(noRetries.send(new ListKeysCommand({}))).rejects.toHaveProperty('name', 'KMSInternalException');
    const [overridden, faulted] = records();
    expect(overridden).toEqual(expect.objectContaining({ operation: 'Decrypt', exception: 'KMSInvalidStateException', by: 'application' }));
    expect(overridden).not.toHaveProperty('keyState');
    expect(faulted).toEqual(expect.objectContaining({ operation: 'ListKeys', exception: 'KMSInternalException', by: 'test' }));
  });

  it('finds the caller past more frames than the first capture takes', async () => {
    startCoverageRecording(kms, runningTest, { [COVERAGE_DIR_ENV]: dir });
    // Frames of code made by `new Function` name no file, so none of them decides, like a package's.
    type Send = (command: ListKeysCommand) => Promise<unknown>;
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- a fixed body: the point is frames with no file
    const wrapper = new Function('inner', 'return (command) => inner(command)') as (inner: Send) => Send;
    let send: Send = client.send.bind(client) as Send;
    for (let i = 0; i < 12; i++) send = wrapper(send);
    await send(new ListKeysCommand({}));
    expect(records().map((r) => [r.operation, r.by])).toEqual([['ListKeys', 'test']]);
  });

  it("writes a test's records once the test ends, and calls outside a test at once", async () => {
    const recording = startCoverageRecording(kms, runningTest, { [COVERAGE_DIR_ENV]: dir })!;
    recording.testStarts();
    await client.send(new ListKeysCommand({}));
    expect(records()).toEqual([]);
    recording.testEnds();
    expect(records().map((r) => r.operation)).toEqual(['ListKeys']);
    await client.send(new CreateKeyCommand({}));
    expect(records().map((r) => r.operation)).toEqual(['ListKeys', 'CreateKey']);
  });

  it('records nothing unless a reporter named a run directory', async () => {
    expect(startCoverageRecording(kms, runningTest, {})).toBeUndefined();
    expect(partsOf(kms).transport.observer).toBeUndefined();
    await newKey();
    expect(records()).toEqual([]);
  });
});

describe('recording under kms-fake/client-mock', () => {
  it("records the unstubbed calls its fake answers, told apart like the entries' calls", async () => {
    const { mockClient } = await import('kms-fake/client-mock');
    process.env[COVERAGE_DIR_ENV] = dir;
    const kmsMock = (() => {
      try {
        return mockClient(KMSClient);
      } finally {
        delete process.env[COVERAGE_DIR_ENV];
      }
    })();
    try {
      const mocked = new KMSClient({ region: 'eu-west-1' });
      const { KeyMetadata } = await mocked.send(new CreateKeyCommand({}));
      const { CiphertextBlob } = await mocked.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId!, Plaintext: new Uint8Array([1]) }));
      await appDecrypt(mocked, CiphertextBlob!);
      expect(records().map((r) => [r.operation, r.by])).toEqual([
        ['CreateKey', 'test'],
        ['Encrypt', 'test'],
        ['Decrypt', 'application'],
      ]);
    } finally {
      kmsMock.restore();
    }
  });
});
