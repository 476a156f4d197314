import {
  AlreadyExistsException,
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  EncryptCommand,
  ListResourceTagsCommand,
  TagResourceCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { KmsFake } from 'kms-fake';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { failure, fakeClient } from '../support/client';
import { journalOf, open, stateDirectory } from './support';

const createKey = async (client: KMSClient, Description = 'k') => (await client.send(new CreateKeyCommand({ Description }))).KeyMetadata!.KeyId!;
const tagsOf = async (client: KMSClient, KeyId: string) => (await client.send(new ListResourceTagsCommand({ KeyId }))).Tags;
const usageFailure = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a usage error');
};

/** Every `$bytes` value (key material and other byte strings) a state file holds. */
const bytesIn = (path: string) => [...readFileSync(path, 'utf8').matchAll(/"\$bytes":"([^"]+)"/g)].map((m) => m[1]!).filter((b) => b.length >= 16);

describe('the journal', () => {
  it('appends a line per call that changed something, and nothing for a read or a failed call', async () => {
    const directory = stateDirectory();
    const { client } = open(directory);
    const keyId = await createKey(client);
    await client.send(new CreateAliasCommand({ AliasName: 'alias/taken', TargetKeyId: keyId }));
    const before = journalOf(directory).bytes;

    await client.send(new DescribeKeyCommand({ KeyId: keyId }));
    const error = await failure(client.send(new CreateAliasCommand({ AliasName: 'alias/taken', TargetKeyId: keyId })));
    expect(error).toBeInstanceOf(AlreadyExistsException);
    expect(journalOf(directory).bytes).toBe(before);

    await client.send(new TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey: 'a', TagValue: 'b' }] }));
    const after = readFileSync(journalOf(directory).path, 'utf8');
    expect(after.length).toBeGreaterThan(before);
    expect(after.slice(before).split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('is compacted into a fresh snapshot once it outgrows the state, and the state survives that', async () => {
    const directory = stateDirectory();
    const first = open(directory);
    const keyId = await createKey(first.client);
    const initial = journalOf(directory).name;
    // Large records (50 tags of 256 characters), so the journal passes its bound in a few dozen writes.
    const tags = (round: number) => Array.from({ length: 50 }, (_, i) => ({ TagKey: `t${i}`, TagValue: `${round}`.padEnd(256, 'x') }));
    let largest = 0;
    let round = 0;
    while (journalOf(directory).name === initial && round < 200) {
      await first.client.send(new TagResourceCommand({ KeyId: keyId, Tags: tags(++round) }));
      largest = Math.max(largest, journalOf(directory).bytes);
    }
    expect(journalOf(directory).name).not.toBe(initial);
    // It grew to about its bound (1 MiB here: twice the snapshot is less) before one write took it past; then it was emptied.
    expect(largest).toBeGreaterThan(1000 * 1000);
    expect(journalOf(directory).bytes).toBe(0);
    const expected = await tagsOf(first.client, keyId);
    expect(expected).toEqual(expect.arrayContaining(tags(round)));
    expect(expected).toHaveLength(50);
    first.kms.close();
    const second = open(directory);
    expect(await tagsOf(second.client, keyId)).toEqual(expected);
  }, 30_000);

  it('tolerates a torn final line, and appends after what it kept', async () => {
    const directory = stateDirectory();
    const first = open(directory);
    const keyId = await createKey(first.client);
    const withKey = journalOf(directory).bytes;
    await first.client.send(new TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey: 'lost', TagValue: 'in the crash' }] }));
    first.kms.close();
    // A crash mid-append: the last line only half written.
    const { path, bytes } = journalOf(directory);
    truncateSync(path, withKey + Math.floor((bytes - withKey) / 2));

    const second = open(directory);
    expect(await tagsOf(second.client, keyId)).toEqual([]);
    await second.client.send(new TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey: 'kept', TagValue: 'after' }] }));
    second.kms.close();
    const third = open(directory);
    expect(await tagsOf(third.client, keyId)).toEqual([{ TagKey: 'kept', TagValue: 'after' }]);
  });

  it('refuses a corrupt line before the last, naming the file and quoting nothing of it', async () => {
    const directory = stateDirectory();
    const first = open(directory);
    const keyId = await createKey(first.client);
    await first.client.send(new TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey: 'a', TagValue: 'b' }] }));
    first.kms.close();
    const { path } = journalOf(directory);
    const secrets = bytesIn(path);
    expect(secrets.length).toBeGreaterThan(0);
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[0] = lines[0]!.replace('"keys"', '"kyes"');
    writeFileSync(path, lines.join('\n'));

    const error = usageFailure(() => new KmsFake({ stateDirectory: directory }));
    expect(error.message).toBe(`[kms-fake] the state file ${path} is corrupt at line 1; remove the directory, or restore it from a backup`);
    for (const secret of secrets) expect(inspect(error)).not.toContain(secret);
    // The failed open released the directory: trying again reports the same corruption, not a lock.
    expect(usageFailure(() => new KmsFake({ stateDirectory: directory })).message).toBe(error.message);
  });

  it('shows no key material when the restored state is printed', async () => {
    const directory = stateDirectory();
    const first = open(directory);
    await first.client.send(new EncryptCommand({ KeyId: await createKey(first.client), Plaintext: Buffer.from('x') }));
    first.kms.close();
    const secrets = bytesIn(journalOf(directory).path);
    expect(secrets.length).toBeGreaterThan(0);
    const second = open(directory);
    const printed = [inspect(second.kms, { depth: 20 }), inspect(second.kms.snapshot(), { depth: 20 }), JSON.stringify(second.kms.snapshot())].join('\n');
    for (const secret of secrets) expect(printed).not.toContain(secret);
  });
});

