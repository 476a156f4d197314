import './env';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  KMSClient,
  KMSServiceException,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { KmsFake } from 'kms-fake';
import { createSecretStore, type SealedRecord } from './secretStore';

const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const ALIAS = 'alias/secret-store';

let step = 0;
const log = (line: string) => console.log(`${String(++step).padStart(2)}. ${line}`);

/** Runs `action`, which must fail with a KMS error, and returns that error. */
async function expectKmsError(action: () => Promise<unknown>): Promise<KMSServiceException> {
  try {
    await action();
  } catch (error) {
    if (error instanceof KMSServiceException) return error;
    throw error;
  }
  throw new Error('expected a KMS error, but the call succeeded');
}

/** The envelope-encryption walk-through behind `npm run demo`. */
async function main(): Promise<void> {
  const started = Date.now();
  const kms = new KmsFake();
  const client = new KMSClient({ region: 'eu-central-1' });
  client.middlewareStack.use(kms.plugin());
  log(`KMSClient (eu-central-1) answered by kms-fake, account ${kms.accountId}`);

  const { KeyMetadata } = await client.send(
    new CreateKeyCommand({
      Description: 'Wraps the data keys of the secret store',
      Tags: [{ TagKey: 'app', TagValue: 'secret-store' }],
    }),
  );
  const keyId = KeyMetadata!.KeyId!;
  const keyArn = KeyMetadata!.Arn!;
  log(`CreateKey: ${keyArn} (${KeyMetadata!.KeySpec}, ${KeyMetadata!.KeyState})`);

  await client.send(new CreateAliasCommand({ AliasName: ALIAS, TargetKeyId: keyId }));
  log(`CreateAlias: ${ALIAS} -> ${keyId}`);

  const store = createSecretStore({ kms: client, keyId: ALIAS });
  const records: Record<string, string> = {
    'user-42': 'db password: correct horse battery staple',
    'user-43': 'api token: tok_8f14e45fceea167a',
  };
  const sealed: SealedRecord[] = [];
  for (const [recordId, secret] of Object.entries(records)) {
    const record = await store.seal(recordId, secret);
    sealed.push(record);
    const wrapped = Buffer.from(record.encryptedDataKey, 'base64').length;
    const body = Buffer.from(record.ciphertext, 'base64').length;
    log(`seal ${recordId}: ${body}-byte ciphertext, ${wrapped}-byte encrypted data key`);
  }
  const [first, second] = sealed as [SealedRecord, SealedRecord];

  for (const record of sealed) {
    const secret = await store.open(record);
    const verdict = secret === records[record.recordId] ? 'matches' : 'DOES NOT MATCH';
    log(`open ${record.recordId}: "${secret}" (${verdict} the original)`);
  }

  const swapped = await expectKmsError(() => store.open({ ...first, recordId: second.recordId }));
  log(`open ${first.recordId}'s record as ${second.recordId}: ${swapped.name}`);

  // The key-management operations take a key ID or ARN only; aliases are for cryptographic ones.
  await client.send(new DisableKeyCommand({ KeyId: keyId }));
  const disabled = await expectKmsError(() => store.open(first));
  log(`DisableKey, then open ${first.recordId}: ${disabled.name}: ${disabled.message}`);

  await client.send(new EnableKeyCommand({ KeyId: keyId }));
  log(`EnableKey, then open ${first.recordId}: "${await store.open(first)}"`);

  const { DeletionDate } = await client.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
  log(`ScheduleKeyDeletion (7 days): deletion due ${DeletionDate!.toISOString()}`);

  const pending = await expectKmsError(() => store.open(first));
  log(`open ${first.recordId} while pending deletion: ${pending.name}: ${pending.message}`);

  kms.advanceTime(7 * DAY_MS + MINUTE_MS);
  log(`advanceTime(7 days + 1 minute): fake clock now ${kms.now().toISOString()}`);

  const gone = await expectKmsError(() => store.open(first));
  log(`open ${first.recordId} after deletion: ${gone.name}: ${gone.message}`);

  const described = await expectKmsError(() => client.send(new DescribeKeyCommand({ KeyId: keyArn })));
  log(`DescribeKey ${keyId}: ${described.name}`);

  console.log(
    `Summary: sealed and opened ${sealed.length} records; wrong record ID, disabled key, pending deletion ` +
      `and deleted key were each refused by KMS, as expected (${Date.now() - started} ms, no network).`,
  );
}

main().catch((error: unknown) => {
  console.error('demo failed:', error);
  process.exitCode = 1;
});
