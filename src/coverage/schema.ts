/**
 * The schema of `kms-fake-coverage/coverage.json` (version 1): what a test run tried of every KMS
 * outcome its application code could meet. Stable: fields are only ever added; a change that
 * removes or renames one bumps `schemaVersion`. Deterministic for one run's calls: no time stamps,
 * no absolute paths, everything sorted, so a report can be compared in a test or a diff.
 */
export interface KmsCoverageReport {
  readonly schemaVersion: 1;
  readonly tool: 'kms-fake';
  /** Totals over `operations`. */
  readonly summary: KmsCoverageSummary;
  /** One entry per operation that application code called, by operation name. */
  readonly operations: readonly KmsOperationCoverage[];
  /** Operations only test code called (setup such as `CreateKey` in a `beforeAll`), by name: outside the space. */
  readonly testCodeOnlyOperations: readonly string[];
  /** The configured thresholds and whether each was met; empty when none were configured. */
  readonly thresholds: readonly KmsCoverageThreshold[];
}

export interface KmsCoverageSummary {
  readonly operations: number;
  readonly outcomes: number;
  readonly tested: number;
  /** Calls by application code, and calls by test code (not counted as testing anything). */
  readonly applicationCalls: number;
  readonly testCodeCalls: number;
}

export interface KmsOperationCoverage {
  /** The KMS operation, e.g. `Decrypt`. */
  readonly operation: string;
  readonly tested: number;
  readonly total: number;
  /** Every outcome AWS can answer for it, in a fixed order: success, key-state cells, modelled exceptions, faults. */
  readonly outcomes: readonly KmsOutcomeCoverage[];
}

/** Where an outcome in the space comes from. */
export type KmsOutcomeSource =
  /** The call succeeded. */
  | 'success'
  /** A failing cell of the key-state table: `exception` for a key in `keyState`. */
  | 'key-state'
  /** An exception the SDK models for the operation (its `errors` list). */
  | 'modelled'
  /** A retryable fault of the service: throttling, internal errors. */
  | 'fault';

export interface KmsOutcomeCoverage {
  /**
   * Stable id, unique within the operation: `Success`; `<Exception>@<KeyState>` for a key-state
   * cell (e.g. `DisabledException@Disabled`); `<Exception>` for a modelled exception or a fault.
   */
  readonly id: string;
  readonly source: KmsOutcomeSource;
  /** The exception name the caller gets; absent for success. */
  readonly exception?: string;
  /** For a key-state cell: the key state that answers `exception`. */
  readonly keyState?: string;
  /** Whether application code met this outcome in at least one test. */
  readonly tested: boolean;
  /** How many application-code calls met it. */
  readonly calls: number;
  /** The tests that reached it, sorted by file then name, each once. */
  readonly tests: readonly KmsCoverageTestRef[];
}

export interface KmsCoverageTestRef {
  /** The test file, relative to the project root, with `/` separators. */
  readonly file: string;
  /** The test's full name (describe blocks and title joined by spaces). */
  readonly name: string;
}

export interface KmsCoverageThreshold {
  readonly operation: string;
  /** Outcome ids or exception names the config requires for it. */
  readonly required: readonly string[];
  /** Those of `required` never met by application code. */
  readonly missing: readonly string[];
  readonly met: boolean;
}
