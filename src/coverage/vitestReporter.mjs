// The vitest reporter of the KMS outcome coverage report: `reporters: ['default', 'kms-fake/vitest-reporter']`.
// ESM, as vitest loads reporters; the run it drives is the jest reporter's (coverage/run).
import run from '../coverage/run.js';

export default class KmsCoverageReporter {
  #options;
  #run;

  constructor(options = {}) {
    this.#options = options;
  }

  // Before any worker starts: the run directory is named in the environment every worker inherits.
  onInit(vitest) {
    this.#run = run.openCoverageRun(vitest.config.root, this.#options);
  }

  // Once: a run's directory goes with its report. In watch mode the later reruns are not reported.
  onTestRunEnd() {
    if (!this.#run) return;
    const finishing = this.#run;
    this.#run = undefined;
    const { failure } = finishing.finish((text) => process.stdout.write(`\n${text}`));
    if (failure !== undefined) {
      process.stderr.write(`\n${failure}\n`);
      process.exitCode = 1;
    }
  }
}
