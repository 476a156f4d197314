import {
  CreateAliasCommand,
  CreateGrantCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  ListGrantsCommand,
  RetireGrantCommand,
  RevokeGrantCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { expectKmsError } from '../support/errors';
import { ADMIN_ROLE, APP_ROLE, denied, enforcing, keyPolicy } from './support';

/** Grants under enforcement: they allow at once, only their operations, only under their constraints, until retired or revoked. */

const plaintext = new TextEncoder().encode('secret');
const decryptDenied = (p: string, keyArn: string) => denied.noIdentityAllow(p, 'kms:Decrypt', keyArn);

async function keyAndCiphertexts(admin: KMSClient, contexts: Record<string, string>[]) {
  const key = (await admin.send(new CreateKeyCommand({}))).KeyMetadata!;
  const blobs = [];
  for (const EncryptionContext of contexts) blobs.push((await admin.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: plaintext, EncryptionContext }))).CiphertextBlob!);
  return { key, blobs };
}

describe('a grant', () => {
  it('allows its grantee its operations at once, and nothing else', async () => {
    const { admin, as } = enforcing();
    const { key, blobs } = await keyAndCiphertexts(admin, [{}]);
    const app = as(APP_ROLE);
    await expectKmsError(app.send(new DecryptCommand({ CiphertextBlob: blobs[0] })), 'AccessDeniedException', decryptDenied(APP_ROLE, key.Arn!));
    const { GrantToken } = await admin.send(new CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: APP_ROLE, Operations: ['Decrypt'] }));
    expect((await app.send(new DecryptCommand({ CiphertextBlob: blobs[0], GrantTokens: [GrantToken!] }))).Plaintext).toEqual(plaintext);
    await expectKmsError(app.send(new DescribeKeyCommand({ KeyId: key.KeyId })), 'AccessDeniedException', denied.noIdentityAllow(APP_ROLE, 'kms:DescribeKey', key.Arn!));
    // Another principal gets nothing from it.
    await expectKmsError(as(ADMIN_ROLE).send(new DecryptCommand({ CiphertextBlob: blobs[0] })), 'AccessDeniedException', decryptDenied(ADMIN_ROLE, key.Arn!));
  });

  it.each([
    ['EncryptionContextSubset', [true, true, false, false]],
    ['EncryptionContextEquals', [true, false, false, false]],
  ] as const)('with an %s constraint allows exactly the matching contexts', async (constraint, expected) => {
    const { admin, as } = enforcing();
    const contexts: Record<string, string>[] = [{ tenant: 'a' }, { tenant: 'a', extra: 'x' }, { tenant: 'b' }, {}];
    const { key, blobs } = await keyAndCiphertexts(admin, contexts);
    await admin.send(new CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: APP_ROLE, Operations: ['Decrypt'], Constraints: { [constraint]: { tenant: 'a' } } }));
    const outcomes = [];
    for (const [i, EncryptionContext] of contexts.entries()) {
      outcomes.push(await as(APP_ROLE).send(new DecryptCommand({ CiphertextBlob: blobs[i], EncryptionContext })).then(() => true, (e: Error) => (e.name === 'AccessDeniedException' ? false : e)));
    }
    expect(outcomes).toEqual(expected);
  });

  it('is named by explain when only its encryption context constraint keeps it from allowing', async () => {
    const { kms, admin } = enforcing();
    const key = (await admin.send(new CreateKeyCommand({}))).KeyMetadata!;
    const { GrantId } = await admin.send(new CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: APP_ROLE, Operations: ['Decrypt'], Constraints: { EncryptionContextSubset: { tenant: 'a' } } }));
    const missed = `; grant ${GrantId} gives the caller this operation, but its encryption context constraint does not hold for this request.`;
    const { reason } = kms.explain(APP_ROLE, 'kms:Decrypt', key.Arn, { tenant: 'b' });
    expect(reason.slice(-missed.length)).toBe(missed);
    expect(kms.explain(APP_ROLE, 'kms:Decrypt', key.Arn, { tenant: 'a' })).toMatchObject({ allowed: true, grantId: GrantId });
    // Not for an operation the grant does not give, nor for another principal.
    expect(kms.explain(APP_ROLE, 'kms:Encrypt', key.Arn, { tenant: 'b' }).reason).not.toContain(GrantId!);
    expect(kms.explain(ADMIN_ROLE, 'kms:Decrypt', key.Arn, { tenant: 'b' }).reason).not.toContain(GrantId!);
  });

  it.each(['retired', 'revoked'] as const)('stops working at once when %s', async (how) => {
    const { admin, as } = enforcing();
    const { key, blobs } = await keyAndCiphertexts(admin, [{}]);
    const app = as(APP_ROLE);
    const { GrantId, GrantToken } = await admin.send(new CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: APP_ROLE, RetiringPrincipal: ADMIN_ROLE, Operations: ['Decrypt'] }));
    await app.send(new DecryptCommand({ CiphertextBlob: blobs[0] }));
    if (how === 'retired') await as(ADMIN_ROLE).send(new RetireGrantCommand({ GrantToken }));
    else await admin.send(new RevokeGrantCommand({ KeyId: key.KeyId, GrantId }));
    await expectKmsError(app.send(new DecryptCommand({ CiphertextBlob: blobs[0] })), 'AccessDeniedException', decryptDenied(APP_ROLE, key.Arn!));
  });
});

