import type {
  CreateGrantRequest,
  GrantConstraints,
  GrantListEntry,
  GrantOperation,
  KeyUsageType,
  ListGrantsRequest,
  ListRetirableGrantsRequest,
  RetireGrantRequest,
  RevokeGrantRequest,
} from '@aws-sdk/client-kms';
import { grants as grantErrors, pairing } from '../../errors';
import { isSymmetricSpec } from '../keySpecs';
import { KEY_ID_OR_ARN } from '../resolveKey';
import type { Shape, StringShape } from '../shapes';
import { assertMayRetire } from '../access/authorize';
import { keyArn, retiringGroup, rootPrincipal, type GrantRecord, type KeyRecord, type Scope } from '../store';
import { operation, type OperationContext, type OperationGroup } from './operation';
import { dryRunParam, encryptionContext, grantTokens, keyIdParam, limitParam, markerParam, pageFields, paginate } from './params';

/**
 * Grants as recorded state (API Reference: CreateGrant, ListGrants, ListRetirableGrants,
 * RetireGrant, RevokeGrant). The fake models no authorization: a grant permits nothing, and a
 * grant token passed to another operation is only checked for form (precedence.ts, `grantTokens`).
 */

/** Every GrantOperation (the shape's enum); a value new to the SDK fails to compile until it is listed here. */
const GRANT_OPERATIONS = Object.keys({
  Decrypt: true, Encrypt: true, GenerateDataKey: true, GenerateDataKeyWithoutPlaintext: true, ReEncryptFrom: true,
  ReEncryptTo: true, Sign: true, Verify: true, GetPublicKey: true, CreateGrant: true, RetireGrant: true, DescribeKey: true,
  GenerateDataKeyPair: true, GenerateDataKeyPairWithoutPlaintext: true, GenerateMac: true, VerifyMac: true,
  DeriveSharedSecret: true, Encapsulate: true, Decapsulate: true,
} satisfies Record<GrantOperation, true>) as GrantOperation[];

/**
 * The operations a grant may allow on a key: those the key supports (API Reference: CreateGrant,
 * Operations; developer guide: grant operations). Symmetric encryption keys add the data key
 * operations; asymmetric encryption keys add GetPublicKey.
 */
const FITS: Record<KeyUsageType, readonly GrantOperation[]> = {
  ENCRYPT_DECRYPT: ['Encrypt', 'Decrypt', 'ReEncryptFrom', 'ReEncryptTo'],
  SIGN_VERIFY: ['Sign', 'Verify', 'GetPublicKey'],
  GENERATE_VERIFY_MAC: ['GenerateMac', 'VerifyMac'],
  KEY_AGREEMENT: ['DeriveSharedSecret', 'GetPublicKey'],
  ENCAPSULATE_DECAPSULATE: ['Encapsulate', 'Decapsulate', 'GetPublicKey'],
};
const ANY_KEY: readonly GrantOperation[] = ['CreateGrant', 'RetireGrant', 'DescribeKey'];
const SYMMETRIC_ENCRYPTION: readonly GrantOperation[] = ['GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext'];

function operationsFor(key: KeyRecord): ReadonlySet<GrantOperation> {
  const extra = isSymmetricSpec(key.keySpec) ? SYMMETRIC_ENCRYPTION : key.keyUsage === 'ENCRYPT_DECRYPT' ? (['GetPublicKey'] as const) : [];
  return new Set([...ANY_KEY, ...FITS[key.keyUsage], ...extra]);
}

// ---- shapes, with the limits of the KMS service model ----

const principal: StringShape = { type: 'string', min: 1, max: 256, pattern: /^[\w+=,.@:/-]+$/ };
const servicePrincipal: StringShape = { type: 'string', min: 1, max: 256 };
const grantIdParam = (required: boolean): StringShape => ({ type: 'string', required, min: 1, max: 128 });
const grantName: StringShape = { type: 'string', min: 1, max: 256, pattern: /^[a-zA-Z0-9:/_-]+$/ };
const constraintsParam: Shape = {
  type: 'structure',
  members: {
    EncryptionContextSubset: encryptionContext,
    EncryptionContextEquals: encryptionContext,
    SourceArn: { type: 'string', min: 1, max: 2048 },
  },
};
const keyParam = { param: 'KeyId', forms: KEY_ID_OR_ARN } as const;
/** CreateGrant, ListGrants and RevokeGrant take a key ID or key ARN; an alias is InvalidArnException (recorded), before any lookup. */
function rejectAlias(keyId: string | undefined): void {
  if (keyId !== undefined && /^(alias\/|arn:[^:]*:kms:[^:]*:[^:]*:alias\/)/.test(keyId)) throw grantErrors.aliasNotSupported();
}
/** The fake issues 64-hex grant IDs (as AWS's look); anything else cannot name a grant. */
function checkGrantId(grantId: string): void {
  if (!/^[0-9a-f]{64}$/.test(grantId)) throw grantErrors.invalidId(grantId);
}

