import { CreateKeyCommand, DecryptCommand, EncryptCommand } from '@aws-sdk/client-kms';
import { KmsFake, KmsFakeUsageError } from 'kms-fake';
import { failure } from '../support/client';
import { APP_ROLE, keyPolicy } from '../access/support';
import { closeServed, credentials, serve } from './support';

/** The `principals` option: the access key ID a request is signed with names its caller. */

afterEach(closeServed);

const AUDIT_ROLE = 'arn:aws:iam::111122223333:role/audit';
const principals = { AKIAAPPEXAMPLE: APP_ROLE, AKIAAUDITEXAMPLE: AUDIT_ROLE };

describe('principals with authorization: enforce', () => {
  async function keyForTheAppRole() {
    const served = await serve({ authorization: 'enforce' }, { principals });
    // Unmapped credentials call as the fake's default principal, the account root.
    const admin = served.client('eu-west-1');
    const policy = keyPolicy({ Effect: 'Allow', Principal: { AWS: APP_ROLE }, Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: '*' });
    const key = (await admin.send(new CreateKeyCommand({ Policy: policy }))).KeyMetadata!;
    const as = (accessKeyId: string) => served.client('eu-west-1', { credentials: credentials(accessKeyId) });
    return { ...served, key, as };
  }

  it('lets the mapped principal the key policy allows encrypt and decrypt', async () => {
    const { key, as } = await keyForTheAppRole();
    const app = as('AKIAAPPEXAMPLE');
    const { CiphertextBlob } = await app.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') }));
    expect(Buffer.from((await app.send(new DecryptCommand({ CiphertextBlob }))).Plaintext!).toString()).toBe('x');
  });

  it('denies another mapped principal, naming it, and records who called', async () => {
    const { kms, key, as } = await keyForTheAppRole();
    const error = await failure(as('AKIAAUDITEXAMPLE').send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') })));
    expect(error.name).toBe('AccessDeniedException');
    expect(error.$fault).toBe('client');
    expect(error.message).toBe(
      `User: ${AUDIT_ROLE} is not authorized to perform: kms:Encrypt on resource: ${key.Arn} because no identity-based policy allows the kms:Encrypt action`,
    );
    expect(kms.commandCalls(EncryptCommand).map((c) => c.principal)).toEqual([AUDIT_ROLE]);
  });
});

describe("listen's options are checked", () => {
  it.each([
    ['not an object', 'arn:aws:iam::111122223333:role/app', /principals must be an object/],
    ['an ARN that names no IAM principal', { AKIAEXAMPLE: 'arn:aws:s3:::bucket' }, /principals\[AKIAEXAMPLE\]: principal must be an IAM principal ARN/],
    ['a value that is no string', { AKIAEXAMPLE: 42 }, /principals\[AKIAEXAMPLE\]/],
    ['a key that is no access key ID', { 'AKIA EXAMPLE': APP_ROLE }, /is not an access key ID/],
  ])('refuses %s with a usage error', async (_, given, message) => {
    const listening = new KmsFake().listen({ principals: given as Record<string, string> });
    await expect(listening).rejects.toThrow(KmsFakeUsageError);
    await expect(listening).rejects.toThrow(message);
  });

  it.each([
    [{ port: 70000 }, 'listen: port must be an integer from 0 to 65535, not 70000'],
    [{ port: 1.5 }, 'listen: port must be an integer from 0 to 65535, not 1.5'],
    [{ host: '' }, 'listen: host must be a host name or address, not '],
    [{ log: 'stderr' }, 'listen: log must be a function taking one line'],
    [{ dashboard: true }, "listen: dashboard must be 'loopback', 'any' or false, not true"],
  ])('refuses %j with a usage error', async (options, message) => {
    await expect(new KmsFake().listen(options as object)).rejects.toThrow(`[kms-fake] ${message}`);
  });

  it('refuses options it does not know, naming those it does', async () => {
    await expect(new KmsFake().listen({ prot: 4599 } as object)).rejects.toThrow(/no option prot; the options are port, host, principals, log, dashboard/);
  });
});
