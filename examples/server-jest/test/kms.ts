import { AlreadyExistsException, CreateAliasCommand, CreateKeyCommand, DescribeKeyCommand, KMSClient, NotFoundException } from '@aws-sdk/client-kms';

/** The key globalSetup's fixture declares, behind alias/orders. */
export const ORDERS_KEY_ID = '5f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
export const REGION = 'eu-west-1';

/** A real client for the fake that globalSetup serves: its endpoint and dummy credentials. */
export function kmsClient(): KMSClient {
  const endpoint = process.env.KMS_ENDPOINT;
  if (!endpoint) throw new Error('KMS_ENDPOINT is not set: run these tests with this folder\'s jest.config.js (its globalSetup starts the fake)');
  return new KMSClient({ endpoint, region: REGION, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' } });
}

/**
 * The key behind `alias`, made by whichever test file asks first. Files run in parallel workers
 * in any order, so both sides of the race are handled: the loser of CreateAlias reads the winner's key.
 */
export async function sharedKey(client: KMSClient, alias: string): Promise<string> {
  try {
    return (await client.send(new DescribeKeyCommand({ KeyId: alias }))).KeyMetadata!.KeyId!;
  } catch (error) {
    if (!(error instanceof NotFoundException)) throw error;
  }
  const { KeyMetadata } = await client.send(new CreateKeyCommand({ Description: `behind ${alias}` }));
  try {
    await client.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: KeyMetadata!.KeyId! }));
    return KeyMetadata!.KeyId!;
  } catch (error) {
    if (!(error instanceof AlreadyExistsException)) throw error;
    return (await client.send(new DescribeKeyCommand({ KeyId: alias }))).KeyMetadata!.KeyId!;
  }
}
