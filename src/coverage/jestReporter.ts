import { openCoverageRun, type CoverageRun, type KmsCoverageReporterOptions } from './run';


/** What this reporter reads of jest's global config. */
interface JestGlobalConfig {
  readonly rootDir: string;
}

/**
 * The jest reporter of the KMS outcome coverage report: which outcomes of each KMS operation
 * (success, key-state failures, modelled exceptions, faults) the application code was tested
 * against. Made before jest starts its workers, it names a run directory in the environment they
 * inherit; the `kms-fake/jest` entry records each send there; at the end of the run it merges every
 * worker's records, prints the table and writes `kms-fake-coverage/coverage.json` and `index.html`.
 * Thresholds not met fail the run.
 *
 * @example
 * ```js
 * // jest.config.js
 * module.exports = {
 *   setupFilesAfterEnv: ['kms-fake/jest'],
 *   reporters: ['default', ['kms-fake/reporter', { thresholds: { Decrypt: ['DisabledException'] } }]],
 * };
 * ```
 */
class KmsCoverageReporter {
  readonly #run: CoverageRun;
  #failure: Error | undefined;

  constructor(globalConfig: JestGlobalConfig, options?: KmsCoverageReporterOptions) {
    this.#run = openCoverageRun(globalConfig.rootDir, options);
  }

  onRunComplete(): void {
    const { failure } = this.#run.finish((text) => process.stdout.write(`\n${text}`));
    if (failure !== undefined) {
      process.stderr.write(`\n${failure}\n`);
      this.#failure = new Error(failure);
    }
  }

  /** jest fails the run when a reporter answers an error here. */
  getLastError(): Error | undefined {
    return this.#failure;
  }
}

// `module.exports` is the class itself, as jest (and `require`) load a reporter.
export = KmsCoverageReporter;
