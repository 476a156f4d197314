import { CreateAliasCommand, CreateKeyCommand, DescribeKeyCommand, KMSClient, ListAliasesCommand, ListKeysCommand, NotFoundException, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { kmsFake } from 'kms-fake/jest';

// Each test starts from the state the file's beforeAll hooks left: what they made is there in
// every test, what a test made is gone in the next, and the call history starts empty.
const client = new KMSClient({ region: 'eu-west-1' });
let fileKey: string;

beforeAll(async () => {
  fileKey = (await client.send(new CreateKeyCommand({ Description: 'made in beforeAll' }))).KeyMetadata!.KeyId!;
  await client.send(new CreateAliasCommand({ AliasName: 'alias/file', TargetKeyId: fileKey }));
});

const keyIds = async () => ((await client.send(new ListKeysCommand({}))).Keys ?? []).map((k) => k.KeyId);

describe('at the top level', () => {
  it('test 1 sees the beforeAll key and alias, with an empty history, and makes a key of its own', async () => {
    expect(kmsFake.calls()).toEqual([]);
    expect((await client.send(new DescribeKeyCommand({ KeyId: 'alias/file' }))).KeyMetadata!.KeyId).toBe(fileKey);
    await client.send(new CreateKeyCommand({ Description: 'made in test 1' }));
    expect(await keyIds()).toHaveLength(2);
    kmsFake.on(ListAliasesCommand).resolves({ Aliases: [] });
  });

  it('test 2 still sees the beforeAll key, but not the key test 1 made, nor its override', async () => {
    expect(kmsFake.calls()).toEqual([]);
    expect(await keyIds()).toEqual([fileKey]);
    const { Aliases } = await client.send(new ListAliasesCommand({ KeyId: fileKey }));
    expect(Aliases!.map((a) => a.AliasName)).toEqual(['alias/file']);
  });
});

describe('a nested describe with a beforeAll of its own', () => {
  let nestedKey: string;
  beforeAll(async () => {
    nestedKey = (await client.send(new CreateKeyCommand({ Description: 'made in the nested beforeAll' }))).KeyMetadata!.KeyId!;
  });

  it('sees the file key and its own beforeAll key, and nothing an earlier test made', async () => {
    expect((await keyIds()).sort()).toEqual([fileKey, nestedKey].sort());
    await client.send(new CreateKeyCommand({}));
  });

  it('the next test sees the same two keys', async () => {
    expect((await keyIds()).sort()).toEqual([fileKey, nestedKey].sort());
  });
});

describe('the fake clock is part of the per-test state', () => {
  let timeAtStart: number;
  it('test 1 deletes the beforeAll key by moving the clock past its deletion window', async () => {
    timeAtStart = kmsFake.now().getTime();
    await client.send(new ScheduleKeyDeletionCommand({ KeyId: fileKey, PendingWindowInDays: 7 }));
    kmsFake.advanceTime(8 * 24 * 60 * 60 * 1000);
    await expect(client.send(new DescribeKeyCommand({ KeyId: fileKey }))).rejects.toBeInstanceOf(NotFoundException);
  });

  it('test 2 finds the key enabled and the clock back where it was', async () => {
    expect((await client.send(new DescribeKeyCommand({ KeyId: fileKey }))).KeyMetadata!.KeyState).toBe('Enabled');
    expect(kmsFake.now().getTime() - timeAtStart).toBeLessThan(24 * 60 * 60 * 1000);
  });
});

let scopedKey: string;
describe('a block that scopes its beforeAll keys with snapshot and rollback', () => {
  let saved: ReturnType<typeof kmsFake.snapshot>;
  beforeAll(async () => {
    saved = kmsFake.snapshot();
    scopedKey = (await client.send(new CreateKeyCommand({ Description: 'this block only' }))).KeyMetadata!.KeyId!;
  });
  afterAll(() => kmsFake.rollback(saved));
  it('sees its own key', async () => {
    expect(await keyIds()).toContain(scopedKey);
  });
});

describe('the block after it', () => {
  it('sees the file key but not the scoped key', async () => {
    const ids = await keyIds();
    expect(ids).toContain(fileKey);
    expect(ids).not.toContain(scopedKey);
  });
});
