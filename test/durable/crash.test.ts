import { DescribeKeyCommand, ListAliasesCommand, ListResourceTagsCommand, type AliasListEntry, type KMSClient } from '@aws-sdk/client-kms';
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Acknowledged } from './child/writer';
import { open, stateDirectory } from './support';

/** Acknowledged writes before the parent kills the writer: CreateKey, CreateAlias and TagResource, 200 each. */
const WRITES = 600;

let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
});

/** Starts the writer on `directory`; resolves with every write it acknowledged, once it is dead (killed after `WRITES`). */
function writeUntilKilled(directory: string): Promise<{ acknowledged: Acknowledged[]; signal: NodeJS.Signals | null }> {
  const acknowledged: Acknowledged[] = [];
  const writer = fork(join(__dirname, 'child', 'writer.ts'), [directory, String(WRITES)], {
    execArgv: ['--import', 'tsx'],
    // The test's environment (test/support/env.ts: no AWS_* variables, no instance metadata), which jest keeps apart from the process's.
    env: { ...process.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child = writer;
  return new Promise((resolve, reject) => {
    writer.on('message', (message: Acknowledged) => {
      acknowledged.push(message);
      // Right after the last acknowledgment: nothing the writer does later can make up for a write it acknowledged early.
      if (acknowledged.length === WRITES) writer.kill('SIGKILL');
    });
    writer.on('error', reject);
    writer.on('exit', (_code, signal) => resolve({ acknowledged, signal }));
  });
}

async function allAliases(client: KMSClient): Promise<AliasListEntry[]> {
  const aliases: AliasListEntry[] = [];
  let Marker: string | undefined;
  do {
    const page = await client.send(new ListAliasesCommand({ Limit: 100, ...(Marker && { Marker }) }));
    aliases.push(...page.Aliases!);
    Marker = page.NextMarker;
  } while (Marker);
  return aliases;
}

describe('kill -9 right after an acknowledgment', () => {
  it('loses no acknowledged write', async () => {
    const directory = stateDirectory();
    const { acknowledged, signal } = await writeUntilKilled(directory);
    expect(signal).toBe('SIGKILL');
    expect(acknowledged).toHaveLength(WRITES);

    // The dead writer's lock is stale: a new fake takes the directory over.
    const { client } = open(directory);
    const aliases = new Map((await allAliases(client)).map((a) => [a.AliasName, a.TargetKeyId]));
    const missing: string[] = [];
    for (const write of acknowledged) {
      if (write.kind === 'key') {
        const { KeyMetadata } = await client.send(new DescribeKeyCommand({ KeyId: write.keyId }));
        if (KeyMetadata?.KeyId !== write.keyId) missing.push(`key ${write.keyId}`);
      } else if (write.kind === 'alias') {
        if (aliases.get(write.aliasName) !== write.keyId) missing.push(`alias ${write.aliasName}`);
      } else {
        const { Tags } = await client.send(new ListResourceTagsCommand({ KeyId: write.keyId }));
        if (!Tags?.some((t) => t.TagKey === 'written' && t.TagValue === write.value)) missing.push(`tag ${write.value}`);
      }
    }
    expect(missing).toEqual([]);
  }, 30_000);
});
