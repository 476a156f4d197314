import type {
  CancelKeyDeletionRequest,
  CreateKeyRequest,
  DescribeKeyRequest,
  DisableKeyRequest,
  EnableKeyRequest,
  GetKeyLastUsageRequest,
  KeySpec,
  KeyUsageType,
  ListKeysRequest,
  ScheduleKeyDeletionRequest,
  UpdateKeyDescriptionRequest,
} from '@aws-sdk/client-kms';
import { createKey as createKeyErrors, pendingWindow } from '../../errors';
import { DAY_MS } from '../clock';
import { placementOf } from '../customKeyStores';
import { derivedUuid } from '../entropy';
import { keyMetadata } from '../keyMetadata';
import { mergeTags } from '../keyTags';
import { checkGivenPolicy, defaultKeyPolicy } from '../keyPolicy';
import { CUSTOMER_MASTER_KEY_SPECS, isSymmetricSpec, KEY_SPECS, specInfo } from '../keySpecs';
import { initialState, isUnavailable, transition } from '../keyStates';
import { scheduleDeletion } from '../deletion';
import { hasReplicas, singleMemberSet } from '../replicas';
import { makeUnavailable } from '../transients';
import { awaitingImport, newMaterial } from '../keyMaterials';
import { ALL_KEY_ID_FORMS, KEY_ID_OR_ARN } from '../resolveKey';
import { keyArn, PENDING_WINDOW_DAYS, type KeyRecord } from '../store';
import { prepareKeyPair } from './material';
import { operation, type OperationGroup } from './operation';
import {
  descriptionParam,
  grantTokens,
  keyIdParam,
  limitParam,
  markerParam,
  pageFields,
  paginateIndexed,
  policyParam,
  tagList,
} from './params';

