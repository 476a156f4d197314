// The coverage report's page at scale (60 operations × 40 outcomes, 1000 tests): how long
// renderCoverageHtml takes in node, how large the page is, and, where a headless Chromium starts,
// how long the page takes from disk to first paint and to load. Run:
//   node --import tsx bench/coverageHtml.ts
import { renderCoverageHtml } from '../src/coverage/html';
import { isBrowser, launchBrowser } from '../test/support/browser';
import { openReport } from '../test/coverage/page';
import { largeReport } from '../test/coverage/fixtures/large';
import { table } from './scaleSupport';
import { median, range } from './stats';

const ROUNDS = 7;
const BROWSER_ROUNDS = 3;

interface Timings {
  readonly firstPaint: number;
  readonly domContentLoaded: number;
  readonly load: number;
}

/** The page's own navigation and paint timings (ms from navigation start), read in the page. */
const timingsInPage = `new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => {
  const navigation = performance.getEntriesByType('navigation')[0];
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  resolve({ firstPaint: paint ? paint.startTime : NaN, domContentLoaded: navigation.domContentLoadedEventEnd, load: navigation.loadEventEnd });
})))`;

async function browserRows(): Promise<string[][]> {
  const launched = await launchBrowser();
  if (!isBrowser(launched)) return [['in Chromium: not measured', launched.unavailable, '']];
  try {
    const context = await launched.newContext();
    const timings: Timings[] = [];
    for (let round = 0; round < BROWSER_ROUNDS; round += 1) {
      const opened = await openReport(context, largeReport());
      timings.push(await opened.page.evaluate<Timings>(timingsInPage));
      await opened.close();
    }
    const row = (label: string, pick: (timing: Timings) => number) => {
      const values = timings.map(pick);
      return [label, `${median(values).toFixed(0)} ms`, `${range(values, 0)} ms`];
    };
    return [row('in Chromium: first contentful paint', (t) => t.firstPaint), row('in Chromium: DOMContentLoaded', (t) => t.domContentLoaded), row('in Chromium: load', (t) => t.load)];
  } finally {
    await launched.close();
  }
}

async function main(): Promise<void> {
  const report = largeReport();
  const durations: number[] = [];
  let bytes = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = performance.now();
    bytes = Buffer.byteLength(renderCoverageHtml(report));
    durations.push(performance.now() - started);
  }
  console.log(`coverage page: ${report.summary.operations} operations, ${report.summary.outcomes} outcomes, ${report.summary.applicationCalls} test references; ${(bytes / 1024 / 1024).toFixed(2)} MiB`);
  table(['', 'median', 'range'], [['renderCoverageHtml (node)', `${median(durations).toFixed(0)} ms`, `${range(durations, 0)} ms`], ...(await browserRows())]);
}

void main();
