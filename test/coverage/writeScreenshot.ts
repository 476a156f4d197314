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
    // Open two tested cells, so the picture shows how a cell names the tests that reached it.
    for (const summary of await opened.page.locator('[data-operation="Decrypt"] .cell.tested summary').all()) {
      if ((await summary.textContent())?.includes('InvalidCiphertextException')) await summary.click();
    }
    const target = path.join(__dirname, '../../docs/images/coverage-report.png');
    await opened.page.screenshot({ path: target, fullPage: true });
    await opened.close();
    console.log(`wrote ${path.relative(process.cwd(), target)}`);
  } finally {
    await launched.close();
  }
}

void main();
