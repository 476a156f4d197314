import { CreateKeyCommand, EncryptCommand } from '@aws-sdk/client-kms';
import { KmsFake, KmsFakeUsageError, type KmsPolicyDocument } from 'kms-fake';
import { setup } from '../support/client';
import { expectKmsError } from '../support/errors';
import { APP_ROLE, denied, keyPolicy, ROOT } from './support';

/** configureAccess: who calls and what is enforced, changed on a fake that already exists (as the setup files' is). */

const plaintext = new TextEncoder().encode('x');
const encryptOnly = keyPolicy({ Sid: 'app encrypts', Effect: 'Allow', Principal: { AWS: APP_ROLE }, Action: 'kms:Encrypt', Resource: '*' });
const onlyCreateKey: KmsPolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:CreateKey', Resource: '*' }] };

it('turns enforcement on and off, and changes the default caller, from the next call on', async () => {
  const { kms, client } = setup();
  const { KeyMetadata } = await client.send(new CreateKeyCommand({ Policy: encryptOnly }));
  const arn = KeyMetadata!.Arn!;
  kms.configureAccess({ principal: APP_ROLE });
  // Not enforced yet: the role may do what the policy does not allow.
  await client.send(new CreateKeyCommand({}));
  kms.configureAccess({ authorization: 'enforce' });
  await client.send(new EncryptCommand({ KeyId: arn, Plaintext: plaintext }));
  await expectKmsError(client.send(new CreateKeyCommand({})), 'AccessDeniedException', denied.noIdentityAllow(APP_ROLE, 'kms:CreateKey', '*'));
  kms.configureAccess({ identityPolicies: { [APP_ROLE]: [onlyCreateKey] } });
  await client.send(new CreateKeyCommand({}));
  // The principal left out keeps its value; the mode put back permits everything again.
  kms.configureAccess({ authorization: 'off', identityPolicies: {} });
  await client.send(new CreateKeyCommand({ Description: 'anything goes' }));
  expect(kms.calls().map((call) => call.principal)).toEqual([ROOT, APP_ROLE, APP_ROLE, APP_ROLE, APP_ROLE, APP_ROLE]);
});

it('is configuration, not state: reset() and rollback() keep it', async () => {
  const { kms, client } = setup();
  const before = kms.snapshot();
  kms.configureAccess({ authorization: 'enforce', principal: APP_ROLE });
  kms.rollback(before);
  kms.reset();
  await expectKmsError(client.send(new CreateKeyCommand({})), 'AccessDeniedException', denied.noIdentityAllow(APP_ROLE, 'kms:CreateKey', '*'));
});

it('refuses what the constructor refuses, and other options, changing nothing', async () => {
  const { kms, client } = setup();
  expect(() => kms.configureAccess({ principal: 'app' })).toThrow(KmsFakeUsageError);
  expect(() => kms.configureAccess({ authorization: 'on' as never })).toThrow(/authorization must be 'enforce' or 'off'/);
  expect(() => kms.configureAccess({ identityPolicies: { app: [] } })).toThrow(/not an IAM principal ARN/);
  expect(() => kms.configureAccess({ accountId: '444455556666' } as never)).toThrow(/no option accountId; the options are principal, authorization, identityPolicies/);
  expect(() => kms.configureAccess(null as never)).toThrow(KmsFakeUsageError);
  // A refused call (a valid mode beside a bad principal) left the fake as it was: permissive, as the root.
  expect(() => kms.configureAccess({ authorization: 'enforce', principal: 'app' })).toThrow(KmsFakeUsageError);
  await client.send(new CreateKeyCommand({}));
  expect(kms.calls()[0]?.principal).toBe(ROOT);
  expect(new KmsFake().explain(ROOT, 'kms:CreateKey').enforced).toBe(false);
});
