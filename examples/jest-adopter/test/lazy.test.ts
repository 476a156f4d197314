// The setup file installs nothing until the test file requires the SDK: a file that never touches
// KMS pays for neither the SDK nor the fake. This file looks before and after its first require.
import type * as Sdk from '@aws-sdk/client-kms';

const ownSend = (sdk: typeof Sdk) => Object.prototype.hasOwnProperty.call(sdk.KMSClient.prototype, 'send');

it('before the file requires @aws-sdk/client-kms, KMSClient is untouched', () => {
  // requireActual skips the setup file's hook, so this looks at the SDK as the setup left it.
  expect(ownSend(jest.requireActual<typeof Sdk>('@aws-sdk/client-kms'))).toBe(false);
});

it('the first require fakes KMSClient before any client of it can send', async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('@aws-sdk/client-kms') as typeof Sdk;
  expect(ownSend(sdk)).toBe(true);
  const { Keys } = await new sdk.KMSClient({ region: 'eu-west-1' }).send(new sdk.ListKeysCommand({}));
  expect(Keys).toEqual([]);
});
