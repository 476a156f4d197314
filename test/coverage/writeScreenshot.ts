/*
 * Regenerates docs/images/coverage-report.png, the README's picture of the coverage page.
 * Given a coverage.json (the README's is examples/coverage-app's jest run:
 * `npm run build && npx jest -c examples/coverage-app/jest.config.js`, then
 * `npx tsx test/coverage/writeScreenshot.ts examples/coverage-app/kms-fake-coverage/jest/coverage.json`),
 * it pictures that report; without one, the realistic fixture report.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { KmsCoverageReport } from '../../src/coverage/schema';
import { isBrowser, launchBrowser } from '../support/browser';
import { appReport } from './fixtures/app';
import { openReport } from './page';

const TESTED_FAILURE = '.cell.tested:not([data-outcome="Success"])';

async function main(reportFile: string | undefined): Promise<void> {
  const report = reportFile ? (JSON.parse(fs.readFileSync(reportFile, 'utf8')) as KmsCoverageReport) : appReport;
  const launched = await launchBrowser();
  if (!isBrowser(launched)) throw new Error(launched.unavailable);
  try {
    const opened = await openReport(await launched.newContext(), report);
    // Open the first tested failure, so the picture shows how a cell names the tests that reached it.
    await opened.page.locator(`tbody ${TESTED_FAILURE}`).first().locator('summary').click();
    // From the header down to that cell's operation (at least two operations): enough to read at
    // README width. The click scrolled; bounding boxes are relative to the window, so measure from the top.
    await opened.page.evaluate('window.scrollTo(0, 0)');
    const rows = opened.page.locator('tbody tr');
    let shown = 0;
    while ((await rows.nth(shown).locator(TESTED_FAILURE).count()) === 0) shown += 1;
    shown = Math.max(1, shown);
    const lastRow = await rows.nth(shown).boundingBox();
    if (!lastRow) throw new Error('the page has fewer than two operations');
    const target = path.join(__dirname, '../../docs/images/coverage-report.png');
    await opened.page.screenshot({ path: target, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: Math.ceil(lastRow.y + lastRow.height + 12) } });
    await opened.close();
    console.log(`wrote ${path.relative(process.cwd(), target)}`);
  } finally {
    await launched.close();
  }
}

void main(process.argv[2]);
