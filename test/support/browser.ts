import type { Browser } from 'playwright-core';

/**
 * A headless Chromium for the tests that must see a page as a person would (the dashboard, the
 * coverage report). The binary ships inside the `@sparticuz/chromium` registry package, so
 * nothing downloads at run time. Where no browser can start here, `launchBrowser` resolves to a
 * reason instead; the suites then fail if `KMS_FAKE_REQUIRE_BROWSER=1` (CI sets it) and otherwise
 * say why they did not run.
 */
export async function launchBrowser(): Promise<Browser | { unavailable: string }> {
  try {
    const [{ chromium: playwright }, sparticuz] = await Promise.all([import('playwright-core'), import('@sparticuz/chromium')]);
    const chromium = sparticuz.default;
    return await playwright.launch({
      executablePath: await chromium.executablePath(),
      // Its own flags, plus what a closed network needs: no background connections at start.
      args: [...chromium.args, '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      headless: true,
    });
  } catch (error) {
    const reason = `no headless Chromium could start here: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    if (process.env.KMS_FAKE_REQUIRE_BROWSER === '1') throw new Error(reason);
    return { unavailable: reason };
  }
}

/** True when `launchBrowser` gave a browser. */
export const isBrowser = (launched: Browser | { unavailable: string }): launched is Browser => !('unavailable' in launched);
