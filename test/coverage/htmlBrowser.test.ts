import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { KmsCoverageReport } from '../../src/coverage/schema';
import { palette } from '../../src/coverage/html/styles';
import { isBrowser, launchBrowser } from '../support/browser';
import { countColour, decodePng, type DecodedPng } from '../support/png';
import { largeReport } from './fixtures/large';
import { injectedTestName, smallReport } from './fixtures/small';
import { thresholdsMissingReport } from './fixtures/thresholdsMissing';
import { openReport, type OpenedReport } from './page';

// Starting Chromium takes a few seconds on a loaded 2-core runner.
jest.setTimeout(30_000);

let launched: Browser | { unavailable: string } = { unavailable: 'the browser has not been launched yet' };
let context: BrowserContext | undefined;

beforeAll(async () => {
  launched = await launchBrowser();
  if (isBrowser(launched)) context = await launched.newContext();
});

afterAll(async () => {
  if (isBrowser(launched)) await launched.close();
});

/**
 * A test that needs the browser. Where none could start (and CI's KMS_FAKE_REQUIRE_BROWSER=1 did
 * not make that fail in `launchBrowser`), it reports why instead of passing as if it had looked.
 */
function inBrowser(name: string, report: KmsCoverageReport, check: (opened: OpenedReport) => Promise<void>, view: { colorScheme?: 'light' | 'dark'; height?: number } = {}): void {
  test(name, async () => {
    if (!isBrowser(launched) || !context) {
      const reason = isBrowser(launched) ? 'no browser context' : launched.unavailable;
      console.warn(`not checked in a browser (${name}): ${reason}`);
      expect(reason).toMatch(/^no headless Chromium could start here: ./);
      return;
    }
    const opened = await openReport(context, report, view);
    try {
      await check(opened);
    } finally {
      await opened.close();
    }
  });
}

/** Every request the page made other than for its own file: there must be none. */
const elsewhere = (opened: OpenedReport): readonly string[] => opened.requests.filter((url) => url !== opened.url);

/** The window is made tall enough for the whole table, so a clip of the page is the table as drawn. */
const screenshotView = { height: 1600 } as const;

/** The table's screenshot, decoded, and the box it was cut from (a page clip: faster than an element screenshot). */
async function tableShot(page: Page): Promise<{ image: DecodedPng; box: { width: number; height: number } }> {
  const box = await page.getByRole('table').boundingBox();
  if (!box) throw new Error('the table is not drawn');
  return { image: decodePng(await page.screenshot({ clip: box })), box };
}

