import { KmsFakeUsageError } from 'kms-fake';
import type { KmsCoverageRecord } from '../../src/coverage/record';
import { buildReport } from '../../src/coverage/report';
import { checkThresholds } from '../../src/coverage/thresholds';

const root = '/project';
const app = (test: string, operation: string, more: Partial<KmsCoverageRecord> = {}): KmsCoverageRecord => ({
  file: '/project/test/b.test.ts',
  test,
  operation,
  by: 'application',
  ...more,
});

// Records as two workers wrote them: a setup call by test code, and application calls.
const workerOne: KmsCoverageRecord[] = [
  { file: '/project/test/b.test.ts', test: '', operation: 'CreateKey', by: 'test' },
  app('decrypts', 'Decrypt', { keyState: 'Enabled' }),
  app('maps a disabled key', 'Decrypt', { exception: 'DisabledException', keyState: 'Disabled' }),
];
const workerTwo: KmsCoverageRecord[] = [
  app('decrypts again', 'Decrypt', { file: '/project/test/a.test.ts', keyState: 'Enabled' }),
  app('decrypts', 'Decrypt', { keyState: 'Enabled' }),
  { file: '/project/test/a.test.ts', test: 'asserts', operation: 'Decrypt', exception: 'KMSInvalidStateException', keyState: 'PendingDeletion', by: 'test' },
  app('overridden', 'Decrypt', { exception: 'KMSInvalidStateException' }),
  app('custom error', 'Decrypt', { exception: 'Error' }),
];

describe('merging what every worker recorded', () => {
  const report = buildReport([...workerOne, ...workerTwo], root);
  const decrypt = report.operations.find((o) => o.operation === 'Decrypt')!;
  const outcome = (id: string) => decrypt.outcomes.find((o) => o.id === id)!;

  it('counts application calls only, and lists operations only test code called apart', () => {
    expect(report.operations.map((o) => o.operation)).toEqual(['Decrypt']);
    expect(report.testCodeOnlyOperations).toEqual(['CreateKey']);
    expect(report.summary).toEqual({ operations: 1, outcomes: decrypt.total, tested: 4, applicationCalls: 6, testCodeCalls: 2 });
    expect(outcome('KMSInvalidStateException@PendingDeletion').tested).toBe(false);
  });

  it('names each test once, sorted by file then name, with relative paths', () => {
    expect(outcome('Success')).toMatchObject({
      tested: true,
      calls: 3,
      tests: [
        { file: 'test/a.test.ts', name: 'decrypts again' },
        { file: 'test/b.test.ts', name: 'decrypts' },
      ],
    });
  });

  it('meets the key-state cell and the exception itself for a failure in a known state', () => {
    expect(outcome('DisabledException@Disabled')).toMatchObject({ tested: true, calls: 1 });
    expect(outcome('DisabledException')).toMatchObject({ tested: true, calls: 1 });
  });

  it('meets only the exception itself when no key was resolved (an override), and nothing for a custom error', () => {
    expect(outcome('KMSInvalidStateException')).toMatchObject({ tested: true, calls: 1, tests: [{ file: 'test/b.test.ts', name: 'overridden' }] });
    expect(decrypt.tested).toBe(4);
  });

  it('is the same whatever order the workers are read in', () => {
    expect(buildReport([...workerTwo, ...workerOne], root)).toEqual(report);
  });
});

describe('thresholds', () => {
  const records = [...workerOne, ...workerTwo];

  it('are met by an outcome id or by any outcome with the named exception', () => {
    const { thresholds } = buildReport(records, root, { Decrypt: ['DisabledException@Disabled', 'KMSInvalidStateException', 'Success'] });
    expect(thresholds).toEqual([{ operation: 'Decrypt', required: ['DisabledException@Disabled', 'KMSInvalidStateException', 'Success'], missing: [], met: true }]);
  });

  it('name what is missing, including every outcome of an operation the application never called', () => {
    const { thresholds } = buildReport(records, root, { Encrypt: ['Success'], Decrypt: ['KMSInvalidStateException@PendingDeletion', 'IncorrectKeyException'] });
    expect(thresholds).toEqual([
      { operation: 'Decrypt', required: ['KMSInvalidStateException@PendingDeletion', 'IncorrectKeyException'], missing: ['KMSInvalidStateException@PendingDeletion', 'IncorrectKeyException'], met: false },
      { operation: 'Encrypt', required: ['Success'], missing: ['Success'], met: false },
    ]);
  });

  it('refuses an unknown operation or an outcome the operation never answers', () => {
    expect(() => checkThresholds({ Decrpyt: ['Success'] })).toThrow(KmsFakeUsageError);
    expect(() => checkThresholds({ Decrpyt: ['Success'] })).toThrow('[kms-fake] coverage thresholds: Decrpyt is not a KMS operation');
    expect(() => checkThresholds({ Decrypt: ['TagException'] })).toThrow('[kms-fake] coverage thresholds: Decrypt never answers TagException');
    expect(() => checkThresholds({ Decrypt: 'DisabledException' })).toThrow('needs an array');
  });
});
