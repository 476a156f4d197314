import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** The built package, loaded the way an application loads it: by name, through the exports map. */
const root = join(__dirname, '..');
const run = (args: string[]) => execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' }).trim();

describe('the published entry points', () => {
  it('require("kms-fake") gives the CommonJS build', () => {
    expect(run(['-e', "const k = require('kms-fake'); console.log(typeof k.KmsFake, k.IMPLEMENTED_OPERATIONS.includes('Encrypt'))"])).toBe(
      'function true',
    );
  });

  it('import "kms-fake" gives the same class through the ESM entry', () => {
    const script = "import { KmsFake } from 'kms-fake'; import { createRequire } from 'node:module'; " +
      "const req = createRequire(import.meta.url); console.log(KmsFake === req('kms-fake').KmsFake);";
    expect(run(['--input-type=module', '-e', script])).toBe('true');
  });
});
