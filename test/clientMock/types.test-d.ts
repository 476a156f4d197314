// Type tests for kms-fake/client-mock (checked by `npm run typecheck`): the stub is
// aws-sdk-client-mock's own type for the client, so code written for it type-checks unchanged.
import { DecryptCommand, EncryptCommand, KMS, KMSClient } from '@aws-sdk/client-kms';
import type { KmsFake } from 'kms-fake';
import { mockClient, type AwsClientStub, type AwsStub } from 'kms-fake/client-mock';
import 'kms-fake/client-mock-jest';

const kmsMock: AwsClientStub<KMSClient> = mockClient(KMSClient);
const aggregated: AwsClientStub<KMS> = mockClient(KMS);
const instance: AwsStub<object, { $metadata: object }, unknown> = mockClient(new KMSClient({}));
const fake: KmsFake = mockClient(KMSClient, { seed: 1, accountId: '111122223333' }).kmsFake;

kmsMock.on(EncryptCommand).resolves({ KeyId: 'k' }).on(DecryptCommand).rejects();
kmsMock.on(EncryptCommand, { KeyId: 'k' }, true).resolvesOnce({}).rejectsOnce('once').callsFakeOnce(() => ({}));
aggregated.onAnyCommand().callsFake((input: { KeyId?: string }) => ({ KeyId: input.KeyId }));
const callCount: number = kmsMock.send.callCount;
const keyId: string | undefined = kmsMock.commandCalls(EncryptCommand)[0]?.args[0].input.KeyId;
expect(kmsMock).toHaveReceivedCommandWith(EncryptCommand, { KeyId: 'k' });
expect(kmsMock).toReceiveCommandTimes(EncryptCommand, 1);

// @ts-expect-error -- Decrypt's output has no CiphertextBlob, as with aws-sdk-client-mock
kmsMock.on(DecryptCommand).resolves({ CiphertextBlob: new Uint8Array() });
// @ts-expect-error -- the fake's options are checked too
mockClient(KMSClient, { accountId: 111122223333 });

export { instance, fake, callCount, keyId };
