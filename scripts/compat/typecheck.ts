// The compat type check: compiled with `strict` and `skipLibCheck: false` in a scratch project
// beside one @aws-sdk/client-kms version, so every public .d.ts of kms-fake is checked against it.
import { CreateKeyCommand, DisabledException, EncryptCommand, KMS, KMSClient } from '@aws-sdk/client-kms';
import { KmsFake, fastRetries, installKmsFake, kmsFakeMiddlewareOptions, type KmsCall, type KmsFakeOptions } from 'kms-fake';

const options: KmsFakeOptions = { defaultRegion: 'eu-west-1', seed: 'compat' };
const kms = new KmsFake(options);
const client = new KMSClient({ region: 'eu-west-1', ...fastRetries(2) });
client.middlewareStack.use(kms.plugin());
new CreateKeyCommand({}).middlewareStack.use(kms.plugin({ region: 'eu-west-1' }));
const detach: () => void = kms.attach(new KMSClient({}));
detach();
kms.attach(new KMS({}));

// Where the fake sits, usable as the stack's own options type.
export const placed: Parameters<KMSClient['middlewareStack']['addRelativeTo']>[1] = kmsFakeMiddlewareOptions;

const installed: KmsFake = installKmsFake(KMSClient);
installed.restore();

export async function roundTrip(): Promise<string | undefined> {
  const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
  const calls: readonly KmsCall[] = kms.calls();
  const encrypts = kms.commandCalls(EncryptCommand, { KeyId: KeyMetadata?.KeyId });
  kms.on(EncryptCommand).rejects(new DisabledException({ message: 'off', $metadata: {} }));
  return `${calls.length}:${encrypts.length}:${KeyMetadata?.KeyId ?? ''}`;
}