type Named = readonly [name: string, value: string | undefined];

function exactlyOne([a, av]: Named, [b, bv]: Named): void {
  if (av === undefined && bv === undefined) throw pairing.neither(a, b);
  notBoth([a, av], [b, bv]);
}

function notBoth([a, av]: Named, [b, bv]: Named): void {
  if (av !== undefined && bv !== undefined) throw pairing.both(a, b);
}

// ---- grant tokens: the fake's own format, naming the grant ----

const TOKEN_PREFIX = 'kmsfakegrant1';
/** The prefix, the grant ID, then 64 hex digits of chance: what CreateGrant issues below. */
const TOKEN_FORMAT = new RegExp(`^${TOKEN_PREFIX}([0-9a-f]{64})[0-9a-f]{64}$`);

/** The grant a token of the fake's format names; `undefined` for a token the fake could not have issued. */
export const grantIdOfToken = (token: string): string | undefined => TOKEN_FORMAT.exec(token)?.[1];

/** A token not of the fake's format, or not issued for its grant, is invalid; one of a grant since retired names nothing. */
function grantByToken(ctx: OperationContext, token: string): GrantRecord {
  const grantId = grantIdOfToken(token);
  if (grantId === undefined) throw grantErrors.invalidToken();
  // The grant may be on another account's key (RetireGrant is cross-account): grant IDs are unique.
  const grant = [...ctx.core.store.regions()].find((r) => r.scope.region === ctx.scope.region && r.grants.has(grantId))?.grants.get(grantId);
  if (!grant) throw grantErrors.notFound(grantId);
  if (!grant.tokens.includes(token)) throw grantErrors.invalidToken();
  return grant;
}

/** The ARN of a grant's key: the grant sits in its key's account and region. */
function keyArnOfGrant(ctx: OperationContext, grant: GrantRecord): string {
  const region = [...ctx.core.store.regions()].find((r) => r.grants.get(grant.grantId) === grant);
  return keyArn(region?.scope ?? ctx.scope, grant.keyId);
}

function grantOn(ctx: OperationContext, key: KeyRecord, grantId: string): GrantRecord {
  const grant = ctx.regionOf(key).grants.get(grantId);
  if (!grant || grant.keyId !== key.keyId) throw grantErrors.notFound(grantId);
  return grant;
}

// ---- CreateGrant ----

type GrantFields = Omit<GrantRecord, 'grantId' | 'creationDate' | 'tokens'>;

function fieldsOf(input: CreateGrantRequest, key: KeyRecord): GrantFields {
  const c = input.Constraints ?? {};
  const constraints: GrantConstraints = {
    ...(c.EncryptionContextSubset && { EncryptionContextSubset: { ...c.EncryptionContextSubset } }),
    ...(c.EncryptionContextEquals && { EncryptionContextEquals: { ...c.EncryptionContextEquals } }),
    ...(c.SourceArn !== undefined && { SourceArn: c.SourceArn }),
  };
  return {
    keyId: key.keyId,
    ...(input.Name !== undefined && { name: input.Name }),
    ...(input.GranteePrincipal !== undefined && { granteePrincipal: input.GranteePrincipal }),
    ...(input.GranteeServicePrincipal !== undefined && { granteeServicePrincipal: input.GranteeServicePrincipal }),
    ...(input.RetiringPrincipal !== undefined && { retiringPrincipal: input.RetiringPrincipal }),
    ...(input.RetiringServicePrincipal !== undefined && { retiringServicePrincipal: input.RetiringServicePrincipal }),
    operations: [...(input.Operations ?? [])],
    ...(Object.keys(constraints).length > 0 && { constraints }),
  };
}

const sameMap = (a: Readonly<Record<string, string>> = {}, b: Readonly<Record<string, string>> = {}) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

const sortedOps = (ops: readonly GrantOperation[]) => [...new Set(ops)].sort().join(',');

