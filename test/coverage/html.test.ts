import { createHash } from 'node:crypto';
import { renderCoverageHtml } from '../../src/coverage/html';
import { escapeHtml } from '../../src/coverage/html/escape';
import type { KmsCoverageReport } from '../../src/coverage/schema';
import { appReport } from './fixtures/app';
import { operation, outcome, report } from './fixtures/build';
import { largeReport } from './fixtures/large';
import { injectedTestName, smallReport } from './fixtures/small';
import { thresholdsMissingReport } from './fixtures/thresholdsMissing';

/** The markup of one operation's row, by its name. */
function rowOf(page: string, operation: string): string {
  const start = page.indexOf(`<tr data-operation="${escapeHtml(operation)}" `);
  if (start < 0) throw new Error(`no row for ${operation}`);
  return page.slice(start, page.indexOf('</tr>', start));
}

const countOf = (text: string, fragment: string): number => text.split(fragment).length - 1;

describe('the coverage page (renderCoverageHtml)', () => {
  const small = renderCoverageHtml(smallReport);

  test('a test name that is markup appears as text, never as an element', () => {
    expect(small).toContain(escapeHtml(injectedTestName));
    expect(escapeHtml(injectedTestName)).toBe('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot; &#39;names&#39;');
    expect(small).not.toContain('<img');
    expect(small).not.toContain('"quoted"');
  });

  test('strings from anywhere in the report are escaped: operation names, outcome ids, files, thresholds', () => {
    const hostile = '<b id="x">&</b>';
    const page = renderCoverageHtml({
      ...smallReport,
      operations: smallReport.operations.map((operation) => ({
        ...operation,
        operation: `${operation.operation}${hostile}`,
        outcomes: operation.outcomes.map((outcome) => ({ ...outcome, id: `${outcome.id}${hostile}`, tests: outcome.tests.map((test) => ({ ...test, file: hostile })) })),
      })),
      testCodeOnlyOperations: [hostile],
      thresholds: [{ operation: hostile, required: [hostile], missing: [hostile], met: false }],
    });
    expect(page).not.toContain('<b ');
    expect(page).toContain(escapeHtml(hostile));
  });

  test.each([
    ['small', smallReport],
    ['with thresholds missing', thresholdsMissingReport],
    ['realistic', appReport],
    ['large', largeReport()],
  ])('every operation and every outcome of the %s report is on the page, in its own row', (_, coverage: KmsCoverageReport) => {
    const page = renderCoverageHtml(coverage);
    for (const operation of coverage.operations) {
      const row = rowOf(page, operation.operation);
      expect(row).toContain(`<strong>${operation.tested}</strong> <span class="muted">of ${operation.total}</span>`);
      for (const outcome of operation.outcomes) {
        expect(countOf(row, `data-outcome="${escapeHtml(outcome.id)}"`)).toBe(1);
      }
      expect(countOf(row, 'aria-label="tested"')).toBe(operation.tested);
      expect(countOf(row, 'aria-label="untested"')).toBe(operation.total - operation.tested);
      expect(countOf(row, 'never tested')).toBe(operation.total - operation.tested);
    }
    expect(countOf(page, '<tr data-operation=')).toBe(coverage.operations.length);
  });

  test.each([
    ['small', smallReport],
    ['with thresholds missing', thresholdsMissingReport],
    ['realistic', appReport],
    ['large', largeReport()],
  ])('the %s fixture is a report the reporters could write: sums add up, tests sorted by file then name, each once', (_, coverage: KmsCoverageReport) => {
    const outcomes = coverage.operations.flatMap((operation) => operation.outcomes);
    expect(coverage.summary).toEqual({
      ...coverage.summary,
      operations: coverage.operations.length,
      outcomes: outcomes.length,
      tested: outcomes.filter((outcome) => outcome.tested).length,
      applicationCalls: outcomes.reduce((sum, outcome) => sum + outcome.calls, 0),
    });
    for (const operation of coverage.operations) {
      expect([operation.tested, operation.total]).toEqual([operation.outcomes.filter((outcome) => outcome.tested).length, operation.outcomes.length]);
    }
    for (const outcome of outcomes) {
      const keys = outcome.tests.map((test) => `${test.file}\u0000${test.name}`);
      expect(keys).toEqual([...new Set(keys)].sort());
      expect(outcome.tested).toBe(outcome.tests.length > 0);
    }
  });

  test('the header gives the totals: outcomes tested of all, the share rounded down, operations, and both kinds of calls', () => {
    expect(small).toContain('<dd>44% <span class="muted">· 4 of 9</span><meter min="0" max="9" value="4" aria-label="All operations: 4 of 9 outcomes tested"></meter></dd>');
    expect(small).toContain('<dt>Operations</dt><dd>2</dd>');
    expect(small).toContain('<dt>Application calls</dt><dd>7</dd>');
    expect(small).toContain('<dt>Test-code calls</dt><dd>3 <span class="muted">not counted</span></dd>');
    expect(small).toContain('<title>KMS outcome coverage: 4 of 9 tested</title>');
    expect(renderCoverageHtml({ ...smallReport, summary: { ...smallReport.summary, tested: 199, outcomes: 200 } })).toContain('<dd>99%');
  });

  test('a tested cell lists each test that reached it under its file; an untested one says it was never tested', () => {
    const decrypt = rowOf(small, 'Decrypt');
    const success = decrypt.slice(decrypt.indexOf('data-outcome="Success"'), decrypt.indexOf('</details>'));
    expect(success).toContain('2 tests · 3 calls');
    expect(success).toContain(
      `<div class="tests"><div class="file">test/secrets.test.ts</div><ul><li>${escapeHtml(injectedTestName)}</li><li>decryptSecret opens what encryptSecret sealed</li></ul></div>`,
    );
    expect(decrypt).toMatch(/data-outcome="KMSInvalidStateException@PendingDeletion">.*?Pending<wbr>Deletion.*?KMS<wbr>Invalid<wbr>State<wbr>Exception.*?never tested/);
  });

  test('tests from several files are listed under each file, in the report\'s order', () => {
    const tests = [
      { file: 'test/a.test.ts', name: 'one' },
      { file: 'test/a.test.ts', name: 'two' },
      { file: 'test/b.test.ts', name: 'three' },
    ];
    const page = renderCoverageHtml(report([operation('Sign', [outcome('success', 'Success', tests)])]));
    expect(page).toContain('<div class="tests"><div class="file">test/a.test.ts</div><ul><li>one</li><li>two</li></ul><div class="file">test/b.test.ts</div><ul><li>three</li></ul></div>');
  });

  test('a jump list links to each operation\'s row, in the table\'s order', () => {
    const links = [...small.matchAll(/<a href="#([^"]+)">([^ ]+) <span class="muted">(\d+\/\d+)<\/span><\/a>/g)].map((match) => match.slice(1));
    expect(links).toEqual([
      ['operation-Encrypt', 'Encrypt', '1/4'],
      ['operation-Decrypt', 'Decrypt', '3/5'],
    ]);
    for (const [anchor] of links) expect(countOf(small, `id="${anchor ?? ''}"`)).toBe(1);
  });

  test('outcomes are grouped by source, in the schema order', () => {
    const decrypt = rowOf(small, 'Decrypt');
    const groups = [...decrypt.matchAll(/<div class="group-name" aria-hidden="true">([^<]+)</g)].map((match) => match[1]);
    expect(groups).toEqual(['Success', 'Key states', 'Exceptions', 'Faults']);
  });

  test('operations with the most untested outcomes come first, then by name', () => {
    const order = (page: string) => [...page.matchAll(/<tr data-operation="([^"]+)"/g)].map((match) => match[1]);
    expect(order(small)).toEqual(['Encrypt', 'Decrypt']);
    expect(order(renderCoverageHtml(appReport))).toEqual(['GenerateDataKey', 'Decrypt', 'Encrypt', 'Sign']);
  });

  test('missing thresholds lead the header, name what is missing, and mark the operation and its required outcomes', () => {
    const page = renderCoverageHtml(thresholdsMissingReport);
    expect(page).toContain('<section class="thresholds failing"');
    expect(page).toContain('2 of 3 thresholds not met');
    expect(page).toContain('<strong>Decrypt</strong> <span class="missing">missing <code>KMSInvalidStateException@PendingDeletion</code></span>');
    expect(page).toContain('<strong>Sign</strong> <span class="missing">missing <code>Success</code></span>');
    expect(page).toContain('<strong>Encrypt</strong> <span class="muted">met: Success</span>');
    expect(rowOf(page, 'Decrypt')).toContain('threshold missing');
    expect(rowOf(page, 'Encrypt')).not.toContain('threshold missing');
    // Decrypt requires DisabledException (one cell answers it) and one key-state cell by id.
    expect(countOf(rowOf(page, 'Decrypt'), 'class="required"')).toBe(2);
  });

  test('met thresholds are reported calmly, and no thresholds means no section', () => {
    const met = renderCoverageHtml({ ...smallReport, thresholds: [{ operation: 'Encrypt', required: ['Success'], missing: [], met: true }] });
    expect(met).toContain('<section class="thresholds"');
    expect(met).toContain('The threshold is met');
    expect(small).not.toContain('class="thresholds');
  });

  test('operations only test code called are listed apart', () => {
    expect(small).toContain('Called only by test code, so not counted: <code>CreateKey</code>, <code>DisableKey</code>.');
  });

  test('a run where application code never called KMS says so', () => {
    const empty = renderCoverageHtml(report([]));
    expect(empty).toContain('No application code called KMS in this run');
    expect(empty).not.toContain('<table');
    expect(empty).toContain('<dd>– <span class="muted">· 0 of 0</span><meter min="0" max="1" value="0"');
  });

  test('the page is self-contained: no script, no external reference, and a CSP that allows exactly its stylesheet', () => {
    expect(renderCoverageHtml(appReport)).not.toMatch(/<script|<link|<img|<iframe|src=|href="[^#]|url\(|@import/i);
    const style = /<style>([\s\S]*)<\/style>/.exec(small)?.[1] ?? '';
    const hash = createHash('sha256').update(style).digest('base64');
    expect(small).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'">`);
  });

  test('the same report always gives the same page', () => {
    expect(renderCoverageHtml(smallReport)).toBe(small);
  });
});
