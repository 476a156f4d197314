import type { KmsCoverageReport } from '../schema';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The coverage report as a self-contained HTML page (`kms-fake-coverage/index.html`). A minimal
 * page listing each operation's tested outcomes; the full page replaces it.
 *
 * @example
 * ```ts
 * writeFileSync('kms-fake-coverage/index.html', renderCoverageHtml(report));
 * ```
 */
export function renderCoverageHtml(report: KmsCoverageReport): string {
  const rows = report.operations.map(
    (o) => `<tr><th scope="row">${escapeHtml(o.operation)}</th><td>${o.tested}/${o.total}</td></tr>`,
  );
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>KMS outcome coverage</title></head><body>',
    `<h1>KMS outcome coverage: ${report.summary.tested} of ${report.summary.outcomes} outcomes tested</h1>`,
    '<table><thead><tr><th scope="col">Operation</th><th scope="col">Outcomes tested</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody></table>`,
    '</body></html>',
    '',
  ].join('\n');
}
