// Drop-in run only (jest.config.js): proves the swap took effect, so the files of this folder did
// run against kms-fake's entries and not the originals.
import { KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';

it('resolves aws-sdk-client-mock to kms-fake/client-mock here', () => {
  const stub = mockClient(KMSClient);
  try {
    expect(stub).toHaveProperty('kmsFake');
  } finally {
    stub.restore();
  }
});
