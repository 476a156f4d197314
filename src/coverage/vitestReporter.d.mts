import type { KmsCoverageReporterOptions } from '../coverage/run.js';

/**
 * The vitest reporter of the KMS outcome coverage report (see `kms-fake/reporter` for jest).
 *
 * @example
 * ```ts
 * // vitest.config.mts
 * export default defineConfig({
 *   test: { setupFiles: ['kms-fake/vitest'], reporters: ['default', ['kms-fake/vitest-reporter', { thresholds: { Decrypt: ['DisabledException'] } }]] },
 * });
 * ```
 */
export default class KmsCoverageReporter {
  constructor(options?: KmsCoverageReporterOptions);
  onInit(vitest: { config: { root: string } }): void;
  onTestRunEnd(): void;
}
