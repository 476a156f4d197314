import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Importing kms-fake loads only what is used: each crypto family's module (and @noble/*, YAML)
 * loads on first use. Checked on the built package in a fresh node process, where require.cache
 * lists every module loaded so far.
 */
const root = join(__dirname, '..');

const FAMILY_MODULE = /[\\/]dist[\\/]cjs[\\/]crypto[\\/](rsa|ecc|ed25519|hmac|sm2|mlDsa|mlKem)\.js$/;
const LAZY_PACKAGE = /[\\/]node_modules[\\/](@noble[\\/][^\\/]+|yaml)[\\/]/;

/** Runs `body` (an async function body with `kms`, `client`, `sdk` in scope) and returns what is loaded after it. */
function loadedAfter(body: string): { families: string[]; packages: string[] } {
  const script = `
    const { KmsFake } = require('kms-fake');
    const sdk = require('@aws-sdk/client-kms');
    (async () => {
      const kms = new KmsFake();
      const client = new sdk.KMSClient({ region: 'us-east-1' });
      client.middlewareStack.use(kms.plugin());
      ${body}
      const files = Object.keys(require.cache);
      const families = [...new Set(files.map((f) => ${FAMILY_MODULE.toString()}.exec(f)?.[1]).filter(Boolean))].sort();
      const packages = [...new Set(files.map((f) => ${LAZY_PACKAGE.toString()}.exec(f)?.[1].replace(/\\\\/g, '/')).filter(Boolean))].sort();
      process.stdout.write(JSON.stringify({ families, packages }));
    })().catch((error) => { console.error(error); process.exit(1); });
  `;
  const env = { ...process.env, AWS_EC2_METADATA_DISABLED: 'true' };
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, env, encoding: 'utf8' })) as { families: string[]; packages: string[] };
}

const createAndSign = (keySpec: string, algorithm: string) => `
  const { KeyMetadata } = await client.send(new sdk.CreateKeyCommand({ KeySpec: '${keySpec}', KeyUsage: 'SIGN_VERIFY' }));
  await client.send(new sdk.SignCommand({ KeyId: KeyMetadata.KeyId, Message: Buffer.from('m'), SigningAlgorithm: '${algorithm}' }));
`;

describe("require('kms-fake') loads only what is used", () => {
  it('loads no crypto family, no @noble package and no YAML parser at import', () => {
    expect(loadedAfter('')).toEqual({ families: [], packages: [] });
  });

  it('symmetric Encrypt and Decrypt load no family module either', () => {
    const body = `
      const { KeyMetadata } = await client.send(new sdk.CreateKeyCommand({}));
      const { CiphertextBlob } = await client.send(new sdk.EncryptCommand({ KeyId: KeyMetadata.KeyId, Plaintext: Buffer.from('x') }));
      await client.send(new sdk.DecryptCommand({ CiphertextBlob }));
    `;
    expect(loadedAfter(body)).toEqual({ families: [], packages: [] });
  });

  it('the first ECC key loads the ECC module and @noble/curves, and nothing post-quantum', () => {
    const loaded = loadedAfter(createAndSign('ECC_NIST_P256', 'ECDSA_SHA_256'));
    expect(loaded.families).toEqual(['ecc']);
    expect(loaded.packages).toContain('@noble/curves');
    expect(loaded.packages).not.toContain('@noble/post-quantum');
  });

  it('the first ML-DSA key loads the ML-DSA module and @noble/post-quantum only', () => {
    const loaded = loadedAfter(createAndSign('ML_DSA_44', 'ML_DSA_SHAKE_256'));
    expect(loaded.families).toEqual(['mlDsa']);
    expect(loaded.packages).toContain('@noble/post-quantum');
    expect(loaded.packages).not.toContain('@noble/curves');
  });

  it('the first HMAC key loads only the HMAC module', () => {
    const body = `
      const { KeyMetadata } = await client.send(new sdk.CreateKeyCommand({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }));
      await client.send(new sdk.GenerateMacCommand({ KeyId: KeyMetadata.KeyId, Message: Buffer.from('m'), MacAlgorithm: 'HMAC_SHA_256' }));
    `;
    expect(loadedAfter(body)).toEqual({ families: ['hmac'], packages: [] });
  });
});

describe('the CommonJS build is one bundle behind per-file stubs', () => {
  const node = (script: string) => execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });

  it("require('kms-fake') reads two of kms-fake's files: the entry and the bundle", () => {
    const script = `require('kms-fake'); process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((f) => f.startsWith(${JSON.stringify(join(root, 'dist'))})).map((f) => f.slice(${join(root, 'dist/cjs/').length}))));`;
    expect(JSON.parse(node(script))).toEqual(['index.js', 'bundle.js']);
  });

  it('every file of the build gives the same module instance as the entries', () => {
    const script = `
      const entry = require('kms-fake');
      const direct = require('./dist/cjs/kmsFake.js');
      const matchers = require('./dist/cjs/testing/matchers.js');
      process.stdout.write(String(entry.KmsFake === direct.KmsFake && entry.createKmsMatchers === matchers.createKmsMatchers));
    `;
    expect(node(script)).toBe('true');
  });

  it('keeps the source names of classes, as users see them in inspect output and stacks', () => {
    const script = `const { KmsFake } = require('kms-fake'); process.stdout.write(KmsFake.name + ' ' + require('node:util').inspect(new KmsFake()).split(' ')[0]);`;
    expect(node(script)).toBe('KmsFake KmsFake');
  });

  it('named ESM imports of a build file still work (node lexes CommonJS sources for export names)', () => {
    const script =
      "import { KmsFake } from './dist/cjs/kmsFake.js'; import { setUpKmsFake } from './dist/cjs/testing/lifecycle.js'; " +
      "import { hashOf } from './dist/cjs/crypto/index.js'; process.stdout.write([typeof KmsFake, typeof setUpKmsFake, hashOf('X_SHA_256')].join(' '));";
    expect(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' })).toBe('function function sha256');
  });
});
