// Run by crash.test.ts in a child process (node --import tsx): `count` writes on a state directory,
// each reported to the parent once its call has answered; then it waits, doing nothing more that
// could write a change late, until the parent kills it.
import { CreateAliasCommand, CreateKeyCommand, KMSClient, TagResourceCommand } from '@aws-sdk/client-kms';
import { KmsFake } from '../../../src/index';

/** What the child reports after each answered call. */
export type Acknowledged = { kind: 'key'; keyId: string } | { kind: 'alias'; keyId: string; aliasName: string } | { kind: 'tag'; keyId: string; value: string };

const send = (message: Acknowledged) => new Promise<void>((resolve, reject) => process.send!(message, undefined, {}, (error) => (error ? reject(error) : resolve())));

async function main(directory: string, count: number): Promise<void> {
  const kms = new KmsFake({ stateDirectory: directory });
  const client = new KMSClient({ region: 'us-east-1', maxAttempts: 1 });
  kms.attach(client);
  let written = 0;
  const acknowledge = async (message: Acknowledged) => {
    await send(message);
    if (++written === count) await new Promise(() => setInterval(() => undefined, 60_000));
  };
  for (let i = 0; ; i++) {
    const keyId = (await client.send(new CreateKeyCommand({ Description: `key ${i}` }))).KeyMetadata!.KeyId!;
    await acknowledge({ kind: 'key', keyId });
    const aliasName = `alias/written-${i}`;
    await client.send(new CreateAliasCommand({ AliasName: aliasName, TargetKeyId: keyId }));
    await acknowledge({ kind: 'alias', keyId, aliasName });
    const value = `value-${i}`;
    await client.send(new TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey: 'written', TagValue: value }] }));
    await acknowledge({ kind: 'tag', keyId, value });
  }
}

main(process.argv[2]!, Number(process.argv[3])).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
