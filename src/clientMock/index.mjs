// The ESM form of `kms-fake/client-mock`. It imports aws-sdk-client-mock itself, as the test file
// it replaces did, so the stubs are that package's own `AwsStub` however the runner resolves it.
import * as awsSdkClientMock from 'aws-sdk-client-mock';
import core from '../clientMock/createMockClient.js';

export * from 'aws-sdk-client-mock';
export const mockClient = core.createMockClient(awsSdkClientMock);
