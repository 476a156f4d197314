import type { GrantConstraints } from '@aws-sdk/client-kms';
import type { KeyRecord, RegionState } from '../store';
import type { ConditionValues } from './conditions';
import type { Caller } from './principals';

/**
 * The condition keys a request carries (developer guide: AWS KMS condition keys; IAM: global
 * condition keys). A key the request does not carry is absent, as AWS leaves it: kms:ViaService
 * and kms:GrantIsForAWSResource (no AWS service calls through the fake), aws:SourceIp (no network).
 */

type Input = Readonly<Record<string, unknown>>;
type Context = Readonly<Record<string, string>> | undefined;

/** The encryption context the action is asked with: ReEncrypt's source for ReEncryptFrom, its destination for ReEncryptTo. */
export function encryptionContextOf(action: string, input: Input): Readonly<Record<string, string>> {
  const pick = (name: string) => input[name] as Context;
  if (action === 'kms:ReEncryptFrom') return pick('SourceEncryptionContext') ?? {};
  if (action === 'kms:ReEncryptTo') return pick('DestinationEncryptionContext') ?? {};
  if (action === 'kms:CreateGrant') {
    const c = input.Constraints as GrantConstraints | undefined;
    return c?.EncryptionContextEquals ?? c?.EncryptionContextSubset ?? {};
  }
  return pick('EncryptionContext') ?? {};
}

/** aws:PrincipalArn: for a role session, the role (without its path, which the session ARN does not carry). */
const principalArnOf = (caller: Caller) =>
  caller.kind === 'assumed-role' ? `arn:${caller.partition}:iam::${caller.accountId}:role/${caller.roleName}` : caller.arn;

const ENCRYPTING = /^kms:(Encrypt|Decrypt|ReEncrypt(From|To)|GenerateDataKey(WithoutPlaintext)?)$/;

export interface RequestFacts {
  readonly caller: Caller;
  readonly action: string;
  readonly input: Input;
  /** The Region the request is sent to, and when (the fake's clock). */
  readonly region: string;
  readonly now: Date;
  readonly key?: KeyRecord;
  /** The key's region, for kms:ResourceAliases. */
  readonly keyRegion?: RegionState;
}

export function conditionValuesOf({ caller, action, input, region, now, key, keyRegion }: RequestFacts): ConditionValues {
  const values = new Map<string, readonly string[]>();
  const set = (name: string, value: string | boolean | number | readonly string[] | undefined) => {
    if (value !== undefined) values.set(name.toLowerCase(), Array.isArray(value) ? value : [String(value)]);
  };
  set('aws:PrincipalArn', principalArnOf(caller));
  set('aws:PrincipalAccount', caller.accountId);
  set('kms:CallerAccount', caller.accountId);
  // Global keys every request to AWS carries (IAM: global condition context keys); the SDK calls over HTTPS.
  set('aws:RequestedRegion', region);
  set('aws:SecureTransport', true);
  set('aws:CurrentTime', now.toISOString());
  set('aws:EpochTime', Math.floor(now.getTime() / 1000));
  const context = encryptionContextOf(action, input);
  if (ENCRYPTING.test(action) || action === 'kms:CreateGrant' || Object.keys(context).length > 0) {
    for (const [k, v] of Object.entries(context)) set(`kms:EncryptionContext:${k}`, v);
    if (Object.keys(context).length > 0) set('kms:EncryptionContextKeys', Object.keys(context));
  }
  const algorithm = action === 'kms:ReEncryptFrom' ? input.SourceEncryptionAlgorithm : action === 'kms:ReEncryptTo' ? input.DestinationEncryptionAlgorithm : input.EncryptionAlgorithm;
  // API Reference: an omitted EncryptionAlgorithm is SYMMETRIC_DEFAULT, and the condition key sees that value.
  set('kms:EncryptionAlgorithm', (algorithm as string | undefined) ?? (ENCRYPTING.test(action) ? 'SYMMETRIC_DEFAULT' : undefined));
  set('kms:SigningAlgorithm', input.SigningAlgorithm as string | undefined);
  set('kms:MacAlgorithm', input.MacAlgorithm as string | undefined);
  set('kms:KeyAgreementAlgorithm', input.KeyAgreementAlgorithm as string | undefined);
  set('kms:DataKeyPairSpec', input.KeyPairSpec as string | undefined);
  set('kms:BypassPolicyLockoutSafetyCheck', input.BypassPolicyLockoutSafetyCheck as boolean | undefined);
  if (action === 'kms:CreateGrant') {
    const c = input.Constraints as GrantConstraints | undefined;
    set('kms:GrantOperations', input.Operations as string[] | undefined);
    set('kms:GranteePrincipal', input.GranteePrincipal as string | undefined);
    set('kms:RetiringPrincipal', input.RetiringPrincipal as string | undefined);
    set('kms:GrantConstraintType', c?.EncryptionContextEquals ? 'EncryptionContextEquals' : c?.EncryptionContextSubset ? 'EncryptionContextSubset' : undefined);
  }
  const keyId = (input.KeyId ?? (action === 'kms:ReEncryptTo' ? input.DestinationKeyId : input.SourceKeyId)) as string | undefined;
  const alias = keyId && /(?:^|:)(alias\/.+)$/.exec(keyId)?.[1];
  set('kms:RequestAlias', alias || undefined);
  if (key) {
    set('kms:KeySpec', key.keySpec);
    set('kms:KeyUsage', key.keyUsage);
    set('kms:KeyOrigin', key.origin);
    set('kms:MultiRegion', key.multiRegion);
    const aliases = (keyRegion?.aliases.grouped('target', key.keyId) ?? []).map((a) => a.aliasName);
    if (aliases.length > 0) set('kms:ResourceAliases', aliases);
    for (const [k, v] of key.tags) set(`aws:ResourceTag/${k}`, v);
  } else if (action === 'kms:CreateKey') {
    set('kms:KeySpec', (input.KeySpec ?? input.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT') as string);
    set('kms:KeyUsage', (input.KeyUsage ?? 'ENCRYPT_DECRYPT') as string);
    set('kms:KeyOrigin', (input.Origin ?? 'AWS_KMS') as string);
    set('kms:MultiRegion', (input.MultiRegion ?? false) as boolean);
  }
  const tags = input.Tags as { TagKey?: string; TagValue?: string }[] | undefined;
  if (tags && tags.length > 0) {
    set('aws:TagKeys', tags.map((t) => t.TagKey ?? ''));
    for (const t of tags) set(`aws:RequestTag/${t.TagKey ?? ''}`, t.TagValue ?? '');
  }
  return values;
}
