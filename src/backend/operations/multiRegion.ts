import type { ReplicateKeyRequest, UpdatePrimaryRegionRequest } from '@aws-sdk/client-kms';
import { multiRegion, notFound } from '../../errors';
import { keyMetadata } from '../keyMetadata';
import { mergeTags } from '../keyTags';
import { authorize } from '../access/authorize';
import { checkGivenPolicy, defaultKeyPolicy } from '../keyPolicy';
import { assertKeyState, replicaState, transition } from '../keyStates';
import { isPrimary, memberIn, setOf, sharedRotation, writeSet } from '../replicas';
import { KEY_ID_OR_ARN } from '../resolveKey';
import type { StringShape } from '../shapes';
import { keyArn, partitionOf, scopeOf, type KeyRecord, type Scope } from '../store';
import { scheduleReplicaCreated, scheduleUpdateEnd } from '../transients';
import { operation, type OperationGroup } from './operation';
import { descriptionParam, keyIdParam, policyParam, tagList } from './params';

/** A Region ID such as `us-east-1` (KMS service model: RegionType). */
const regionParam: StringShape = { type: 'string', required: true, min: 1, max: 32, pattern: /^([a-z]+-){2,3}\d+$/ };

/** Only a multi-Region primary can be replicated or hand over its role (API Reference: ReplicateKey, UpdatePrimaryRegion). */
function assertPrimary(key: KeyRecord): void {
  if (!isPrimary(key)) throw multiRegion.notPrimary(key.arn);
}

/**
 * The replica of `primary` in `scope`, in `Creating`: the shared properties are the primary's,
 * the independent ones (description, policy, tags) are the request's (developer guide:
 * multi-Region keys, shared and independent properties).
 */
function replicaRecord(primary: KeyRecord, scope: Scope, now: Date, own: Pick<KeyRecord, 'description' | 'policy' | 'tags'>): KeyRecord {
  return {
    keyId: primary.keyId,
    arn: keyArn(scope, primary.keyId),
    accountId: primary.accountId,
    region: scope.region,
    creationDate: now,
    keySpec: primary.keySpec,
    keyUsage: primary.keyUsage,
    origin: primary.origin,
    multiRegion: true,
    state: replicaState(),
    ...own,
    // Shared properties: imported material is imported into each member itself.
    materials: primary.origin === 'EXTERNAL' ? [] : [...primary.materials],
    ...(primary.rotation && { rotation: sharedRotation(primary.rotation, { origin: primary.origin }) }),
  };
}

const ReplicateKey = operation<ReplicateKeyRequest>({
  input: {
    KeyId: keyIdParam(),
    ReplicaRegion: regionParam,
    Policy: policyParam,
    BypassPolicyLockoutSafetyCheck: { type: 'boolean' },
    Description: descriptionParam,
    Tags: tagList,
  },
  key: { param: 'KeyId', forms: KEY_ID_OR_ARN },
  run(ctx, input, primary) {
    const region = input.ReplicaRegion!;
    // The Region is checked before the key's type: a replica replicated into its own Region gets a
    // ValidationException (LocalStack test_kms, test_replicate_replica_key_should_fail, AWS-validated).
    if (region === primary.region) throw multiRegion.sameRegion(region);
    assertPrimary(primary);
    // A replica lives in the primary's partition (API Reference: ReplicateKey).
    if (partitionOf(region) !== ctx.scope.partition) throw multiRegion.otherPartition(region);
    const scope = scopeOf(ctx.scope.accountId, region);
    const existing = memberIn(ctx.core.store, primary, region);
    if (existing) throw multiRegion.replicaExists(existing.arn);
    // Policy, description and tags are independent properties; the default policy is the replica Region's.
    const policy = input.Policy ?? defaultKeyPolicy(ctx.core.store.region(scope));
    if (input.Policy !== undefined) checkGivenPolicy(ctx.access, policy, { arn: keyArn(scope, primary.keyId), accountId: scope.accountId }, input.BypassPolicyLockoutSafetyCheck);
    const tags = mergeTags(new Map(), input.Tags ?? []);
    const replica = replicaRecord(primary, scope, ctx.now, { description: input.Description ?? '', policy, tags });
    ctx.core.store.region(scope).keys.set(replica.keyId, replica);
    const set = setOf(primary);
    writeSet(ctx.core.store, primary, { ...set, regions: [...set.regions, region] });
    scheduleReplicaCreated(ctx.core, replica);
    return {
      ReplicaKeyMetadata: keyMetadata(replica),
      ReplicaPolicy: policy,
      // No ReplicaTags member when the request gives none (recorded: LocalStack test_kms snapshot, test_replicate_key).
      ...(tags.size > 0 && { ReplicaTags: [...tags].map(([TagKey, TagValue]) => ({ TagKey, TagValue })) }),
    };
  },
});

const UpdatePrimaryRegion = operation<UpdatePrimaryRegionRequest>({
  input: { KeyId: keyIdParam(), PrimaryRegion: regionParam },
  key: { param: 'KeyId', forms: KEY_ID_OR_ARN },
  run(ctx, input, primary) {
    assertPrimary(primary);
    const region = input.PrimaryRegion!;
    const target = region === primary.region ? undefined : memberIn(ctx.core.store, primary, region);
    // "There must be an existing replica key in this Region" (API Reference: UpdatePrimaryRegion).
    if (!target) throw notFound.key(keyArn(scopeOf(ctx.scope.accountId, region), primary.keyId));
    // Both keys must be Enabled when the operation starts (developer guide: updating the primary Region).
    // The replica's own key policy must allow it too (API Reference: UpdatePrimaryRegion, Required permissions).
    authorize(ctx.access, 'kms:UpdatePrimaryRegion', target);
    assertKeyState('UpdatePrimaryRegion', target);

    const set = setOf(primary);
    // Deliberate choice: a second update while one is in progress (the key-state table allows it)
    // redirects it; the replica it was heading to is no longer updating.
    const previous = set.updatingTo === undefined || set.updatingTo === region ? undefined : memberIn(ctx.core.store, primary, set.updatingTo);
    if (previous) transition(previous, 'endUpdate');
    const next = { primaryRegion: set.primaryRegion, regions: set.regions, updatingTo: region };
    writeSet(ctx.core.store, primary, next);
    transition(primary, 'startUpdate');
    transition(target, 'startUpdate');
    scheduleUpdateEnd(ctx.core, primary, next);
    return {};
  },
});

export const multiRegionOperations: OperationGroup = { ReplicateKey, UpdatePrimaryRegion };
