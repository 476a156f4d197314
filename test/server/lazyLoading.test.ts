import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The server loads on first `kms.listen()`: a fake used in process never loads node:http or the
 * server's modules. Checked on the built package in a fresh node process.
 */
const script = `
  const { KmsFake } = require('kms-fake');
  const loaded = () => ({
    http: process.moduleLoadList.includes('NativeModule http'),
    server: Object.keys(require.cache).some((f) => /[\\\\/]dist[\\\\/]cjs[\\\\/]server[\\\\/]listen\\.js$/.test(f)),
  });
  const kms = new KmsFake();
  kms.plugin();
  const before = loaded();
  kms.listen().then(async (server) => {
    const after = loaded();
    await server.close();
    process.stdout.write(JSON.stringify({ before, after }));
  });
`;

it('loads node:http and the server only when kms.listen() is first called', () => {
  const output = execFileSync(process.execPath, ['-e', script], { cwd: join(__dirname, '../..'), encoding: 'utf8' });
  expect(JSON.parse(output)).toEqual({ before: { http: false, server: false }, after: { http: true, server: true } });
});
