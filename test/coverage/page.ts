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
 * Writes the page to a fresh temp dir and opens it 1280 px wide (900 high unless told); `close`
 * removes both, and so does a failure to open. Pages share one browser context: the
 * single-process Chromium of `@sparticuz/chromium` exits when a context closes.
 */
export async function openReport(
  context: BrowserContext,
  report: KmsCoverageReport,
  options: { colorScheme?: 'light' | 'dark'; height?: number } = {},
): Promise<OpenedReport> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-fake-coverage-'));
  const removeDirectory = () => fs.rmSync(directory, { recursive: true, force: true });
  try {
    const file = path.join(directory, 'index.html');
    fs.writeFileSync(file, renderCoverageHtml(report));
    const opened = await openFile(context, pathToFileURL(file).href, options);
    return {
      ...opened,
      async close() {
        try {
          await opened.page.close();
        } finally {
          removeDirectory();
        }
      },
    };
  } catch (error) {
    removeDirectory();
    throw error;
  }
}

async function openFile(context: BrowserContext, url: string, options: { colorScheme?: 'light' | 'dark'; height?: number }): Promise<Omit<OpenedReport, 'close'>> {
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await page.setViewportSize({ width: 1280, height: options.height ?? 900 });
    await page.emulateMedia({ colorScheme: options.colorScheme ?? 'light' });
    await page.goto(url);
  } catch (error) {
    await page.close().catch(() => undefined);
    throw error;
  }
  return { page, url, requests, errors };
}
