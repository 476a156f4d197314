import { KmsError } from '../../errors';
import { conditionsHold, globMatch, type ConditionValues } from './conditions';
import { evaluate, type AccessRequest } from './evaluate';
import { parseKeyPolicy, type PolicyDocument } from './policyDocument';
import { parseCaller, type Caller } from './principals';

const ACCOUNT = '111122223333';
const OTHER = '444455556666';
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const APP = `arn:aws:iam::${ACCOUNT}:role/app`;

function caller(arn: string): Caller {
  const c = parseCaller(arn);
  if (!c) throw new Error(`not a principal: ${arn}`);
  return c;
}

const policy = (...statements: object[]): PolicyDocument => parseKeyPolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }));
const delegation = { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:*', Resource: '*' };

function request(principal: string, action: string, keyPolicy: PolicyDocument | undefined, extra: Partial<AccessRequest> = {}): AccessRequest {
  return {
    caller: caller(principal),
    action,
    resource: keyPolicy ? KEY : '*',
    key: keyPolicy && { accountId: ACCOUNT, policy: keyPolicy },
    identityPolicies: [],
    grants: [],
    grant: { operation: action.slice('kms:'.length), encryptionContext: {} },
    conditions: new Map(),
    ...extra,
  };
}

describe('evaluate', () => {
  it('lets the account root do everything under the default policy, and no one else without an identity policy', () => {
    expect(evaluate(request(ROOT, 'kms:Decrypt', policy(delegation)))).toMatchObject({ allowed: true, statement: { sid: 'Enable IAM User Permissions' } });
    expect(evaluate(request(APP, 'kms:Decrypt', policy(delegation)))).toMatchObject({ allowed: false, denial: 'noIdentityAllow' });
  });

  it('counts identity policies only through the delegation statement', () => {
    const identity = policy({ Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' });
    const onlyApp = policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/other` }, Action: 'kms:*', Resource: '*' });
    expect(evaluate(request(APP, 'kms:Decrypt', policy(delegation), { identityPolicies: [identity] })).allowed).toBe(true);
    expect(evaluate(request(APP, 'kms:Decrypt', onlyApp, { identityPolicies: [identity] }))).toMatchObject({ allowed: false, denial: 'noResourceAllow' });
  });

  it('lets a statement naming a role allow its sessions, for its actions only', () => {
    const p = policy({ Sid: 'app', Effect: 'Allow', Principal: { AWS: APP }, Action: ['kms:Encrypt', 'kms:GenerateDataKey*'], Resource: '*' });
    const session = `arn:aws:sts::${ACCOUNT}:assumed-role/app/s1`;
    expect(evaluate(request(session, 'kms:Encrypt', p)).allowed).toBe(true);
    expect(evaluate(request(session, 'kms:GenerateDataKeyPair', p)).allowed).toBe(true);
    expect(evaluate(request(session, 'kms:Decrypt', p))).toMatchObject({ allowed: false, denial: 'noResourceAllow' });
  });

  it('lets an explicit deny beat an allow, naming the statement', () => {
    const p = policy(delegation, { Sid: 'no-decrypt', Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: '*' });
    expect(evaluate(request(ROOT, 'kms:Decrypt', p))).toMatchObject({ allowed: false, denial: 'explicitResourceDeny', statement: { sid: 'no-decrypt', index: 1 } });
    expect(evaluate(request(ROOT, 'kms:Encrypt', p)).allowed).toBe(true);
  });

  it('reads NotAction and conditions on the encryption context', () => {
    const p = policy({ Effect: 'Allow', Principal: { AWS: APP }, NotAction: 'kms:Decrypt', Resource: '*' },
      { Effect: 'Allow', Principal: { AWS: APP }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:EncryptionContext:tenant': 'a' } } });
    const withTenant = (t: string) => new Map([['kms:encryptioncontext:tenant', [t]]]);
    expect(evaluate(request(APP, 'kms:Encrypt', p)).allowed).toBe(true);
    expect(evaluate(request(APP, 'kms:Decrypt', p, { conditions: withTenant('a') })).allowed).toBe(true);
    expect(evaluate(request(APP, 'kms:Decrypt', p, { conditions: withTenant('b') })).allowed).toBe(false);
  });

  it('needs both the key policy and identity policies across accounts, and answers any other denial as crossAccount', () => {
    const stranger = `arn:aws:iam::${OTHER}:role/app`;
    const naming = policy(delegation, { Effect: 'Allow', Principal: { AWS: OTHER }, Action: 'kms:Encrypt', Resource: '*' });
    const identity = policy({ Effect: 'Allow', Principal: '*', Action: 'kms:Encrypt', Resource: KEY });
    expect(evaluate(request(stranger, 'kms:Encrypt', policy(delegation), { identityPolicies: [identity] }))).toMatchObject({ allowed: false, denial: 'crossAccount' });
    expect(evaluate(request(stranger, 'kms:Encrypt', naming))).toMatchObject({ allowed: false, denial: 'noIdentityAllow' });
    expect(evaluate(request(stranger, 'kms:Encrypt', naming, { identityPolicies: [identity] })).allowed).toBe(true);
    expect(evaluate(request(`arn:aws:iam::${OTHER}:root`, 'kms:Encrypt', naming)).allowed).toBe(true);
  });

  it('decides operations on no key by identity policies alone', () => {
    const identity = policy({ Effect: 'Allow', Principal: '*', Action: 'kms:List*', Resource: '*' });
    expect(evaluate(request(APP, 'kms:ListKeys', undefined, { identityPolicies: [identity] })).allowed).toBe(true);
    expect(evaluate(request(APP, 'kms:CreateKey', undefined, { identityPolicies: [identity] }))).toMatchObject({ allowed: false, denial: 'noIdentityAllow' });
    expect(evaluate(request(ROOT, 'kms:CreateKey', undefined)).allowed).toBe(true);
  });

  it('lets a grant allow its operations for matching encryption contexts only', () => {
    const g = { grantId: 'g1', granteePrincipal: APP, operations: ['Decrypt'], constraints: { EncryptionContextSubset: { tenant: 'a' } } };
    const ask = (op: string, ctx: Record<string, string>) =>
      evaluate(request(APP, `kms:${op}`, policy(delegation), { grants: [g], grant: { operation: op, encryptionContext: ctx } }));
    expect(ask('Decrypt', { tenant: 'a', extra: 'x' })).toMatchObject({ allowed: true, grantId: 'g1' });
    expect(ask('Decrypt', { tenant: 'b' }).allowed).toBe(false);
    expect(ask('Encrypt', { tenant: 'a' }).allowed).toBe(false);
    // Constraint keys are not case-sensitive, values are (API Reference: GrantConstraints).
    expect(ask('Decrypt', { Tenant: 'a' }).allowed).toBe(true);
    expect(ask('Decrypt', { tenant: 'A' }).allowed).toBe(false);
  });
});

describe('conditionsHold', () => {
  const values: ConditionValues = new Map([['kms:encryptioncontextkeys', ['a', 'b']], ['aws:principalaccount', [ACCOUNT]], ['aws:principalarn', [APP]]]);
  it.each([
    [{ 'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['a', 'b', 'c'] } }, true],
    [{ 'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['a'] } }, false],
    [{ 'ForAnyValue:StringLike': { 'kms:EncryptionContextKeys': ['x', 'b*'] } }, true],
    // A set the request lacks: ForAllValues holds (nothing fails it), ForAnyValue fails (nothing matches).
    [{ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a'] } }, true],
    [{ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['a'] } }, false],
    [{ StringNotEquals: { 'kms:CallerAccount': ACCOUNT } }, true],
    [{ StringEquals: { 'kms:CallerAccount': ACCOUNT } }, false],
    [{ StringEqualsIfExists: { 'kms:CallerAccount': OTHER } }, true],
    [{ Null: { 'kms:CallerAccount': 'true', 'aws:PrincipalAccount': 'false' } }, true],
    [{ StringEquals: { 'AWS:PrincipalAccount': ACCOUNT } }, true],
    [{ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/app' } }, true],
    // An ARN wildcard never spans a colon, unlike StringLike's.
    [{ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*' } }, false],
    [{ StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*' } }, true],
  ])('%j is %s', (block, expected) => {
    const { condition } = policy({ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*', Condition: block }).statements[0] ?? {};
    expect(condition && conditionsHold(condition, values)).toBe(expected);
  });
});

describe('globMatch', () => {
  it.each([
    ['kms:*', 'kms:Encrypt', false, true],
    ['kms:ReEncrypt*', 'kms:ReEncryptFrom', false, true],
    ['kms:Re?ncrypt*', 'kms:ReEncryptTo', false, true],
    ['kms:*crypt', 'kms:Decrypt', false, true],
    ['kms:*crypt', 'kms:Decrypt2', false, false],
    ['kms:*a*b', 'kms:aXbXb', false, true],
    ['kms:?', 'kms:', false, false],
    ['KMS:DECRYPT', 'kms:Decrypt', false, false],
    ['KMS:DECRYPT', 'kms:Decrypt', true, true],
    ['a.b', 'axb', false, false],
    ['', '', false, true],
    ['*', '', false, true],
    [`${'*'.repeat(40)}X`, 'x'.repeat(200), false, false],
  ])('%s against %s (ignoreCase %s) is %s', (pattern, value, ignoreCase, expected) => {
    expect(globMatch(pattern, value, ignoreCase)).toBe(expected);
  });
});

describe('parseKeyPolicy', () => {
  const codeOf = (text: string) => {
    try {
      parseKeyPolicy(text);
      return undefined;
    } catch (e) {
      return e instanceof KmsError ? e.wireMessage : 'not a KmsError';
    }
  };
  it('refuses principals that are not in the form of one, as AWS answers', () => {
    expect(codeOf(JSON.stringify({ Statement: [{ ...delegation, Principal: { AWS: `arn:aws::${ACCOUNT}:root` } }] }))).toBe('Policy contains a statement with one or more invalid principals.');
    expect(codeOf(JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] }))).toBe('Policy contains a statement with one or more invalid principals.');
  });
  it('accepts a statement without Action or Resource (it has no effect)', () => {
    const p = parseKeyPolicy(JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: ROOT } }] }));
    expect(evaluate(request(ROOT, 'kms:Encrypt', p))).toMatchObject({ allowed: false, denial: 'noResourceAllow' });
  });
  it('refuses a policy over 32 KB', () => {
    expect(codeOf(JSON.stringify({ Statement: [delegation], pad: 'x'.repeat(32_768) }))).toBe('The key policy exceeds the maximum size of 32768 bytes.');
  });
});
