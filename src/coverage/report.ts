import * as path from 'node:path';
import type { KmsCoverageRecord } from './record';
import type { KmsCoverageReport, KmsCoverageTestRef, KmsOperationCoverage } from './schema';
import { outcomeSpace, outcomesMet } from './space';
import { evaluateThresholds, type KmsCoverageThresholds } from './thresholds';

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A test file as the report names it: relative to the project root, with `/` separators. */
const relativeFile = (rootDir: string, file: string) => (file ? path.relative(rootDir, file).split(path.sep).join('/') : '');

/**
 * Merges the records of every worker into the report: the outcome space of each operation
 * application code called, each outcome marked with the calls and tests that met it. Calls by test
 * code test nothing; an operation only test code called is listed apart. Deterministic: sorted,
 * no times, paths relative to `rootDir`.
 */
export function buildReport(records: readonly KmsCoverageRecord[], rootDir: string, thresholds: KmsCoverageThresholds = {}): KmsCoverageReport {
  const application = records.filter((r) => r.by === 'application');
  const applicationOperations = [...new Set(application.map((r) => r.operation))].sort(byName);
  const operations = applicationOperations.map((operation) =>
    coverageOf(operation, application.filter((r) => r.operation === operation), rootDir),
  );
  const testCodeOnlyOperations = [...new Set(records.filter((r) => r.by === 'test').map((r) => r.operation))]
    .filter((operation) => !applicationOperations.includes(operation))
    .sort(byName);
  const sum = (f: (o: KmsOperationCoverage) => number) => operations.reduce((total, o) => total + f(o), 0);
  return {
    schemaVersion: 1,
    tool: 'kms-fake',
    summary: {
      operations: operations.length,
      outcomes: sum((o) => o.total),
      tested: sum((o) => o.tested),
      applicationCalls: application.length,
      testCodeCalls: records.length - application.length,
    },
    operations,
    testCodeOnlyOperations,
    thresholds: evaluateThresholds(thresholds, operations),
  };
}

function coverageOf(operation: string, calls: readonly KmsCoverageRecord[], rootDir: string): KmsOperationCoverage {
  const space = outcomeSpace(operation);
  const met = new Map(space.map((o) => [o.id, { calls: 0, tests: new Map<string, KmsCoverageTestRef>() }]));
  for (const call of calls) {
    const test = { file: relativeFile(rootDir, call.file), name: call.test };
    for (const outcome of outcomesMet(space, call.exception, call.keyState)) {
      const entry = met.get(outcome.id)!;
      entry.calls += 1;
      entry.tests.set(JSON.stringify([test.file, test.name]), test);
    }
  }
  const outcomes = space.map((o) => {
    const { calls: count, tests } = met.get(o.id)!;
    const sorted = [...tests.values()].sort((a, b) => byName(a.file, b.file) || byName(a.name, b.name));
    return { ...o, tested: count > 0, calls: count, tests: sorted };
  });
  return { operation, tested: outcomes.filter((o) => o.tested).length, total: outcomes.length, outcomes };
}