const KEY_USAGES = ['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'GENERATE_VERIFY_MAC', 'KEY_AGREEMENT', 'ENCAPSULATE_DECAPSULATE'] as const;
const ORIGINS = ['AWS_KMS', 'EXTERNAL', 'AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE'] as const;

const CreateKey = operation<CreateKeyRequest>({
  input: {
    Policy: policyParam,
    Description: descriptionParam,
    KeyUsage: { type: 'string', enum: KEY_USAGES },
    CustomerMasterKeySpec: { type: 'string', enum: CUSTOMER_MASTER_KEY_SPECS },
    KeySpec: { type: 'string', enum: KEY_SPECS },
    Origin: { type: 'string', enum: ORIGINS },
    CustomKeyStoreId: { type: 'string', min: 1, max: 64 },
    BypassPolicyLockoutSafetyCheck: { type: 'boolean' },
    Tags: tagList,
    MultiRegion: { type: 'boolean' },
    XksKeyId: { type: 'string', min: 1, max: 128 },
  },
  run(ctx, input) {
    if (input.KeySpec && input.CustomerMasterKeySpec) throw createKeyErrors.bothSpecs();
    const keySpec: KeySpec = input.KeySpec ?? input.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT';
    const keyUsage = keyUsageFor(keySpec, input.KeyUsage);
    const origin = input.Origin ?? 'AWS_KMS';
    const placement = placementOf(ctx.region, input, keySpec);
    if (specInfo(keySpec).chinaOnly && ctx.scope.partition !== 'aws-cn') throw createKeyErrors.chinaOnly(keySpec);
    // The default policy passes the lockout check by definition; a given one is checked.
    if (input.Policy !== undefined) checkGivenPolicy(ctx.access, input.Policy, { arn: '*', accountId: ctx.scope.accountId }, input.BypassPolicyLockoutSafetyCheck);
    const policy = input.Policy ?? defaultKeyPolicy(ctx.region);
    const tags = mergeTags(new Map(), input.Tags ?? []);
    const keyId = input.MultiRegion ? `mrk-${ctx.core.entropy.hex(32)}` : ctx.core.entropy.uuid();
    const materials = origin === 'EXTERNAL' ? [] : [newMaterial(ctx, keySpec)];
    const key: KeyRecord = {
      keyId,
      arn: keyArn(ctx.scope, keyId),
      accountId: ctx.scope.accountId,
      region: ctx.scope.region,
      creationDate: ctx.now,
      keySpec,
      keyUsage,
      origin,
      multiRegion: input.MultiRegion === true,
      state: initialState(materials.length > 0),
      description: input.Description ?? '',
      policy,
      tags,
      materials,
      ...placement,
      ...(input.MultiRegion === true && { multiRegionSet: singleMemberSet(ctx.scope.region) }),
    };
    ctx.region.keys.set(keyId, key);
    for (const material of materials) prepareKeyPair(ctx, keySpec, material);
    return { KeyMetadata: keyMetadata(key) };
  },
});

/** KeyUsage defaults to ENCRYPT_DECRYPT only for symmetric keys (API Reference: CreateKey). */
function keyUsageFor(spec: KeySpec, requested: KeyUsageType | undefined): KeyUsageType {
  if (requested === undefined) {
    if (!isSymmetricSpec(spec)) throw createKeyErrors.usageRequired();
    return 'ENCRYPT_DECRYPT';
  }
  if (!(requested in specInfo(spec).usages)) throw createKeyErrors.incompatible(requested, spec);
  return requested;
}

const DescribeKey = operation<DescribeKeyRequest>({
  input: { KeyId: keyIdParam(), GrantTokens: grantTokens },
  key: { param: 'KeyId', forms: ALL_KEY_ID_FORMS },
  run: (_ctx, _input, key) => ({ KeyMetadata: keyMetadata(key) }),
});

const EnableKey = operation<EnableKeyRequest>({
  input: { KeyId: keyIdParam() },
  key: { param: 'KeyId', forms: KEY_ID_OR_ARN },
  run(_ctx, _input, key) {
    // Footnote 12: on an Unavailable key the call succeeds and takes effect once the key is available.
    if (isUnavailable(key)) key.enabledWhenAvailable = true;
    transition(key, 'enable');
    return {};
  },
});

const DisableKey = operation<DisableKeyRequest>({
  input: { KeyId: keyIdParam() },
  key: { param: 'KeyId', forms: KEY_ID_OR_ARN },
  run(_ctx, _input, key) {
    if (isUnavailable(key)) key.enabledWhenAvailable = false;
    transition(key, 'disable');
    return {};
  },
});

const ScheduleKeyDeletion = operation<ScheduleKeyDeletionRequest>({
  input: { KeyId: keyIdParam(), PendingWindowInDays: { type: 'integer', min: 1, max: 365 } },
  check(input) {
    const days = input.PendingWindowInDays ?? PENDING_WINDOW_DAYS.default;
    if (days < PENDING_WINDOW_DAYS.min || days > PENDING_WINDOW_DAYS.max) throw pendingWindow();
  },
  key: { param: 'KeyId', forms: KEY_ID_OR_ARN },
  run(ctx, input, key) {
    const days = input.PendingWindowInDays ?? PENDING_WINDOW_DAYS.default;
    // A primary with replicas waits for them, with no deletion date yet (API Reference: ScheduleKeyDeletion).
    if (hasReplicas(ctx.core.store, key)) {
      transition(key, 'scheduleDeletionAwaitingReplicas');
      key.pendingWindowInDays = days;
      return { KeyId: key.arn, KeyState: key.state, PendingWindowInDays: days };
    }
    const deletionDate = new Date(ctx.now.getTime() + days * DAY_MS);
    transition(key, 'scheduleDeletion');
    key.deletionDate = deletionDate;
    key.pendingWindowInDays = days;
    scheduleDeletion(ctx.core, ctx.region, key);
    return { KeyId: key.arn, DeletionDate: deletionDate, KeyState: key.state, PendingWindowInDays: days };
  },
});

const CancelKeyDeletion = operation<CancelKeyDeletionRequest>({
  input: { KeyId: keyIdParam() },
  key: { param: 'KeyId', forms: KEY_ID_OR_ARN },
  run(ctx, _input, key) {
    transition(key, awaitingImport(key) ? 'cancelDeletionAwaitingImport' : 'cancelDeletion');
    delete key.deletionDate;
    delete key.pendingWindowInDays;
    // Footnote 13: the key kept PendingDeletion while its store was disconnected; now it is unavailable.
    const store = key.customKeyStoreId === undefined ? undefined : ctx.region.customKeyStores.get(key.customKeyStoreId);
    if (store && store.connectionState !== 'CONNECTED') makeUnavailable(key);
    return { KeyId: key.arn };
  },
});

const UpdateKeyDescription = operation<UpdateKeyDescriptionRequest>({
  input: { KeyId: keyIdParam(), Description: { ...descriptionParam, required: true } },
  key: { param: 'KeyId', forms: KEY_ID_OR_ARN },
  run(_ctx, input, key) {
    key.description = input.Description ?? '';
    return {};
  },
});

const ListKeys = operation<ListKeysRequest>({
  input: { Limit: limitParam(1000), Marker: markerParam },
  run(ctx, input) {
    const page = paginateIndexed(ctx.region.keys, (k) => k.keyId, input.Limit ?? 100, input.Marker);
    return {
      Keys: page.items.map((k) => ({ KeyId: k.keyId, KeyArn: k.arn })),
      ...pageFields(page),
    };
  },
});

const GetKeyLastUsage = operation<GetKeyLastUsageRequest>({
  input: { KeyId: keyIdParam() },
  key: { param: 'KeyId', forms: KEY_ID_OR_ARN },
  run(_ctx, _input, key) {
    const usage = key.lastUsage;
    return {
      KeyId: key.keyId,
      KeyLastUsage: usage
        ? {
            Operation: usage.operation,
            Timestamp: usage.timestamp,
            // One CloudTrail event per request: derived from the request ID rather than stored.
            CloudTrailEventId: derivedUuid(usage.requestId, 'cloudtrail'),
            KmsRequestId: usage.requestId,
          }
        : {},
      TrackingStartDate: key.creationDate,
      KeyCreationDate: key.creationDate,
    };
  },
});

export const keyLifecycleOperations: OperationGroup = {
  CreateKey,
  DescribeKey,
  EnableKey,
  DisableKey,
  ScheduleKeyDeletion,
  CancelKeyDeletion,
  UpdateKeyDescription,
  ListKeys,
  GetKeyLastUsage,
};
