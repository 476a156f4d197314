import type { KmsCoverageReport, KmsOperationCoverage, KmsOutcomeCoverage } from './schema';

const WIDTH = 100;

/** Names joined by commas, wrapped to the terminal width under a hanging indent. */
function wrap(names: readonly string[], indent: number): string {
  const lines: string[] = [];
  let line = '';
  for (const name of names) {
    const next = line ? `${line}, ${name}` : name;
    if (line && indent + next.length > WIDTH) {
      lines.push(`${line},`);
      line = name;
    } else line = next;
  }
  lines.push(line || '-');
  return lines.join(`\n${' '.repeat(indent)}`);
}

/** Outcome ids, key-state cells of one exception folded into one: `KMSInvalidStateException@{PendingDeletion,Creating}`. */
function compactIds(outcomes: readonly KmsOutcomeCoverage[]): string[] {
  const ids: string[] = [];
  const states = new Map<string, string[]>();
  for (const o of outcomes) {
    if (o.source !== 'key-state' || o.exception === undefined || o.keyState === undefined) ids.push(o.id);
    else if (states.has(o.exception)) states.get(o.exception)!.push(o.keyState);
    else {
      states.set(o.exception, [o.keyState]);
      ids.push(`\0${o.exception}`);
    }
  }
  return ids.map((id) => {
    if (!id.startsWith('\0')) return id;
    const exception = id.slice(1);
    const cells = states.get(exception)!;
    return cells.length === 1 ? `${exception}@${cells[0]}` : `${exception}@{${cells.join(',')}}`;
  });
}

function operationRows(o: KmsOperationCoverage, nameWidth: number): string[] {
  const tested = compactIds(o.outcomes.filter((x) => x.tested));
  const never = compactIds(o.outcomes.filter((x) => !x.tested));
  const head = `${o.operation.padEnd(nameWidth)}  ${`${o.tested}/${o.total}`.padStart(5)}  `;
  const indent = head.length + 'never: '.length;
  return [`${head}tested: ${wrap(tested, indent + 1)}`, `${' '.repeat(head.length)}never:  ${wrap(never, indent + 1)}`];
}

/**
 * The compact terminal table: per operation application code used, the outcomes its tests met
 * and those never met; then the operations only test code called, and the thresholds.
 */
export function renderCoverageTable(report: KmsCoverageReport): string {
  const { summary } = report;
  const nameWidth = Math.max('Operation'.length, ...report.operations.map((o) => o.operation.length));
  const lines = [
    `KMS outcome coverage (kms-fake): ${summary.tested} of ${summary.outcomes} outcomes tested across ${summary.operations} operations ` +
      `(${summary.applicationCalls} application calls, ${summary.testCodeCalls} test-code calls)`,
    `${'Operation'.padEnd(nameWidth)}  ${'Tested'.padStart(5)}  Outcomes`,
    ...report.operations.flatMap((o) => operationRows(o, nameWidth)),
  ];
  if (report.operations.length === 0) lines.push('No application code called KMS in these tests.');
  if (report.testCodeOnlyOperations.length > 0) lines.push(`Called by test code only: ${report.testCodeOnlyOperations.join(', ')}`);
  for (const t of report.thresholds) {
    lines.push(t.met ? `Threshold met: ${t.operation} (${t.required.join(', ')})` : `Threshold NOT met: ${t.operation} never tested against ${t.missing.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}
