import {
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  CreateKeyCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import { KmsFake } from 'kms-fake';
import { randomBytes } from 'node:crypto';
import type { DashboardCalls, DashboardKey, DashboardState } from '../../src/server/dashboard';
import { importMaterial } from '../support/importMaterial';
import { buildScene, type Scene } from './scene';
import { serveDashboard } from './serveDashboard';

const FIXED = Date.parse('2026-03-01T12:00:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;

let kms: KmsFake;
let east: KMSClient;
let west: KMSClient;
let server: Awaited<ReturnType<typeof serveDashboard>>;
let scene: Scene;

const client = (region: string) => {
  const made = new KMSClient({ region, maxAttempts: 1 });
  kms.attach(made);
  return made;
};
const get = (path: string) => fetch(server.origin + path);
const getJson = async <T>(path: string): Promise<T> => {
  const response = await get(path);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
};
const keyIn = (state: DashboardState, region: string, keyId: string): DashboardKey =>
  state.keys.find((key) => key.region === region && key.keyId === keyId)!;

beforeEach(async () => {
  kms = new KmsFake({ clock: () => FIXED });
  east = client('us-east-1');
  west = client('eu-west-1');
  server = await serveDashboard(kms);
  scene = await buildScene(kms, east, west);
});
afterEach(async () => {
  await server.close();
  kms.reset();
});

describe('GET /dashboard/api/state', () => {
  it('lists every key by account and region with its state, spec, aliases, rotation, multi-Region set and deletion date', async () => {
    const state = await getJson<DashboardState>('/dashboard/api/state');
    expect(state).toMatchObject({ now: new Date(FIXED).toISOString(), total: 6, offset: 0, limit: 500 });
    // eu-west-1 sorts before us-east-1; within a region, keys come in creation order.
    expect(state.keys.map((key) => [key.region, key.keyId])).toEqual([
      ['eu-west-1', scene.payments],
      ['eu-west-1', scene.retired],
      ['eu-west-1', scene.signer],
      ['us-east-1', scene.orders],
      ['us-east-1', scene.legacy],
      ['us-east-1', scene.payments],
    ]);
    expect(keyIn(state, 'us-east-1', scene.orders)).toEqual({
      accountId: '111122223333',
      region: 'us-east-1',
      keyId: scene.orders,
      arn: `arn:aws:kms:us-east-1:111122223333:key/${scene.orders}`,
      state: 'Enabled',
      keySpec: 'SYMMETRIC_DEFAULT',
      keyUsage: 'ENCRYPT_DECRYPT',
      origin: 'AWS_KMS',
      description: 'Order service data keys',
      creationDate: new Date(FIXED).toISOString(),
      aliases: ['alias/orders'],
      tags: [{ key: 'team', value: 'orders' }],
      rotation: { periodInDays: 180, nextRotationDate: new Date(FIXED + 180 * DAY_MS).toISOString() },
    });
    expect(keyIn(state, 'us-east-1', scene.legacy)).toMatchObject({ state: 'Disabled', aliases: ['alias/legacy'] });
    expect(keyIn(state, 'us-east-1', scene.legacy)).not.toHaveProperty('rotation');
    expect(keyIn(state, 'eu-west-1', scene.retired)).toMatchObject({
      state: 'PendingDeletion',
      deletionDate: new Date(FIXED + 7 * DAY_MS).toISOString(),
    });
    expect(keyIn(state, 'eu-west-1', scene.signer)).toMatchObject({ keySpec: 'ECC_NIST_P256', keyUsage: 'SIGN_VERIFY', aliases: [] });
    expect(keyIn(state, 'us-east-1', scene.payments).multiRegion).toEqual({ role: 'PRIMARY', primaryRegion: 'us-east-1', replicaRegions: ['eu-west-1'] });
    expect(keyIn(state, 'eu-west-1', scene.payments)).toMatchObject({
      state: 'Enabled',
      aliases: ['alias/payments'],
      multiRegion: { role: 'REPLICA', primaryRegion: 'us-east-1', replicaRegions: ['eu-west-1'] },
    });
  });

  it('pages with offset and limit, and answers 400 to a limit that is no whole number in range', async () => {
    const all = await getJson<DashboardState>('/dashboard/api/state');
    const page = await getJson<DashboardState>('/dashboard/api/state?offset=2&limit=3');
    expect(page).toMatchObject({ total: 6, offset: 2, limit: 3 });
    expect(page.keys).toEqual(all.keys.slice(2, 5));
    expect((await getJson<DashboardState>('/dashboard/api/state?offset=6')).keys).toEqual([]);
    for (const query of ['limit=-1', 'limit=abc', 'limit=1001', 'offset=1.5']) {
      const response = await get(`/dashboard/api/state?${query}`);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ message: expect.stringMatching(/must be a whole number from 0 to \d+$/) });
    }
  });

  it('follows the fake: a key made after the first look is in the next one', async () => {
    await getJson<DashboardState>('/dashboard/api/state');
    const { KeyMetadata } = await east.send(new CreateKeyCommand({ Description: '<img src=x onerror=alert(1)>' }));
    const state = await getJson<DashboardState>('/dashboard/api/state');
    expect(state.total).toBe(7);
    expect(keyIn(state, 'us-east-1', KeyMetadata!.KeyId!).description).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('GET /dashboard/api/calls', () => {
  it('lists each call with operation, key, outcome, principal and region, and then only what is new after the cursor', async () => {
    const first = await getJson<DashboardCalls>('/dashboard/api/calls');
    expect(first.more).toBe(false);
    expect(first.calls.map((call) => call.operation)).toEqual([
      'CreateKey', 'CreateAlias', 'EnableKeyRotation', 'CreateKey', 'CreateAlias', 'DisableKey', 'CreateKey', 'CreateAlias', 'ReplicateKey',
      'CreateAlias', 'CreateKey', 'CreateAlias', 'ScheduleKeyDeletion', 'CreateKey', 'Encrypt', 'Encrypt',
    ]);
    expect(first.calls.at(-1)).toEqual({
      seq: first.cursor,
      time: new Date(FIXED).toISOString(),
      operation: 'Encrypt',
      keyId: 'alias/legacy',
      outcome: 'error',
      exception: 'DisabledException',
      principal: 'arn:aws:iam::111122223333:root',
      region: 'us-east-1',
    });
    expect(first.calls[0]).toMatchObject({ operation: 'CreateKey', keyId: scene.orders, outcome: 'success' });
    expect(first.calls[12]).toMatchObject({ operation: 'ScheduleKeyDeletion', keyId: scene.retired, region: 'eu-west-1' });

    await west.send(new DescribeKeyCommand({ KeyId: 'alias/payments' }));
    const next = await getJson<DashboardCalls>(`/dashboard/api/calls?after=${first.cursor}`);
    expect(next.calls).toEqual([expect.objectContaining({ seq: first.cursor + 1, operation: 'DescribeKey', keyId: 'alias/payments', region: 'eu-west-1', outcome: 'success' })]);
    expect(next.cursor).toBe(first.cursor + 1);
    expect((await getJson<DashboardCalls>(`/dashboard/api/calls?after=${next.cursor}`)).calls).toEqual([]);
  });

  it('caps each answer and says there is more; after resetHistory, first moves past every earlier call', async () => {
    const page = await getJson<DashboardCalls>('/dashboard/api/calls?limit=5');
    expect(page).toMatchObject({ first: 1, cursor: 5, more: true });
    expect(page.calls.map((call) => call.seq)).toEqual([1, 2, 3, 4, 5]);
    kms.resetHistory();
    await east.send(new DescribeKeyCommand({ KeyId: scene.orders }));
    const after = await getJson<DashboardCalls>(`/dashboard/api/calls?after=${page.cursor}`);
    expect(after).toMatchObject({ first: 17, cursor: 17, more: false });
    expect(after.calls.map((call) => call.operation)).toEqual(['DescribeKey']);
  });

  it('sends a call in flight as pending and does not move the cursor past it until it has ended', async () => {
    let release: () => void = () => undefined;
    kms.on(DescribeKeyCommand).callsFake(() => new Promise((resolve) => (release = () => resolve({ KeyMetadata: { KeyId: scene.orders } }))));
    const { cursor } = await getJson<DashboardCalls>('/dashboard/api/calls');
    const inFlight = east.send(new DescribeKeyCommand({ KeyId: scene.orders }));
    await new Promise((resolve) => setImmediate(resolve));
    const during = await getJson<DashboardCalls>(`/dashboard/api/calls?after=${cursor}`);
    expect(during.calls).toEqual([expect.objectContaining({ operation: 'DescribeKey', outcome: 'pending' })]);
    expect(during.cursor).toBe(cursor);
    release();
    await inFlight;
    const ended = await getJson<DashboardCalls>(`/dashboard/api/calls?after=${during.cursor}`);
    expect(ended.calls).toEqual([expect.objectContaining({ operation: 'DescribeKey', outcome: 'success' })]);
    expect(ended.cursor).toBe(cursor + 1);
  });

  it('starts again from the oldest call for a cursor it never gave (a restarted server)', async () => {
    const answer = await getJson<DashboardCalls>('/dashboard/api/calls?after=9999');
    expect(answer.cursor).toBe(16);
    expect(answer.calls).toHaveLength(16);
  });
});

describe('secrets', () => {
  it('neither answer holds a plaintext, a ciphertext, a data key or imported material', async () => {
    const plaintext = randomBytes(24);
    const { CiphertextBlob } = await east.send(new EncryptCommand({ KeyId: 'alias/orders', Plaintext: plaintext }));
    await east.send(new DecryptCommand({ CiphertextBlob }));
    const dataKey = await east.send(new GenerateDataKeyCommand({ KeyId: scene.orders, KeySpec: 'AES_256' }));
    const external = (await east.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }))).KeyMetadata!.KeyId!;
    const material = randomBytes(32);
    await importMaterial(east, external, material);
    const secrets = [plaintext, CiphertextBlob!, dataKey.Plaintext!, dataKey.CiphertextBlob!, material];
    const answers = [await (await get('/dashboard/api/state')).text(), await (await get('/dashboard/api/calls')).text()];
    expect(answers[1]).toContain('ImportKeyMaterial');
    // A Decrypt that named no key lists the key the ciphertext named (its ARN, from the answer).
    const decrypt = (JSON.parse(answers[1]!) as DashboardCalls).calls.find((call) => call.operation === 'Decrypt');
    expect(decrypt?.keyId).toBe(`arn:aws:kms:us-east-1:111122223333:key/${scene.orders}`);
    for (const answer of answers) {
      for (const secret of secrets) {
        for (const form of [Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('hex')]) expect(answer).not.toContain(form);
      }
      expect(answer).not.toMatch(/Plaintext|CiphertextBlob|EncryptedKeyMaterial|ImportToken|"policy"/i);
    }
  });
});

describe('routes', () => {
  it('serves the page, script and styles under a Content-Security-Policy that allows no inline code', async () => {
    for (const [path, type] of [['/', 'text/html'], ['/dashboard/app.js', 'text/javascript'], ['/dashboard/app.css', 'text/css'], ['/dashboard/favicon.svg', 'image/svg+xml']] as const) {
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain(type);
      expect(response.headers.get('content-security-policy')).toBe(
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      );
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const page = await (await get('/')).text();
    expect(page).not.toMatch(/<script>|<style|\sstyle=|\son\w+=/);
    expect(await (await get('/dashboard/app.js')).text()).not.toContain('innerHTML');
  });

  it('leaves every other path and method to the server (which answers 404 here)', async () => {
    expect((await get('/dashboard/nope')).status).toBe(404);
    expect((await get('/favicon.ico')).status).toBe(404);
    expect((await fetch(server.origin + '/dashboard/api/state', { method: 'POST' })).status).toBe(404);
  });
});