/** "Identical parameters" of CreateGrant's Name idempotence: everything but the grant tokens and DryRun. */
function sameGrant(a: GrantFields, b: GrantFields): boolean {
  return (
    a.keyId === b.keyId &&
    a.name === b.name &&
    a.granteePrincipal === b.granteePrincipal &&
    a.granteeServicePrincipal === b.granteeServicePrincipal &&
    a.retiringPrincipal === b.retiringPrincipal &&
    a.retiringServicePrincipal === b.retiringServicePrincipal &&
    sortedOps(a.operations) === sortedOps(b.operations) &&
    a.constraints?.SourceArn === b.constraints?.SourceArn &&
    sameMap(a.constraints?.EncryptionContextSubset, b.constraints?.EncryptionContextSubset) &&
    sameMap(a.constraints?.EncryptionContextEquals, b.constraints?.EncryptionContextEquals)
  );
}

const CreateGrant = operation<CreateGrantRequest>({
  input: {
    KeyId: keyIdParam(),
    GranteePrincipal: principal,
    GranteeServicePrincipal: servicePrincipal,
    RetiringPrincipal: principal,
    RetiringServicePrincipal: servicePrincipal,
    Operations: { type: 'list', required: true, member: { type: 'string', enum: GRANT_OPERATIONS } },
    Constraints: constraintsParam,
    GrantTokens: grantTokens,
    Name: grantName,
    DryRun: dryRunParam,
  },
  check(input) {
    rejectAlias(input.KeyId);
    exactlyOne(['GranteePrincipal', input.GranteePrincipal], ['GranteeServicePrincipal', input.GranteeServicePrincipal]);
    notBoth(['RetiringPrincipal', input.RetiringPrincipal], ['RetiringServicePrincipal', input.RetiringServicePrincipal]);
    // A service principal grantee needs a SourceArn constraint and a retiring principal (API Reference: CreateGrant).
    const retiring = input.RetiringPrincipal ?? input.RetiringServicePrincipal;
    if (input.GranteeServicePrincipal !== undefined && (input.Constraints?.SourceArn === undefined || retiring === undefined)) {
      throw grantErrors.servicePrincipalNeeds();
    }
    if (input.Constraints?.EncryptionContextSubset && input.Constraints.EncryptionContextEquals) throw grantErrors.bothContextConstraints();
    if (input.Operations?.length && input.Operations.every((op) => op === 'CreateGrant')) throw grantErrors.onlyCreateGrant();
  },
  key: keyParam,
  run(ctx, input, key) {
    const allowed = operationsFor(key);
    const unfit = (input.Operations ?? []).find((op) => !allowed.has(op));
    if (unfit !== undefined) throw grantErrors.operationNotSupported(unfit, key.arn);
    // Asymmetric and HMAC operations take no encryption context, so neither can such a grant's constraint.
    const c = input.Constraints;
    if ((c?.EncryptionContextSubset || c?.EncryptionContextEquals) && !isSymmetricSpec(key.keySpec)) throw grantErrors.contextConstraintNotSupported();
    ctx.dryRunGate(input);
    const fields = fieldsOf(input, key);
    // With a Name, a repeated request with identical parameters answers the same GrantId and a new token.
    const grants = ctx.regionOf(key).grants;
    const existing = fields.name === undefined ? undefined : grants.grouped('key', key.keyId).find((g) => sameGrant(g, fields));
    const grant: GrantRecord = existing ?? { ...fields, grantId: ctx.core.entropy.hex(64), creationDate: ctx.now, tokens: [] };
    const token = `${TOKEN_PREFIX}${grant.grantId}${ctx.core.entropy.hex(64)}`;
    grant.tokens.push(token);
    grants.set(grant.grantId, grant);
    return { GrantId: grant.grantId, GrantToken: token };
  },
});

// ---- listing ----

/** `scope` is the key's: the grant's key ARN, and the account that issued it. */
function entryOf(scope: Scope, g: GrantRecord): GrantListEntry {
  return {
    KeyId: keyArn(scope, g.keyId),
    GrantId: g.grantId,
    ...(g.name !== undefined && { Name: g.name }),
    CreationDate: g.creationDate,
    ...(g.granteePrincipal !== undefined && { GranteePrincipal: g.granteePrincipal }),
    ...(g.granteeServicePrincipal !== undefined && { GranteeServicePrincipal: g.granteeServicePrincipal }),
    ...(g.retiringPrincipal !== undefined && { RetiringPrincipal: g.retiringPrincipal }),
    ...(g.retiringServicePrincipal !== undefined && { RetiringServicePrincipal: g.retiringServicePrincipal }),
    IssuingAccount: rootPrincipal(scope),
    Operations: [...g.operations],
    ...(g.constraints && { Constraints: g.constraints }),
  };
}

