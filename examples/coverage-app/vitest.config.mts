import { defineConfig } from 'vitest/config';
import thresholds from './thresholds.js';

// The example's vitest config: `kms-fake/vitest` fakes every KMSClient, and
// `kms-fake/vitest-reporter` reports which KMS outcomes the application code was tested against.
export default defineConfig({
  test: {
    include: ['vitest/**/*.test.ts'],
    setupFiles: ['./env.js', 'kms-fake/vitest'],
    pool: 'forks',
    maxWorkers: 2,
    reporters: [
      'default',
      [
        'kms-fake/vitest-reporter',
        {
          // The example's own test reads the report from elsewhere; a project keeps the default.
          outputDirectory: process.env.COVERAGE_APP_OUT ?? 'kms-fake-coverage/vitest',
          thresholds,
        },
      ],
    ],
  },
});
