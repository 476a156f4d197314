import { CreateKeyCommand, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { KmsFakeUsageError } from '../errors';
import { KmsFake } from '../kmsFake';
import { createTestLifecycle, type TestFramework } from './lifecycle';

/** A test runner in miniature: the hooks the lifecycle registers, run by hand around "tests". */
function runner() {
  const hooks = { beforeEach: [] as (() => void)[], afterEach: [] as (() => void)[], afterAll: [] as (() => void)[] };
  const framework: TestFramework = {
    beforeEach: (fn) => hooks.beforeEach.push(fn),
    afterEach: (fn) => hooks.afterEach.push(fn),
    afterAll: (fn) => hooks.afterAll.push(fn),
  };
  const test = async (body: () => Promise<void>) => {
    hooks.beforeEach.forEach((fn) => fn());
    try {
      await body();
    } finally {
      hooks.afterEach.forEach((fn) => fn());
    }
  };
  return { framework, test, end: () => hooks.afterAll.forEach((fn) => fn()) };
}

class TeamClient extends KMSClient {}
const keyCount = async (client: KMSClient) => (await client.send(new ListKeysCommand({}))).Keys!.length;

describe('the test-runner lifecycle', () => {
  it('makes the fake on first use, and a fake first used inside a test still starts the next test empty', async () => {
    const { framework, test, end } = runner();
    const { kmsFake, install } = createTestLifecycle(framework);
    const client = new TeamClient({ region: 'eu-west-1' });
    try {
      await test(async () => {
        install(TeamClient); // the file touches KMS only now
        await client.send(new CreateKeyCommand({}));
        expect(await keyCount(client)).toBe(1);
      });
      await test(async () => {
        expect(kmsFake.calls()).toEqual([]);
        expect(await keyCount(client)).toBe(0);
      });
      expect(kmsFake).toBeInstanceOf(KmsFake);
    } finally {
      end();
    }
    expect(Object.prototype.hasOwnProperty.call(TeamClient.prototype, 'send')).toBe(false);
  });

  it('keeps what was made between tests (a beforeAll) and drops what a test made', async () => {
    const { framework, test, end } = runner();
    const { kmsFake, install } = createTestLifecycle(framework);
    install(TeamClient);
    const client = new TeamClient({ region: 'eu-west-1' });
    try {
      await client.send(new CreateKeyCommand({})); // "beforeAll"
      await test(async () => {
        await client.send(new CreateKeyCommand({}));
        kmsFake.on(ListKeysCommand).resolves({ Keys: [] });
      });
      await client.send(new CreateKeyCommand({})); // a nested describe's "beforeAll"
      await test(async () => {
        expect(await keyCount(client)).toBe(2); // no override, and not the key the last test made
      });
    } finally {
      end();
    }
  });

  it('refuses to run outside a test framework, with a [kms-fake] message', () => {
    expect(() => createTestLifecycle({} as TestFramework)).toThrow(/^\[kms-fake\] the kms-fake test entry must run inside a test framework/);
    expect(() => createTestLifecycle({} as TestFramework)).toThrow(KmsFakeUsageError);
  });
});
