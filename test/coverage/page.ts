import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import type { KmsCoverageReport } from '../../src/coverage/schema';
import { renderCoverageHtml } from '../../src/coverage/html';

/** A report's page, opened from disk as a person would open `kms-fake-coverage/index.html`. */
export interface OpenedReport {
  readonly page: Page;
  readonly url: string;
  /** Every URL the page requested, the file itself included. */
  readonly requests: readonly string[];
  /** Console errors and uncaught page errors (a CSP refusal is one). */
  readonly errors: readonly string[];
  close(): Promise<void>;
}

/**
 * Writes the page to a fresh temp dir and opens it 1280 px wide (900 high unless told); `close` removes both. Pages
 * share one browser context: the single-process Chromium of `@sparticuz/chromium` exits when a
 * context closes.
 */
export async function openReport(
  context: BrowserContext,
  report: KmsCoverageReport,
  options: { colorScheme?: 'light' | 'dark'; height?: number } = {},
): Promise<OpenedReport> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-fake-coverage-'));
  const file = path.join(directory, 'index.html');
  fs.writeFileSync(file, renderCoverageHtml(report));
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: options.height ?? 900 });
  await page.emulateMedia({ colorScheme: options.colorScheme ?? 'light' });
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  const url = pathToFileURL(file).href;
  await page.goto(url);
  return {
    page,
    url,
    requests,
    errors,
    async close() {
      await page.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
