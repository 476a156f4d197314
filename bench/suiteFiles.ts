// The files of the suite-level bench's scratch project (bench/suite.ts writes them into a temp dir).
// Test files are plain CommonJS with no transform, so both suites pay the same for jest itself and
// the difference is what each library costs a test file.

/** The variants measured: each is one jest config over one folder of generated test files. */
export type SuiteName = 'kmsFake' | 'clientMock' | 'plainWithSetup' | 'plainWithoutSetup';

const ROUND_TRIP_IMPORTS = `const { KMSClient, CreateKeyCommand, EncryptCommand, DecryptCommand } = require('@aws-sdk/client-kms');`;

/** The round trip every KMS file makes; only how KMS is faked differs between the two suites. */
const roundTrip = (n: number) => `
  const client = new KMSClient({ region: 'us-east-1' });
  const { KeyMetadata } = await client.send(new CreateKeyCommand({ Description: 'file ${n}' }));
  const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: KeyMetadata.KeyId, Plaintext: Buffer.from('secret ${n}') }));
  const { Plaintext } = await client.send(new DecryptCommand({ CiphertextBlob }));
  expect(Buffer.from(Plaintext).toString()).toBe('secret ${n}');`;

/** kms-fake: the setup file fakes every KMSClient; the file only imports the fake for the matcher. */
const kmsFakeFile = (n: number) => `${ROUND_TRIP_IMPORTS}
const { kmsFake } = require('kms-fake/jest');

test('round trip ${n}', async () => {${roundTrip(n)}
  expect(kmsFake).toHaveReceivedCommandTimes(EncryptCommand, 1);
});
`;

/** aws-sdk-client-mock: the usual file, stubbing each answer and registering the jest matchers. */
const clientMockFile = (n: number) => `${ROUND_TRIP_IMPORTS}
const { mockClient } = require('aws-sdk-client-mock');
require('aws-sdk-client-mock-jest');

const kmsMock = mockClient(KMSClient);
beforeEach(() => kmsMock.reset());

test('round trip ${n}', async () => {
  kmsMock.on(CreateKeyCommand).resolves({ KeyMetadata: { KeyId: 'key-${n}' } });
  kmsMock.on(EncryptCommand).resolves({ CiphertextBlob: Buffer.from('sealed ${n}') });
  kmsMock.on(DecryptCommand).resolves({ Plaintext: Buffer.from('secret ${n}') });${roundTrip(n)}
  expect(kmsMock).toHaveReceivedCommandTimes(EncryptCommand, 1);
});
`;

/** A file that never touches KMS, as most files of an application suite. */
const plainFile = (n: number) => `test('plain ${n}', () => {
  const words = 'the quick brown fox jumps over the lazy dog ${n}'.split(' ');
  expect(words.map((w) => w.length).reduce((a, b) => a + b, 0)).toBeGreaterThan(30);
  expect(new Set(words).size).toBe(words.length - 1);
});
`;

const TEST_FILES: Record<SuiteName, (n: number) => string> = {
  kmsFake: kmsFakeFile,
  clientMock: clientMockFile,
  plainWithSetup: plainFile,
  plainWithoutSetup: plainFile,
};

const SETUP_FILES_AFTER_ENV: Record<SuiteName, string[]> = {
  kmsFake: ['kms-fake/jest'],
  clientMock: [],
  plainWithSetup: ['kms-fake/jest'],
  plainWithoutSetup: [],
};

/** Same environment as the repo's own tests: no host AWS variables, no metadata service. */
export const ENV_JS = `process.env.AWS_EC2_METADATA_DISABLED = 'true';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/kms-fake/credentials';
process.env.AWS_CONFIG_FILE = '/nonexistent/kms-fake/config';
for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_MAX_ATTEMPTS', 'AWS_RETRY_MODE']) delete process.env[name];
`;

/** Preloaded into the jest process: writes its CPU time at exit (in band, every test file runs in it). */
export const CPU_JS = `process.on('exit', () => require('fs').writeFileSync(process.env.SUITE_BENCH_CPU_FILE, JSON.stringify(process.cpuUsage())));
`;

export const jestConfig = (suite: SuiteName) => `module.exports = ${JSON.stringify(
  {
    rootDir: '.',
    testEnvironment: 'node',
    testMatch: [`<rootDir>/${suite}/*.test.js`],
    transform: {},
    cacheDirectory: '<rootDir>/.jest-cache',
    setupFiles: ['<rootDir>/env.js'],
    setupFilesAfterEnv: SETUP_FILES_AFTER_ENV[suite],
  },
  null,
  2,
)};
`;

/** Test file `n` (1-based) of `suite`. */
export const testFile = (suite: SuiteName, n: number): string => TEST_FILES[suite](n);
