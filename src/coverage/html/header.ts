import type { KmsCoverageReport, KmsCoverageThreshold } from '../schema';
import { html, type Markup } from './escape';

/**
 * A share as a whole percentage, rounded down so that a report with anything untested never
 * reads 100%.
 *
 * @internal
 * @example
 * ```ts
 * percentOf(199, 200); // '99%'
 * ```
 */
export const percentOf = (tested: number, total: number): string => (total === 0 ? '–' : `${Math.floor((tested * 100) / total)}%`);

/**
 * The page's header: the totals a reader wants first, then the thresholds, most prominent when
 * one is missing.
 *
 * @internal
 * @example
 * ```ts
 * html`<header>${reportHeader(report)}</header>`;
 * ```
 */
export function reportHeader(report: KmsCoverageReport): Markup {
  const { summary } = report;
  return html`<h1>KMS outcome coverage</h1>
<dl class="totals">
<div class="headline"><dt>Outcomes tested</dt><dd>${percentOf(summary.tested, summary.outcomes)} <span class="muted">· ${summary.tested} of ${summary.outcomes}</span>${meter(summary.tested, summary.outcomes, 'All operations')}</dd></div>
<div><dt>Operations</dt><dd>${summary.operations}</dd></div>
<div><dt>Application calls</dt><dd>${summary.applicationCalls}</dd></div>
<div><dt>Test-code calls</dt><dd>${summary.testCodeCalls} <span class="muted">not counted</span></dd></div>
</dl>
${thresholdSection(report.thresholds)}`;
}

/**
 * A bar of tested over total: a native `<meter>`, so it needs no script and no inline style
 * (which the page's CSP would refuse).
 *
 * @internal
 * @example
 * ```ts
 * meter(3, 12, 'Decrypt'); // <meter min="0" max="12" value="3" aria-label="Decrypt: 3 of 12 outcomes tested">
 * ```
 */
export const meter = (tested: number, total: number, label: string): Markup =>
  html`<meter min="0" max="${Math.max(total, 1)}" value="${tested}" aria-label="${label}: ${tested} of ${total} outcomes tested"></meter>`;

function thresholdSection(thresholds: readonly KmsCoverageThreshold[]): Markup | undefined {
  if (thresholds.length === 0) return undefined;
  const failing = thresholds.filter((threshold) => !threshold.met);
  const heading =
    failing.length > 0
      ? `${failing.length} of ${thresholds.length} thresholds not met: these outcomes were never tested`
      : thresholds.length === 1
        ? 'The threshold is met'
        : `All ${thresholds.length} thresholds met`;
  return html`<section class="thresholds${failing.length > 0 ? ' failing' : ''}" aria-labelledby="thresholds-heading">
<h2 id="thresholds-heading">${heading}</h2>
<ul>${[...failing, ...thresholds.filter((threshold) => threshold.met)].map(thresholdItem)}</ul>
</section>`;
}

function thresholdItem(threshold: KmsCoverageThreshold): Markup {
  if (threshold.met) {
    return html`<li><strong>${threshold.operation}</strong> <span class="muted">met: ${threshold.required.join(', ')}</span></li>`;
  }
  return html`<li><strong>${threshold.operation}</strong> <span class="missing">missing ${threshold.missing.map((name, index) => html`${index > 0 ? ', ' : ''}<code>${name}</code>`)}</span></li>`;
}

/**
 * The operations only test code called: outside the space, but worth seeing, since a suite that
 * only sets keys up in `beforeAll` tests nothing.
 *
 * @internal
 * @example
 * ```ts
 * testCodeOnly(['CreateKey']);
 * ```
 */
export const testCodeOnly = (operations: readonly string[]): Markup | undefined =>
  operations.length === 0
    ? undefined
    : html`<p class="test-code muted">Called only by test code, so not counted: ${operations.map((name, index) => html`${index > 0 ? ', ' : ''}<code>${name}</code>`)}.</p>`;
