// The compat type check of kms-fake/client-mock, whose types extend aws-sdk-client-mock's: like
// those, they need the SDK's @smithy/types, so the harness runs this only where the SDK brings it.
import { DecryptCommand, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { mockClient } from 'kms-fake/client-mock';

const kmsMock = mockClient(KMSClient);
kmsMock.on(ListKeysCommand).resolves({ Keys: [] }).on(DecryptCommand).rejects('boom');
export const first: unknown = kmsMock.commandCalls(ListKeysCommand)[0]?.args[0].input;
kmsMock.restore();