describe('RetireGrant', () => {
  it('is for the retiring principal, the grantee when the grant allows RetireGrant, or the account root; not for others', async () => {
    const { admin, as } = enforcing();
    const key = (await admin.send(new CreateKeyCommand({ Policy: keyPolicy({ Effect: 'Allow', Principal: '*', Action: 'kms:RetireGrant', Resource: '*' }) }))).KeyMetadata!;
    const grant = async (Operations: ('Decrypt' | 'RetireGrant')[]) =>
      (await admin.send(new CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: APP_ROLE, RetiringPrincipal: ADMIN_ROLE, Operations }))).GrantId!;
    const other = 'arn:aws:iam::111122223333:user/other';
    const first = await grant(['Decrypt']);
    // A key policy allowing kms:RetireGrant to everyone does not help: the grant decides.
    await expectKmsError(as(other).send(new RetireGrantCommand({ KeyId: key.Arn, GrantId: first })), 'AccessDeniedException', denied.noResourceAllow(other, 'kms:RetireGrant', key.Arn!));
    await expectKmsError(as(APP_ROLE).send(new RetireGrantCommand({ KeyId: key.Arn, GrantId: first })), 'AccessDeniedException', denied.noResourceAllow(APP_ROLE, 'kms:RetireGrant', key.Arn!));
    await as(ADMIN_ROLE).send(new RetireGrantCommand({ KeyId: key.Arn, GrantId: first }));
    await as(APP_ROLE).send(new RetireGrantCommand({ KeyId: key.Arn, GrantId: await grant(['Decrypt', 'RetireGrant']) }));
    await admin.send(new RetireGrantCommand({ KeyId: key.Arn, GrantId: await grant(['Decrypt']) }));
  });

  it('is refused to the retiring principal by an explicit Deny of kms:RetireGrant in its identity policies, and the grant stays', async () => {
    const noRetire = { Statement: [{ Effect: 'Deny', Action: 'kms:RetireGrant', Resource: '*' }] } as const;
    const { admin, as } = enforcing({ identityPolicies: { [ADMIN_ROLE]: [noRetire] } });
    const key = (await admin.send(new CreateKeyCommand({}))).KeyMetadata!;
    const { GrantId } = await admin.send(new CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: APP_ROLE, RetiringPrincipal: ADMIN_ROLE, Operations: ['Decrypt'] }));
    await expectKmsError(
      as(ADMIN_ROLE).send(new RetireGrantCommand({ KeyId: key.Arn, GrantId })),
      'AccessDeniedException',
      `User: ${ADMIN_ROLE} is not authorized to perform: kms:RetireGrant on resource: ${key.Arn!} with an explicit deny in an identity-based policy`,
    );
    expect((await admin.send(new ListGrantsCommand({ KeyId: key.KeyId }))).Grants?.map((g) => g.GrantId)).toEqual([GrantId]);
  });
});

describe('CreateGrant', () => {
  it('refuses a grant of CreateGrant alone (recorded text), in both modes', async () => {
    for (const authorization of ['enforce', 'off'] as const) {
      const { admin } = enforcing({ authorization });
      const key = (await admin.send(new CreateKeyCommand({}))).KeyMetadata!;
      await expectKmsError(
        admin.send(new CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: APP_ROLE, Operations: ['CreateGrant'] })),
        'ValidationException',
        'Grants must not contain only the CreateGrant operation.',
      );
    }
  });

  it('refuses an alias for the key: InvalidArnException (recorded text), as ListGrants and RevokeGrant do', async () => {
    const { admin } = enforcing({ authorization: 'off' });
    const key = (await admin.send(new CreateKeyCommand({}))).KeyMetadata!;
    await admin.send(new CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: key.KeyId }));
    const aliasArn = 'arn:aws:kms:us-east-1:111122223333:alias/app';
    const text = 'Key Aliases are not supported for this operation.';
    await expectKmsError(admin.send(new CreateGrantCommand({ KeyId: 'alias/app', GranteePrincipal: APP_ROLE, Operations: ['Decrypt'] })), 'InvalidArnException', text);
    await expectKmsError(admin.send(new ListGrantsCommand({ KeyId: aliasArn })), 'InvalidArnException', text);
    await expectKmsError(admin.send(new RevokeGrantCommand({ KeyId: 'alias/app', GrantId: 'a'.repeat(64) })), 'InvalidArnException', text);
  });

  it('through a grant: the grantee may pass on at most its own operations, as strictly constrained', async () => {
    const { admin, as } = enforcing();
    const key = (await admin.send(new CreateKeyCommand({}))).KeyMetadata!;
    await admin.send(new CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: APP_ROLE, Operations: ['Decrypt', 'CreateGrant'], Constraints: { EncryptionContextSubset: { tenant: 'a' } } }));
    const app = as(APP_ROLE);
    const pass = (Operations: ('Decrypt' | 'Encrypt')[], subset?: Record<string, string>) =>
      app.send(new CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: ADMIN_ROLE, Operations, ...(subset && { Constraints: { EncryptionContextSubset: subset } }) }));
    await pass(['Decrypt'], { tenant: 'a', app: 'x' });
    const refused = denied.noIdentityAllow(APP_ROLE, 'kms:CreateGrant', key.Arn!);
    await expectKmsError(pass(['Encrypt'], { tenant: 'a' }), 'AccessDeniedException', refused);
    await expectKmsError(pass(['Decrypt']), 'AccessDeniedException', refused);
  });
});