/** Oldest first; grants created at the same instant in grant ID order. */
const orderOf = (g: GrantRecord) => `${String(g.creationDate.getTime()).padStart(16, '0')}/${g.grantId}`;

function listed(scope: Scope, grants: GrantRecord[], input: { Limit?: number | undefined; Marker?: string | undefined }) {
  const page = paginate(grants, orderOf, input.Limit ?? 50, input.Marker);
  return {
    Grants: page.items.map((g) => entryOf(scope, g)),
    ...pageFields(page),
  };
}

const ListGrants = operation<ListGrantsRequest>({
  input: { KeyId: keyIdParam(), GrantId: grantIdParam(false), GranteePrincipal: principal, GranteeServicePrincipal: servicePrincipal, Limit: limitParam(100), Marker: markerParam },
  check(input) {
    rejectAlias(input.KeyId);
    if (input.GrantId !== undefined) checkGrantId(input.GrantId);
    notBoth(['GranteePrincipal', input.GranteePrincipal], ['GranteeServicePrincipal', input.GranteeServicePrincipal]);
  },
  key: keyParam,
  run(ctx, input, key) {
    const region = ctx.regionOf(key);
    const grants = region.grants.grouped('key', key.keyId).filter(
      (g) =>
        (input.GrantId === undefined || g.grantId === input.GrantId) &&
        (input.GranteePrincipal === undefined || g.granteePrincipal === input.GranteePrincipal) &&
        (input.GranteeServicePrincipal === undefined || g.granteeServicePrincipal === input.GranteeServicePrincipal),
    );
    return listed(region.scope, grants, input);
  },
});

/** Names no key: every grant of the account in the region whose retiring principal matches. */
const ListRetirableGrants = operation<ListRetirableGrantsRequest>({
  input: { RetiringPrincipal: principal, RetiringServicePrincipal: servicePrincipal, Limit: limitParam(100), Marker: markerParam },
  check: (input) => exactlyOne(['RetiringPrincipal', input.RetiringPrincipal], ['RetiringServicePrincipal', input.RetiringServicePrincipal]),
  run(ctx, input) {
    return listed(ctx.scope, ctx.region.grants.grouped('retiring', retiringGroup(input)!), input);
  },
});

// ---- retiring and revoking ----

const RetireGrant = operation<RetireGrantRequest>({
  input: { GrantToken: { type: 'string', min: 1, max: 8192 }, KeyId: keyIdParam(false), GrantId: grantIdParam(false), DryRun: dryRunParam },
  check(input) {
    if (input.GrantToken !== undefined) return;
    if (input.KeyId === undefined || input.GrantId === undefined) throw grantErrors.retireTarget();
    checkGrantId(input.GrantId);
  },
  run(ctx, input) {
    let grant: GrantRecord;
    let key: KeyRecord;
    // RetireGrant is not controlled by policies: the grant says who may retire it (assertMayRetire).
    if (input.GrantToken !== undefined) {
      grant = grantByToken(ctx, input.GrantToken);
      // The token names the grant, and so its key, whose state is then checked.
      key = ctx.requireKey(keyArnOfGrant(ctx, grant), KEY_ID_OR_ARN, false);
    } else {
      key = ctx.requireKey(input.KeyId!, KEY_ID_OR_ARN, false);
      grant = grantOn(ctx, key, input.GrantId!);
    }
    assertMayRetire(ctx.access, grant, key);
    ctx.dryRunGate(input);
    ctx.regionOf(key).grants.delete(grant.grantId);
    return {};
  },
});

const RevokeGrant = operation<RevokeGrantRequest>({
  input: { KeyId: keyIdParam(), GrantId: grantIdParam(true), DryRun: dryRunParam },
  check(input) {
    rejectAlias(input.KeyId);
    checkGrantId(input.GrantId ?? '');
  },
  key: keyParam,
  run(ctx, input, key) {
    const grant = grantOn(ctx, key, input.GrantId!);
    ctx.dryRunGate(input);
    ctx.regionOf(key).grants.delete(grant.grantId);
    return {};
  },
});

export const grantOperations: OperationGroup = { CreateGrant, ListGrants, ListRetirableGrants, RetireGrant, RevokeGrant };
