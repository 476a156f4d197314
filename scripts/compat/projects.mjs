// The scratch projects of the compat harness: each is a package.json plus a few files, written
// into its own folder and installed with a plain `npm install` (or `pnpm install`).
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');

/** The SDK versions the harness knows by name; `newest` is resolved from the registry at run time. */
export const SDK_ALIASES = {
  oldest: '3.303.0', // the first release >= 3.300: @aws-sdk/* packages, awsAuthMiddleware, old middleware-stack
  v450: '3.451.0', // @smithy/* packages, awsAuthMiddleware, util-retry
  v550: '3.549.0',
  v720: '3.716.0', // httpAuthSchemeMiddleware; no @smithy/core/retry yet
  v890: '3.890.0',
  v1040: '3.1046.0', // the first without @smithy/protocol-http
  v1131: '3.1131.0',
};

function write(dir, files) {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), typeof text === 'string' ? text : `${JSON.stringify(text, null, 2)}\n`);
  }
}

function packageJson(name, tarball, sdk, extra = {}, more = {}) {
  return { name, version: '1.0.0', private: true, dependencies: { '@aws-sdk/client-kms': sdk, 'kms-fake': `file:${tarball}`, ...more }, ...extra };
}

/** A project for the smoke suite and the type check against one SDK version. */
export function sdkProject(dir, tarball, sdk) {
  mkdirSync(dir, { recursive: true });
  cpSync(join(here, 'smoke.cjs'), join(dir, 'smoke.cjs'));
  cpSync(join(here, 'typecheck.ts'), join(dir, 'typecheck.ts'));
  cpSync(join(here, 'typecheckClientMock.ts'), join(dir, 'typecheckClientMock.ts'));
  const tsconfig = JSON.parse(JSON.stringify(TSCONFIG));
  const clientMockTsconfig = { ...tsconfig, files: ['typecheckClientMock.ts'] };
  // aws-sdk-client-mock, kms-fake/client-mock's optional peer, for its smoke check.
  const json = packageJson('kms-fake-compat', tarball, sdk, {}, { 'aws-sdk-client-mock': '4' });
  write(dir, { 'package.json': json, 'tsconfig.json': tsconfig, 'tsconfig.client-mock.json': clientMockTsconfig });
}

/** The repo's own TypeScript compiles the check, with the repo's @types/node: no install per project. */
const TSCONFIG = {
  compilerOptions: {
    strict: true,
    skipLibCheck: false,
    noEmit: true,
    target: 'ES2022',
    module: 'commonjs',
    moduleResolution: 'node',
    esModuleInterop: true,
    types: ['node'],
    typeRoots: [join(repo, 'node_modules', '@types')],
  },
  files: ['typecheck.ts'],
};
export const TSC = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');

// One test body for jest and vitest: the public contract of the runner entries only.
const RUNNER_TEST = (imports) => `${imports}
// Built at module level with no region, as application modules do: the entry fakes it anyway.
const client = new KMSClient({});
let keyFromBeforeAll;
beforeAll(async () => {
  keyFromBeforeAll = (await client.send(new CreateKeyCommand({ Description: 'from beforeAll' }))).KeyMetadata.KeyId;
});

test('a round trip, and the matchers', async () => {
  const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
  const KeyId = KeyMetadata.KeyId;
  const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId, Plaintext: new TextEncoder().encode('hi') }));
  const { Plaintext } = await client.send(new DecryptCommand({ CiphertextBlob }));
  expect(new TextDecoder().decode(Plaintext)).toBe('hi');
  expect(kmsFake).toHaveReceivedCommandWith(EncryptCommand, { KeyId });
  expect(kmsFake).toHaveReceivedCommandTimes(DecryptCommand, 1);
  expect(kmsFake).not.toHaveReceivedCommand(DisableKeyCommand);
});

test("each test starts from the file's beforeAll state with an empty call history; errors are the SDK's own classes", async () => {
  expect(kmsFake.calls()).toHaveLength(0);
  const { Keys } = await client.send(new ListKeysCommand({}));
  expect(Keys.map((k) => k.KeyId)).toEqual([keyFromBeforeAll]);
  const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
  await client.send(new DisableKeyCommand({ KeyId: KeyMetadata.KeyId }));
  await expect(client.send(new EncryptCommand({ KeyId: KeyMetadata.KeyId, Plaintext: new Uint8Array(1) }))).rejects.toBeInstanceOf(DisabledException);
});
`;

