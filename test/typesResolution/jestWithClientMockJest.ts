// A project where some files use kms-fake/jest and others the aws-sdk-client-mock drop-in with its
// matchers: both declare matchers of the same names on jest's Matchers, and they must not clash.
import { EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'kms-fake/client-mock';
import 'kms-fake/client-mock-jest';
import { kmsFake } from 'kms-fake/jest';

const kmsMock = mockClient(KMSClient);
expect(kmsMock).toHaveReceivedCommandWith(EncryptCommand, { KeyId: 'alias/app' });
expect(kmsMock).toReceiveCommandTimes(EncryptCommand, 1);
expect(kmsFake).toHaveReceivedCommandWith(EncryptCommand, { KeyId: 'alias/app' });
expect(kmsFake).not.toHaveReceivedAnyCommand();
