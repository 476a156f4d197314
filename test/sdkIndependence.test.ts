import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// What keeps kms-fake working beside every SDK from 3.300 on (the SDKs themselves are run by
// `npm run test:compat`): the built package loads none of the SDK's packages by itself, and its
// public types name no @smithy package (kms-fake/client-mock's follow aws-sdk-client-mock's own).
const root = join(__dirname, '..');

describe('the built package and the SDK range', () => {
  it('require("kms-fake") loads no @smithy or @aws-sdk module', () => {
    const script =
      "require('kms-fake'); console.log(JSON.stringify(Object.keys(require.cache).filter((p) => /node_modules[\\\\/]@(smithy|aws-sdk)[\\\\/]/.test(p))))";
    expect(JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }))).toEqual([]);
  });

  // kms-fake/client-mock's types extend aws-sdk-client-mock's, which themselves import @smithy/types.
  it('no declaration file imports a @smithy package, but those of kms-fake/client-mock', () => {
    const declarations = readdirSync(join(root, 'dist'), { recursive: true, encoding: 'utf8' }).filter(
      (f) => /\.d\.m?ts$/.test(f) && !/clientMock|client-mock/.test(f),
    );
    expect(declarations.length).toBeGreaterThan(10);
    const importing = declarations.filter((f) => /from ['"]@smithy\/|import\(['"]@smithy\//.test(readFileSync(join(root, 'dist', f), 'utf8')));
    expect(importing).toEqual([]);
  });
});