const SDK_NAMES = 'KMSClient, CreateKeyCommand, EncryptCommand, DecryptCommand, DisableKeyCommand, ListKeysCommand, DisabledException';

// node:test and mocha: installKmsFake in hooks, assertions with node:assert.
const HOOK_TEST = (hooks) => `'use strict';
${hooks}
const assert = require('node:assert/strict');
const { ${SDK_NAMES} } = require('@aws-sdk/client-kms');
const { installKmsFake } = require('kms-fake');

let kms;
before(() => { kms = installKmsFake(KMSClient); });
after(() => kms.restore());
beforeEach(() => kms.reset());

it('a round trip through a client built without a region', async () => {
  const client = new KMSClient({});
  const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
  const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: KeyMetadata.KeyId, Plaintext: new TextEncoder().encode('hi') }));
  const { Plaintext } = await client.send(new DecryptCommand({ CiphertextBlob }));
  assert.equal(new TextDecoder().decode(Plaintext), 'hi');
  assert.deepEqual(kms.calls().map((c) => c.commandName), ['CreateKeyCommand', 'EncryptCommand', 'DecryptCommand']);
});

it("errors are the SDK's own classes", async () => {
  const client = new KMSClient({ region: 'eu-west-1' });
  const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
  await client.send(new DisableKeyCommand({ KeyId: KeyMetadata.KeyId }));
  await assert.rejects(client.send(new EncryptCommand({ KeyId: KeyMetadata.KeyId, Plaintext: new Uint8Array(1) })), DisabledException);
});
`;

/**
 * The runners, on one SDK version. Each: its packages, its files and the command that runs it
 * (relative to the project); `node` names the Node major it needs when 20 is too old.
 */
export const RUNNERS = {
  jest29: jestRunner('29'),
  jest30: jestRunner('30'),
  vitest1: vitestRunner('1'),
  vitest2: vitestRunner('2'),
  vitest3: vitestRunner('3'),
  vitest4: vitestRunner('4'),
  vitest5: { ...vitestRunner('5'), node: '22' },
  'node-test': {
    devDependencies: {},
    files: { 'test/kms.test.cjs': HOOK_TEST("const { before, after, beforeEach, it } = require('node:test');") },
    command: ['--test', 'test/'],
  },
  mocha: {
    devDependencies: { mocha: '12' },
    files: { 'test/kms.test.cjs': HOOK_TEST('/* global before, after, beforeEach, it */') },
    command: ['node_modules/mocha/bin/mocha.js', 'test/kms.test.cjs'],
  },
};

function jestRunner(major) {
  return {
    devDependencies: { jest: major },
    extra: { jest: { testEnvironment: 'node', setupFilesAfterEnv: ['kms-fake/jest'] } },
    files: {
      'test/kms.test.js': RUNNER_TEST(`const { ${SDK_NAMES} } = require('@aws-sdk/client-kms');\nconst { kmsFake } = require('kms-fake/jest');\n`),
    },
    command: ['node_modules/jest/bin/jest.js', '--ci'],
  };
}

function vitestRunner(major) {
  return {
    devDependencies: { vitest: major },
    files: {
      'vitest.config.mjs': "export default { test: { include: ['test/**/*.test.mjs'], setupFiles: ['kms-fake/vitest'] } };\n",
      'test/kms.test.mjs': RUNNER_TEST(
        `import { beforeAll, expect, test } from 'vitest';\nimport { ${SDK_NAMES} } from '@aws-sdk/client-kms';\nimport { kmsFake } from 'kms-fake/vitest';\n`,
      ),
    },
    command: ['node_modules/vitest/vitest.mjs', 'run'],
  };
}

/** A project for one runner. */
export function runnerProject(dir, tarball, sdk, runner) {
  const { devDependencies, files, extra = {} } = RUNNERS[runner];
  write(dir, { 'package.json': packageJson(`kms-fake-compat-${runner}`, tarball, sdk, { devDependencies, ...extra }), ...files });
}
