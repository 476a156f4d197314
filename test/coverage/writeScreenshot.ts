/*
 * Regenerates docs/images/coverage-report.png, the README's picture of the coverage page, from
 * the realistic fixture report: `npx tsx test/coverage/writeScreenshot.ts`.
 */
import path from 'node:path';
import { isBrowser, launchBrowser } from '../support/browser';
import { appReport } from './fixtures/app';
import { openReport } from './page';

async function main(): Promise<void> {
  const launched = await launchBrowser();
  if (!isBrowser(launched)) throw new Error(launched.unavailable);
  try {
    const opened = await openReport(await launched.newContext(), appReport);
    // Open a tested cell, so the picture shows how a cell names the tests that reached it.
    await opened.page.locator('[data-operation="Decrypt"] [data-outcome="InvalidCiphertextException"] summary').click();
    // The header and the first two operations: enough to read at README width. The click
    // scrolled; bounding boxes are relative to the window, so measure from the top.
    await opened.page.evaluate('window.scrollTo(0, 0)');
    const secondRow = await opened.page.locator('tbody tr').nth(1).boundingBox();
    if (!secondRow) throw new Error('the page has fewer than two operations');
    const target = path.join(__dirname, '../../docs/images/coverage-report.png');
    await opened.page.screenshot({ path: target, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: Math.ceil(secondRow.y + secondRow.height + 12) } });
    await opened.close();
    console.log(`wrote ${path.relative(process.cwd(), target)}`);
  } finally {
    await launched.close();
  }
}

void main();
