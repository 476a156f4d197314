// The client-mock entries in a project without aws-sdk-client-mock(-jest): a usage error that says
// what to install, not a bare MODULE_NOT_FOUND. The built package (`npm run build` first; `npm
// test` builds before jest) is copied into a scratch node_modules that holds nothing else.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { peerLoadError } from '../../src/clientMock/peer';
import { KmsFakeUsageError } from 'kms-fake';

const root = join(__dirname, '../..');
let project: string;

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'kms-fake-no-peers-'));
  const installed = join(project, 'node_modules/kms-fake');
  mkdirSync(installed, { recursive: true });
  cpSync(join(root, 'package.json'), join(installed, 'package.json'));
  cpSync(join(root, 'dist'), join(installed, 'dist'), { recursive: true });
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

/** What node prints, stdout and stderr, running `args` in the scratch project. */
function run(args: string[]): string {
  const env = { ...process.env, AWS_EC2_METADATA_DISABLED: 'true', NODE_PATH: '' };
  const { stdout, stderr } = spawnSync(process.execPath, args, { cwd: project, encoding: 'utf8', env });
  return stdout + stderr;
}

describe.each([
  ['kms-fake/client-mock', 'aws-sdk-client-mock'],
  ['kms-fake/client-mock-jest', 'aws-sdk-client-mock-jest'],
])('%s without %s installed', (entry, peer) => {
  const expected = `KmsFakeUsageError: [kms-fake] ${entry} needs ${peer} 4.x installed beside kms-fake: npm install --save-dev ${peer}@4`;

  it('require() says what to install', () => {
    const output = run(['-e', `require('${entry}')`]);
    expect(output).toContain(expected);
    expect(output).not.toContain('MODULE_NOT_FOUND');
  });

  it('import says what to install', () => {
    const output = run(['--input-type=module', '-e', `import '${entry}';`]);
    expect(output).toContain(expected);
    expect(output).not.toContain('ERR_MODULE_NOT_FOUND');
  });
});

describe('peerLoadError', () => {
  it('leaves an error that is not the peer missing as it is', () => {
    const sinonMissing = Object.assign(new Error("Cannot find module 'sinon'"), { code: 'MODULE_NOT_FOUND' });
    expect(peerLoadError('kms-fake/client-mock', 'aws-sdk-client-mock', sinonMissing)).toBe(sinonMissing);
    const broken = new SyntaxError('Unexpected token');
    expect(peerLoadError('kms-fake/client-mock', 'aws-sdk-client-mock', broken)).toBe(broken);
  });

  it('tells the two peers apart', () => {
    const jestMissing = Object.assign(new Error("Cannot find module 'aws-sdk-client-mock-jest'"), { code: 'MODULE_NOT_FOUND' });
    expect(peerLoadError('kms-fake/client-mock', 'aws-sdk-client-mock', jestMissing)).toBe(jestMissing);
    expect(peerLoadError('kms-fake/client-mock-jest', 'aws-sdk-client-mock-jest', jestMissing)).toBeInstanceOf(KmsFakeUsageError);
  });
});
