import type { KmsCoverageReport, KmsCoverageThreshold, KmsOperationCoverage } from '../schema';
import { meetsEntry } from '../thresholds';
import { outcomeGroups, type RequiredTest } from './cells';
import { html, trustedMarkup, wrappableName, type Markup } from './escape';
import { meter, reportHeader, testCodeOnly } from './header';
import { stylesheet, stylesheetHash } from './styles';

/**
 * The coverage report as one self-contained HTML page (`kms-fake-coverage/index.html`): inline
 * CSS, no script, no external resource, a CSP that allows only its own stylesheet, so it opens
 * from disk and cannot reach the network. Every string from the report is escaped. Operations
 * are rows, their outcomes cells grouped by source; a tested cell opens to the tests that
 * reached it.
 *
 * Operations are ordered by how many outcomes were never tested, most first (then by name): the
 * page answers "what did our tests never try?", so the largest gap leads, and the order is still
 * deterministic for one report.
 *
 * @internal Written by the coverage reporters; not part of the public API.
 * @example
 * ```ts
 * fs.writeFileSync('kms-fake-coverage/index.html', renderCoverageHtml(report));
 * ```
 */
export function renderCoverageHtml(report: KmsCoverageReport): string {
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-${stylesheetHash}'; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>KMS outcome coverage: ${report.summary.tested} of ${report.summary.outcomes} tested</title>
<style>${trustedMarkup(stylesheet)}</style>
</head>
<body>
<header>${reportHeader(report)}</header>
<main>
${report.operations.length === 0 ? html`<p>No application code called KMS in this run, so there is nothing to cover.</p>` : operationTable(report)}
${testCodeOnly(report.testCodeOnlyOperations)}
</main>
<footer>kms-fake outcome coverage · schema version ${report.schemaVersion}</footer>
</body>
</html>
`;
  return page.markup;
}

const untestedCount = (operation: KmsOperationCoverage): number => operation.total - operation.tested;

const byGapThenName = (a: KmsOperationCoverage, b: KmsOperationCoverage): number =>
  untestedCount(b) - untestedCount(a) || (a.operation < b.operation ? -1 : a.operation > b.operation ? 1 : 0);

function operationTable(report: KmsCoverageReport): Markup {
  const operations = [...report.operations].sort(byGapThenName);
  return html`<nav class="jump" aria-label="Operations"><span class="muted">Jump to</span> ${operations.map((operation) => html`<a href="#${anchorOf(operation.operation)}">${operation.operation} <span class="muted">${operation.tested}/${operation.total}</span></a>`)}</nav>
<p class="legend"><span class="cell tested"><span class="mark" aria-hidden="true">✓</span>&nbsp;tested: open it for the tests</span><span class="cell untested"><span class="mark" aria-hidden="true">✗</span>&nbsp;never tested</span><span class="muted">Operations with the most untested outcomes first.</span></p>
<table>
<caption>Every outcome AWS KMS can answer for each operation your application code called, and whether a test met it</caption>
<colgroup><col class="operation"><col class="count"><col></colgroup>
<thead><tr><th scope="col">Operation</th><th scope="col">Tested</th><th scope="col">Outcomes</th></tr></thead>
<tbody>
${operations.map((operation) => operationRow(operation, thresholdFor(report.thresholds, operation.operation)))}
</tbody>
</table>`;
}

function operationRow(operation: KmsOperationCoverage, threshold: KmsCoverageThreshold | undefined): Markup {
  const missing = threshold !== undefined && !threshold.met;
  return html`<tr data-operation="${operation.operation}" id="${anchorOf(operation.operation)}">
<th scope="row"><div class="pinned">${wrappableName(operation.operation)}${missing ? html`<br><span class="badge">threshold missing</span>` : undefined}</div></th>
<td class="count"><div class="pinned"><strong>${operation.tested}</strong> <span class="muted">of ${operation.total}</span>${meter(operation.tested, operation.total, operation.operation)}</div></td>
<td>${outcomeGroups(operation, requiredBy(threshold))}</td>
</tr>
`;
}

/** The row's fragment id: operation names are identifiers, but the report is data, so encode it anyway. */
const anchorOf = (operation: string): string => `operation-${encodeURIComponent(operation)}`;

const thresholdFor = (thresholds: readonly KmsCoverageThreshold[], operation: string): KmsCoverageThreshold | undefined =>
  thresholds.find((threshold) => threshold.operation === operation);

/** A threshold entry names an outcome id or an exception (met by any outcome answering it). */
const requiredBy =
  (threshold: KmsCoverageThreshold | undefined): RequiredTest =>
  (outcome) =>
    threshold !== undefined && threshold.required.some((entry) => meetsEntry(outcome, entry));
