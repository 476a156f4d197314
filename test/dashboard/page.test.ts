import { CreateKeyCommand, DescribeKeyCommand, KMSClient, TagResourceCommand } from '@aws-sdk/client-kms';
import { KmsFake, type KmsFakeServer } from 'kms-fake';
import type { Browser, Page } from 'playwright-core';
import { isBrowser, launchBrowser } from '../support/browser';
import { buildScene, type Scene } from './scene';

/**
 * The dashboard in a real headless Chromium, served by `kms.listen()`, with every call going
 * through the server from KMSClients, as another process would make them.
 */

const APP_ROLE = 'arn:aws:iam::111122223333:role/app';
const HOSTILE = '<img src=x onerror="document.title=\'owned\'">';

let launched: Browser | { unavailable: string };
/** One page for the whole file: with the single-process Chromium, closing the last page ends the browser. */
let page: Page | undefined;
/** What the page logged as an error or a warning during the current test. */
const problems: string[] = [];
let kms: KmsFake;
let server: KmsFakeServer;
let east: KMSClient;
let west: KMSClient;
let scene: Scene;

const client = (region: string, accessKeyId: string) =>
  new KMSClient({ region, endpoint: server.endpoint, maxAttempts: 1, credentials: { accessKeyId, secretAccessKey: 'x' } });

beforeAll(async () => {
  launched = await launchBrowser();
  if (!isBrowser(launched)) return;
  page = await launched.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
}, 60_000);
afterAll(async () => {
  if (isBrowser(launched)) await launched.close();
});

beforeEach(async () => {
  kms = new KmsFake();
  server = await kms.listen({ principals: { AKIDAPPEXAMPLE: APP_ROLE } });
  east = client('us-east-1', 'AKIDAPPEXAMPLE');
  west = client('eu-west-1', 'AKIDEXAMPLE');
  scene = await buildScene(kms, east, west);
  await east.send(new TagResourceCommand({ KeyId: scene.orders, Tags: [{ TagKey: 'note', TagValue: HOSTILE }] }));
});
afterEach(async () => {
  east.destroy();
  west.destroy();
  await server.close();
  kms.reset();
});

/**
 * Runs `use` on a fresh page of the dashboard, then asserts the page logged no error. Where no
 * browser can start (and CI's KMS_FAKE_REQUIRE_BROWSER=1 is not set), it says why instead.
 */
async function onDashboard(use: (page: Page) => Promise<void>): Promise<void> {
  if (!isBrowser(launched) || !page) {
    const reason = isBrowser(launched) ? 'the browser gave no page' : launched.unavailable;
    console.warn(`dashboard page test not run: ${reason}`);
    expect(reason).not.toBe('');
    return;
  }
  problems.length = 0;
  await page.goto(server.endpoint);
  await use(page);
  // Leaves the page before the server closes, so its polling does not log a failed fetch.
  await page.goto('about:blank');
  expect(problems).toEqual([]);
}

const keyRow = (page: Page, region: string, keyId: string) =>
  page.locator(`#keys h3:text-is("Account 111122223333 · ${region}") + table tr[data-key-id="${keyId}"]`);
/** The one browser global used here (this project compiles without the DOM library). */
interface BrowserWindow {
  getComputedStyle(element: unknown): { backgroundColor: string };
}
const cellTexts = (page: Page, selector: string) => page.locator(selector).allInnerTexts();
const callRows = (page: Page) => page.locator('#calls tbody tr');

