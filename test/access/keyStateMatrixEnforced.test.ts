import { CreateKeyCommand, DescribeKeyCommand } from '@aws-sdk/client-kms';
import { setup } from '../support/client';
import { expectKmsError } from '../support/errors';
import { matrixMode, matrixOptions } from '../support/matrixStates';
import { APP_ROLE, clientAs, denied } from './support';
// The matrix registers its cells on import; each reads matrixMode when it runs.
import '../keyStateMatrix.test';

/**
 * The key-state matrix still holds under `authorization: 'enforce'` for a caller the policies allow
 * everything (the account root under the default key policy): authorization adds no answer of its
 * own there. The matrix's cells are test/keyStateMatrix.test.ts's, run again with these options
 * (each reads `matrixMode` when it runs, after this module has set it).
 */
matrixMode.authorization = 'enforce';

describe('the matrix runs enforced', () => {
  it('with fakes that deny a caller the policies do not allow', async () => {
    const { kms, client } = setup(matrixOptions('Enabled'));
    const key = (await client.send(new CreateKeyCommand({}))).KeyMetadata!;
    await expectKmsError(clientAs(kms, APP_ROLE).send(new DescribeKeyCommand({ KeyId: key.KeyId })), 'AccessDeniedException', denied.noIdentityAllow(APP_ROLE, 'kms:DescribeKey', key.Arn!));
  });
});