describe('the coverage page, opened from disk in a headless browser', () => {
  inBrowser('has a row per operation, headed by its name, most untested first', smallReport, async ({ page }) => {
    const table = page.getByRole('table');
    expect(await table.getByRole('rowheader').allInnerTexts()).toEqual(['Encrypt', 'Decrypt']);
    expect(await table.getByRole('row').count()).toBe(1 + smallReport.operations.length);
    expect(await table.getByRole('columnheader').allInnerTexts()).toEqual(['OPERATION', 'TESTED', 'OUTCOMES']);
  });

  inBrowser('tells tested from untested cells by their labelled marks, as many as the report counts', smallReport, async ({ page }) => {
    const table = page.getByRole('table');
    expect(await table.getByRole('img', { name: 'tested', exact: true }).count()).toBe(smallReport.summary.tested);
    expect(await table.getByRole('img', { name: 'untested', exact: true }).count()).toBe(smallReport.summary.outcomes - smallReport.summary.tested);
    expect(await table.getByText('never tested', { exact: true }).count()).toBe(smallReport.summary.outcomes - smallReport.summary.tested);
    const decryptKeyStates = page.getByRole('list', { name: 'Decrypt: key states' });
    expect(await decryptKeyStates.getByRole('listitem').allInnerTexts()).toEqual([
      '✓\nDisabled\nDisabledException\n1 test · 1 call',
      '✗\nPendingDeletion\nKMSInvalidStateException\nnever tested',
    ]);
  });

  inBrowser('opening a tested cell shows the names of the tests that reached it, a markup name as plain text', smallReport, async ({ page }) => {
    const success = page.getByRole('list', { name: 'Decrypt: success' }).getByRole('listitem').first();
    const injected = page.getByText(injectedTestName, { exact: true });
    const roundTrip = success.getByText('decryptSecret opens what encryptSecret sealed', { exact: true });
    expect(await roundTrip.isVisible()).toBe(false);
    await success.getByText('2 tests · 3 calls').click();
    expect(await roundTrip.isVisible()).toBe(true);
    expect(await injected.isVisible()).toBe(true);
    expect(await success.locator('.tests').innerText()).toBe(`test/secrets.test.ts\n${injectedTestName}\ndecryptSecret opens what encryptSecret sealed`);
    // The injected name made no element: the page has no <img> and no `onerror` attribute anywhere.
    expect(await page.locator('img, [onerror]').count()).toBe(0);
  });

  inBrowser('makes no request but for its own file, and logs no error (a refused stylesheet would log one)', smallReport, async (opened) => {
    await opened.page.getByRole('list', { name: 'Decrypt: success' }).getByRole('listitem').first().click();
    expect(opened.requests).toEqual([opened.url]);
    expect(elsewhere(opened)).toEqual([]);
    expect(opened.errors).toEqual([]);
    // The stylesheet applied (the CSP hash matched): a tested cell has its colour.
    const cell = await opened.page.locator('.cell.tested').first().screenshot();
    expect(countColour(decodePng(cell), palette.light.testedCell)).toBeGreaterThan(100);
  });

  inBrowser('leads with missing thresholds, naming each missing outcome', thresholdsMissingReport, async ({ page }) => {
    const thresholds = page.getByRole('region', { name: /thresholds not met/ });
    expect(await thresholds.getByRole('heading').innerText()).toBe('2 of 3 thresholds not met: these outcomes were never tested');
    expect(await thresholds.getByRole('listitem').allInnerTexts()).toEqual([
      'Decrypt missing KMSInvalidStateException@PendingDeletion',
      'Sign missing Success',
      'Encrypt met: Success',
    ]);
    expect(await page.getByRole('rowheader', { name: /Decrypt/ }).innerText()).toContain('threshold missing');
  });

  const large = largeReport();
  inBrowser('stays usable for 60 operations × 40 outcomes and 1000 tests', large, async ({ page, errors, requests, url }) => {
    // CSS locators here: role queries walk the accessibility tree of 2400 cells, slowly.
    const table = page.locator('table');
    expect(await table.locator('tbody th[scope=row]').count()).toBe(60);
    expect(await table.locator('[role=img][aria-label=tested]').count()).toBe(large.summary.tested);
    expect(await table.locator('[role=img][aria-label=untested]').count()).toBe(large.summary.outcomes - large.summary.tested);
    // The jump list brings the last row (the smallest gap) to the top of the window.
    const lastName = [...large.operations].sort((a, b) => a.total - a.tested - (b.total - b.tested) || (a.operation < b.operation ? 1 : -1))[0]?.operation ?? 'none';
    await page.getByRole('navigation', { name: 'Operations' }).getByRole('link', { name: new RegExp(`^${lastName} `) }).click();
    const last = table.locator('tbody tr').last();
    expect(await last.getAttribute('data-operation')).toBe(lastName);
    const top = (await last.boundingBox())?.y ?? -1;
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(100);
    await last.locator('.cell.tested summary').first().click();
    const firstTest = large.operations.find((operation) => operation.operation === lastName)?.outcomes.find((outcome) => outcome.tested)?.tests[0]?.name ?? 'none';
    expect(await last.locator('details[open] .tests li').first().innerText()).toBe(firstTest);
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
  });
});

describe('a screenshot of the table', () => {
  inBrowser('is the table, with tested and untested cells each filling a fair share of it', smallReport, async ({ page }) => {
    const { image, box } = await tableShot(page);
    expect(Math.abs(image.width - box.width)).toBeLessThanOrEqual(1);
    expect(Math.abs(image.height - box.height)).toBeLessThanOrEqual(1);
    expect(image.width).toBeGreaterThan(1000);
    const area = image.width * image.height;
    // 4 tested and 5 untested cells of about 230 × 40 px each, in a table about 1230 × 600 px.
    expect(countColour(image, palette.light.testedCell) / area).toBeGreaterThan(0.02);
    expect(countColour(image, palette.light.untestedCell) / area).toBeGreaterThan(0.02);
  }, screenshotView);

  const untested: KmsCoverageReport = {
    ...smallReport,
    summary: { ...smallReport.summary, tested: 0 },
    operations: smallReport.operations.map((operation) => ({
      ...operation,
      tested: 0,
      outcomes: operation.outcomes.map((outcome) => ({ ...outcome, tested: false, calls: 0, tests: [] })),
    })),
  };
  inBrowser('of a report where nothing was tested has no tested colour at all', untested, async ({ page }) => {
    const { image } = await tableShot(page);
    expect(countColour(image, palette.light.testedCell)).toBe(0);
    expect(countColour(image, palette.light.untestedCell) / (image.width * image.height)).toBeGreaterThan(0.02);
  }, screenshotView);

  inBrowser('in a dark colour scheme uses the dark colours', smallReport, async ({ page }) => {
    const { image } = await tableShot(page);
    expect(countColour(image, palette.dark.testedCell)).toBeGreaterThan(1000);
    expect(countColour(image, palette.dark.untestedCell)).toBeGreaterThan(1000);
    expect(countColour(image, palette.light.testedCell)).toBe(0);
  }, { ...screenshotView, colorScheme: 'dark' });
});
