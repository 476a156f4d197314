import {
  CreateAliasCommand,
  CreateKeyCommand,
  DisableKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  ReplicateKeyCommand,
  ScheduleKeyDeletionCommand,
  type KMSClient,
  type Tag,
} from '@aws-sdk/client-kms';
import type { KmsFake } from 'kms-fake';

/** The keys a realistic scene holds, by role. */
export interface Scene {
  /** us-east-1: alias/orders, tagged, rotation every 180 days. */
  readonly orders: string;
  /** us-east-1: disabled, alias/legacy. */
  readonly legacy: string;
  /** eu-west-1: pending deletion in 7 days, alias/retired. */
  readonly retired: string;
  /** Multi-Region: primary in us-east-1, replica in eu-west-1 (same key ID), alias/payments in both. */
  readonly payments: string;
  /** eu-west-1: an ECC signing key. */
  readonly signer: string;
}

const createKey = async (client: KMSClient, input: { Description: string; Tags?: Tag[]; KeySpec?: 'ECC_NIST_P256'; KeyUsage?: 'SIGN_VERIFY'; MultiRegion?: boolean }) =>
  (await client.send(new CreateKeyCommand(input))).KeyMetadata!.KeyId!;

/**
 * Keys in two regions, as a service's tests might leave them: aliases, tags, a disabled key, a key
 * pending deletion, a multi-Region primary with its replica, rotation, and one failed call.
 */
export async function buildScene(kms: KmsFake, east: KMSClient, west: KMSClient): Promise<Scene> {
  const orders = await createKey(east, { Description: 'Order service data keys', Tags: [{ TagKey: 'team', TagValue: 'orders' }] });
  await east.send(new CreateAliasCommand({ AliasName: 'alias/orders', TargetKeyId: orders }));
  await east.send(new EnableKeyRotationCommand({ KeyId: orders, RotationPeriodInDays: 180 }));
  const legacy = await createKey(east, { Description: 'Old session tokens' });
  await east.send(new CreateAliasCommand({ AliasName: 'alias/legacy', TargetKeyId: legacy }));
  await east.send(new DisableKeyCommand({ KeyId: legacy }));
  const payments = await createKey(east, { Description: 'Payments, all regions', MultiRegion: true });
  await east.send(new CreateAliasCommand({ AliasName: 'alias/payments', TargetKeyId: payments }));
  await east.send(new ReplicateKeyCommand({ KeyId: payments, ReplicaRegion: 'eu-west-1' }));
  kms.settle();
  await west.send(new CreateAliasCommand({ AliasName: 'alias/payments', TargetKeyId: payments }));
  const retired = await createKey(west, { Description: 'Retired reporting key' });
  await west.send(new CreateAliasCommand({ AliasName: 'alias/retired', TargetKeyId: retired }));
  await west.send(new ScheduleKeyDeletionCommand({ KeyId: retired, PendingWindowInDays: 7 }));
  const signer = await createKey(west, { Description: 'Webhook signatures', KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
  await east.send(new EncryptCommand({ KeyId: 'alias/orders', Plaintext: new TextEncoder().encode('order 1042') }));
  await east.send(new EncryptCommand({ KeyId: 'alias/legacy', Plaintext: new TextEncoder().encode('token') })).catch(() => undefined);
  return { orders, legacy, retired, payments, signer };
}
