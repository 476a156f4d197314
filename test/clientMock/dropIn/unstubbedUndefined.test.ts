// aws-sdk-client-mock only: a command nobody stubbed resolves `undefined`. Under
// kms-fake/client-mock it answers from the real fake instead, so ./jest.config.js leaves this file
// out (../unstubbed.test.ts covers that behaviour).
import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';

const kmsMock = mockClient(KMSClient);
afterAll(() => kmsMock.restore());

it('resolves an unstubbed command to undefined', async () => {
  kmsMock.on(DescribeKeyCommand, { KeyId: 'stubbed' }).resolves({});

  expect(await new KMSClient({}).send(new DescribeKeyCommand({ KeyId: 'other' }))).toBeUndefined();
});