describe('the dashboard page', () => {
  it('shows the keys by account and region, with state, aliases, rotation, multi-Region role and deletion date', () =>
    onDashboard(async (page) => {
      await page.locator(`tr[data-key-id="${scene.signer}"]`).waitFor();
      expect(await cellTexts(page, '#keys h3')).toEqual(['Account 111122223333 · eu-west-1', 'Account 111122223333 · us-east-1']);
      const orders = keyRow(page, 'us-east-1', scene.orders).locator('td');
      expect(await orders.allInnerTexts()).toEqual([
        `${scene.orders}\nOrder service data keys`, 'Enabled', 'SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT', 'alias/orders',
        expect.any(String), expect.stringMatching(/^every 180 d, next \d{4}-\d\d-\d\d$/), '', '',
      ]);
      expect(await orders.nth(5).locator('.chip').allInnerTexts()).toEqual(['team=orders', `note=${HOSTILE}`]);
      expect(await keyRow(page, 'us-east-1', scene.legacy).locator('.state').innerText()).toBe('Disabled');
      const retired = keyRow(page, 'eu-west-1', scene.retired);
      expect(await retired.locator('.state').innerText()).toBe('PendingDeletion');
      expect(await retired.locator('td').last().innerText()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      expect(await keyRow(page, 'us-east-1', scene.payments).locator('td').nth(7).innerText()).toBe('primary; replicas eu-west-1');
      expect(await keyRow(page, 'eu-west-1', scene.payments).locator('td').nth(7).innerText()).toBe('replica of us-east-1');
      // Each state has its own look.
      const colours = await Promise.all(['Enabled', 'Disabled', 'PendingDeletion'].map((state) =>
        page.locator(`.state-${state}`).first().evaluate((badge) => (globalThis as unknown as BrowserWindow).getComputedStyle(badge).backgroundColor)));
      expect(new Set(colours).size).toBe(3);
    }));

  it('renders markup in a tag value as text: no element is made and nothing runs', () =>
    onDashboard(async (page) => {
      const tags = page.locator(`tr[data-key-id="${scene.orders}"] .chip`, { hasText: 'note=' });
      await tags.waitFor();
      expect(await tags.innerText()).toBe(`note=${HOSTILE}`);
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.title()).toBe('kms-fake dashboard');
    }));

  it('lists a new call without a reload, newest first, with its principal and region', () =>
    onDashboard(async (page) => {
      await callRows(page).first().waitFor();
      const before = await callRows(page).count();
      await east.send(new DescribeKeyCommand({ KeyId: 'alias/payments' }));
      const newest = callRows(page).first().filter({ hasText: 'DescribeKey' });
      await newest.waitFor();
      expect((await newest.locator('td').allInnerTexts()).slice(1)).toEqual(['DescribeKey', 'alias/payments', 'success', APP_ROLE, 'us-east-1']);
      expect(await callRows(page).count()).toBe(before + 1);
    }));

  it('filters the calls by operation, outcome and key', () =>
    onDashboard(async (page) => {
      await page.locator('#filter-outcome option[value="exception:DisabledException"]').waitFor({ state: 'attached' });
      const total = kms.calls().length;
      expect(await callRows(page).count()).toBe(total);

      await page.selectOption('#filter-operation', 'CreateAlias');
      expect(await cellTexts(page, '#calls tbody td:nth-child(2)')).toEqual(Array(5).fill('CreateAlias'));

      await page.selectOption('#filter-operation', '');
      await page.selectOption('#filter-outcome', 'exception:DisabledException');
      expect(await cellTexts(page, '#calls tbody td:nth-child(3)')).toEqual(['alias/legacy']);
      await page.selectOption('#filter-outcome', 'error');
      expect(await cellTexts(page, '#calls tbody td:nth-child(4)')).toEqual(['DisabledException']);
      await page.selectOption('#filter-outcome', 'success');
      expect(await callRows(page).count()).toBe(total - 1);

      // By alias: the calls naming the alias and those naming its key's ID; the keys table narrows too.
      await page.selectOption('#filter-outcome', '');
      await page.fill('#filter-key', 'alias/legacy');
      expect(await cellTexts(page, '#calls tbody td:nth-child(2)')).toEqual(['Encrypt', 'DisableKey', 'CreateAlias', 'CreateKey']);
      const keyRows = await page.locator('#keys tr[data-key-id]').all();
      expect(await Promise.all(keyRows.map((row) => row.getAttribute('data-key-id')))).toEqual([scene.legacy]);
      await page.fill('#filter-key', 'no-such-key');
      expect(await callRows(page).count()).toBe(0);
      expect(await page.locator('#calls-empty').innerText()).toBe('No call matches the filters.');
    }));

  it('shows 500 keys at a time, with Previous and Next beyond that', () =>
    onDashboard(async (page) => {
      // In-process, so 500 keys take a moment rather than 500 HTTP round trips.
      const local = new KMSClient({ region: 'ap-south-1' });
      kms.attach(local);
      for (let i = 0; i < 500; i++) await local.send(new CreateKeyCommand({}));
      await page.reload();
      await page.locator('#keys-pager:not([hidden])').waitFor();
      expect(await page.locator('#keys-range').innerText()).toBe('1–500 of 506');
      expect(await page.locator('#keys-prev').isDisabled()).toBe(true);
      await page.click('#keys-next');
      await page.locator('#keys-range:text-is("501–506 of 506")').waitFor();
      expect(await page.locator('#keys tr[data-key-id]').count()).toBe(6);
      // ap-south-1 sorts first and fills page one.
      expect(await cellTexts(page, '#keys h3')).toEqual(['Account 111122223333 · eu-west-1', 'Account 111122223333 · us-east-1']);
      expect(await page.locator('#keys-next').isDisabled()).toBe(true);
      await page.click('#keys-prev');
      await page.locator('#keys-range:text-is("1–500 of 506")').waitFor();
    }), 30_000);
});
