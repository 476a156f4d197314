import type { CreateAliasRequest, DeleteAliasRequest, ListAliasesRequest, UpdateAliasRequest } from '@aws-sdk/client-kms';
import { authorize } from '../access/authorize';
import { aliases as aliasErrors, alreadyExists, notFound } from '../../errors';
import { specInfo } from '../keySpecs';
import { KEY_ID_OR_ARN } from '../resolveKey';
import { aliasArn, type AliasRecord, type KeyRecord } from '../store';
import { operation, type OperationContext, type OperationGroup } from './operation';
import { keyIdParam, limitParam, markerParam, pageFields, paginate, paginateIndexed } from './params';
import type { StringShape } from '../shapes';

/** AliasNameType in the KMS model: 1–256 characters of this set. */
const aliasName: StringShape = { type: 'string', required: true, min: 1, max: 256, pattern: /^[a-zA-Z0-9:/_-]+$/ };
const PREFIX = 'alias/';
const RESERVED_PREFIX = 'alias/aws/';

/** The rules an alias name must meet beyond its shape (API Reference: CreateAlias). */
function checkAliasName(input: { AliasName?: string }): void {
  const name = input.AliasName ?? '';
  if (!name.startsWith(PREFIX)) throw aliasErrors.missingPrefix();
  if (name.startsWith(RESERVED_PREFIX)) throw aliasErrors.reserved();
}

/** CreateAlias and UpdateAlias take a key, never another alias. */
function checkTarget(input: { AliasName?: string; TargetKeyId?: string }): void {
  checkAliasName(input);
  const target = input.TargetKeyId ?? '';
  if (target.startsWith(PREFIX) || /^arn:[^:]*:kms:[^:]*:[^:]*:alias\//.test(target)) throw aliasErrors.targetIsAlias();
}

/**
 * Alias operations need permission on the alias, which only identity policies grant (aliases have
 * no policy), and on each key involved, which its key policy grants (developer guide: Controlling
 * access to aliases). The key the request names is authorized by `requireKey`.
 */
function authorizeAlias(ctx: OperationContext, name: string): void {
  authorize(ctx.access, `kms:${ctx.operation}`, undefined, aliasArn(ctx.scope, name));
}

function existingAlias(ctx: OperationContext, name: string): AliasRecord {
  const alias = ctx.region.aliases.get(name);
  if (!alias) throw notFound.alias(aliasArn(ctx.scope, name));
  return alias;
}

const CreateAlias = operation<CreateAliasRequest>({
  input: { AliasName: aliasName, TargetKeyId: keyIdParam() },
  check: checkTarget,
  key: { param: 'TargetKeyId', forms: KEY_ID_OR_ARN },
  run(ctx, input, key) {
    const name = input.AliasName!;
    authorizeAlias(ctx, name);
    if (ctx.region.aliases.has(name)) throw alreadyExists(aliasArn(ctx.scope, name));
    ctx.region.aliases.set(name, {
      aliasName: name,
      aliasArn: aliasArn(ctx.scope, name),
      targetKeyId: key.keyId,
      creationDate: ctx.now,
      lastUpdatedDate: ctx.now,
    });
    return {};
  },
});

/** "Same type" in UpdateAlias: symmetric, asymmetric or HMAC, and the same key usage. */
const keyType = (key: KeyRecord) => {
  const family = specInfo(key.keySpec).family;
  return `${family === 'symmetric' || family === 'hmac' ? family : 'asymmetric'}/${key.keyUsage}`;
};

const UpdateAlias = operation<UpdateAliasRequest>({
  input: { AliasName: aliasName, TargetKeyId: keyIdParam() },
  check: checkTarget,
  key: { param: 'TargetKeyId', forms: KEY_ID_OR_ARN },
  run(ctx, input, key) {
    authorizeAlias(ctx, input.AliasName!);
    const alias = existingAlias(ctx, input.AliasName!);
    const current = ctx.region.keys.get(alias.targetKeyId);
    if (current) authorize(ctx.access, 'kms:UpdateAlias', current);
    if (current && keyType(current) !== keyType(key)) throw aliasErrors.differentKeyType(current.arn, key.arn);
    ctx.region.aliases.set(alias.aliasName, { ...alias, targetKeyId: key.keyId, lastUpdatedDate: ctx.now });
    return {};
  },
});

const DeleteAlias = operation<DeleteAliasRequest>({
  input: { AliasName: aliasName },
  check: checkAliasName,
  run(ctx, input) {
    authorizeAlias(ctx, input.AliasName!);
    const target = ctx.region.keys.get(existingAlias(ctx, input.AliasName!).targetKeyId);
    if (target) authorize(ctx.access, 'kms:DeleteAlias', target);
    ctx.region.aliases.delete(input.AliasName!);
    return {};
  },
});

const ListAliases = operation<ListAliasesRequest>({
  input: { KeyId: keyIdParam(false), Limit: limitParam(100), Marker: markerParam },
  run(ctx, input) {
    const key = input.KeyId === undefined ? undefined : ctx.requireKey(input.KeyId, KEY_ID_OR_ARN);
    const limit = input.Limit ?? 50;
    const page = key
      ? paginate(ctx.region.aliases.grouped('target', key.keyId), (a) => a.aliasName, limit, input.Marker)
      : paginateIndexed(ctx.region.aliases, (a) => a.aliasName, limit, input.Marker);
    return {
      Aliases: page.items.map((a) => ({
        AliasName: a.aliasName,
        AliasArn: a.aliasArn,
        TargetKeyId: a.targetKeyId,
        CreationDate: a.creationDate,
        LastUpdatedDate: a.lastUpdatedDate,
      })),
      ...pageFields(page),
    };
  },
});

export const aliasOperations: OperationGroup = { CreateAlias, UpdateAlias, DeleteAlias, ListAliases };