describe('the format version', () => {
  it('refuses a directory written by a newer kms-fake', () => {
    const directory = stateDirectory();
    open(directory).kms.close();
    const snapshot = join(directory, 'state.snapshot');
    const lines = readFileSync(snapshot, 'utf8').split('\n');
    // A line is its checksum (the first 22 characters of the SHA-256 of its text, base64url), a space, and its text.
    const header = JSON.stringify({ ...(JSON.parse(lines[0]!.slice(lines[0]!.indexOf(' ') + 1)) as object), format: 2 });
    lines[0] = `${createHash('sha256').update(header).digest('base64url').slice(0, 22)} ${header}`;
    writeFileSync(snapshot, lines.join('\n'));
    expect(usageFailure(() => new KmsFake({ stateDirectory: directory })).message).toBe(
      `[kms-fake] ${snapshot} was written by a newer kms-fake (state format 2; this version reads format 1): upgrade kms-fake`,
    );
  });
});

describe('one process per directory', () => {
  it('refuses a second fake on a live directory, and lets one in once the first is closed', () => {
    const directory = stateDirectory();
    const first = open(directory);
    expect(usageFailure(() => new KmsFake({ stateDirectory: directory })).message).toBe(
      `[kms-fake] the state directory ${directory} is in use by another KmsFake of this process (close() it first): one process per directory`,
    );
    first.kms.close();
    expect(() => open(directory)).not.toThrow();
  });

  it('refuses a directory another live process holds', () => {
    const directory = stateDirectory();
    writeFileSync(join(directory, 'lock'), String(process.ppid));
    expect(usageFailure(() => new KmsFake({ stateDirectory: directory })).message).toBe(
      `[kms-fake] the state directory ${directory} is in use by process ${process.ppid}: one process per directory`,
    );
  });

  it('takes over a lock bearing the pid of this process when no fake of it holds the directory (a server restarted as pid 1)', () => {
    const directory = stateDirectory();
    writeFileSync(join(directory, 'lock'), String(process.pid));
    expect(() => open(directory)).not.toThrow();
  });

  it('takes over the lock of a process that is gone', async () => {
    const directory = stateDirectory();
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(join(directory, 'lock'), String(gone));
    const { client } = open(directory);
    expect(readFileSync(join(directory, 'lock'), 'utf8')).toBe(String(process.pid));
    expect(await createKey(client)).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('close()', () => {
  it('releases the directory, is idempotent, and makes later use a usage error', async () => {
    const directory = stateDirectory();
    const { kms, client } = open(directory);
    const keyId = await createKey(client);
    kms.close();
    kms.close();
    expect(existsSync(join(directory, 'lock'))).toBe(false);
    await expect(client.send(new DescribeKeyCommand({ KeyId: keyId }))).rejects.toThrow('[kms-fake] this KmsFake is closed: a client still uses it');
    expect(() => kms.advanceTime(1)).toThrow('[kms-fake] this KmsFake is closed');
    expect(() => kms.reset()).toThrow('[kms-fake] this KmsFake is closed');
  });

  it('closes a fake without a state directory the same way', async () => {
    const kms = new KmsFake();
    const client = fakeClient(kms);
    await createKey(client);
    kms.close();
    await expect(client.send(new CreateKeyCommand({}))).rejects.toThrow('[kms-fake] this KmsFake is closed: a client still uses it');
    expect(() => kms.load({ keys: [] })).toThrow('[kms-fake] this KmsFake is closed');
  });

  it('refuses a stateDirectory that is not a path', () => {
    expect(() => new KmsFake({ stateDirectory: '' })).toThrow('[kms-fake] stateDirectory must be the path of a directory, not ');
    expect(() => new KmsFake({ stateDirectory: 42 as unknown as string })).toThrow('[kms-fake] stateDirectory must be the path of a directory, not 42');
  });
});
