import type {
  DisableKeyRotationRequest,
  EnableKeyRotationRequest,
  GetKeyRotationStatusRequest,
  KeyMaterialState,
  ListKeyRotationsRequest,
  RotateKeyOnDemandRequest,
  RotationsListEntry,
} from '@aws-sdk/client-kms';
import { rotation as errors } from '../../errors';
import { DAY_MS } from '../clock';
import { isMissing, newMaterial, rotateTo, scheduleRotation } from '../keyMaterials';
import { isPendingDeletion } from '../keyStates';
import { isReplica, primaryArn, primaryOf } from '../replicas';
import { isSymmetricSpec } from '../keySpecs';
import { KEY_ID_OR_ARN } from '../resolveKey';
import type { KeyMaterial, KeyRecord, KeyRotation, Store } from '../store';
import { operation, type OperationGroup } from './operation';
import { keyIdParam, limitParam, markerParam, pageFields, paginate } from './params';

/** RotationPeriodInDays: 90–2560, default 365 (API Reference: EnableKeyRotation). */
const ROTATION_PERIOD = { min: 90, max: 2560, default: 365 };
/** On-demand rotations per key: "a maximum of 25 times per KMS key" (API Reference: RotateKeyOnDemand). */
const ON_DEMAND_LIMIT = 25;

/** Rotation is for symmetric encryption keys only (API Reference: EnableKeyRotation, RotateKeyOnDemand). */
function assertSymmetric(key: KeyRecord): void {
  if (!isSymmetricSpec(key.keySpec)) throw errors.notSymmetric();
}

/**
 * The checks of the calls that change rotation. Rotation is a shared property of a multi-Region
 * key, set on its primary: "To enable or disable automatic rotation of a set of related
 * multi-Region keys, set the property on the primary key" (API Reference: GetKeyRotationStatus),
 * and "invoke the on-demand rotation on the primary key" (API Reference: RotateKeyOnDemand).
 */
function assertRotatable(key: KeyRecord): void {
  assertSymmetric(key);
  if (isReplica(key)) throw errors.onReplica(key.arn, primaryArn(key));
}

const rotationOf = (key: KeyRecord): KeyRotation => (key.rotation ??= { onDemandRotations: 0 });

/**
 * The automatic rotation a key reports, if enabled: GetKeyRotationStatus's answer, which the
 * dashboard shows too. @internal
 */
export function automaticRotationOf(store: Store, key: KeyRecord): KeyRotation['automatic'] {
  // A replica reports its primary's rotation, the shared property (API Reference: GetKeyRotationStatus).
  const automatic = (primaryOf(store, key) ?? key).rotation?.automatic;
  // While a key is pending deletion its rotation status is false (API Reference: GetKeyRotationStatus).
  return isPendingDeletion(key) ? undefined : automatic;
}

const EnableKeyRotation = operation<EnableKeyRotationRequest>({
  input: { KeyId: keyIdParam(), RotationPeriodInDays: { type: 'integer', min: ROTATION_PERIOD.min, max: ROTATION_PERIOD.max } },
  key: { param: 'KeyId', forms: KEY_ID_OR_ARN },
  run(ctx, input, key) {
    assertRotatable(key);
    const periodInDays = input.RotationPeriodInDays ?? ROTATION_PERIOD.default;
    const current = key.rotation?.automatic;
    // A new period counts from the last automatic rotation, or from when rotation was enabled.
    const since = current ? current.nextRotationDate.getTime() - current.periodInDays * DAY_MS : ctx.now.getTime();
    rotationOf(key).automatic = { periodInDays, nextRotationDate: new Date(since + periodInDays * DAY_MS) };
    scheduleRotation(ctx.core, ctx.region, key);
    return {};
  },
});

const DisableKeyRotation = operation<DisableKeyRotationRequest>({
  input: { KeyId: keyIdParam() },
  key: { param: 'KeyId', forms: KEY_ID_OR_ARN },
  run(_ctx, _input, key) {
    assertRotatable(key);
    if (key.rotation) delete key.rotation.automatic;
    return {};
  },
});

const GetKeyRotationStatus = operation<GetKeyRotationStatusRequest>({
  input: { KeyId: keyIdParam() },
  key: { param: 'KeyId', forms: KEY_ID_OR_ARN },
  run(ctx, _input, key) {
    const automatic = automaticRotationOf(ctx.core.store, key);
    return {
      KeyRotationEnabled: automatic !== undefined,
      KeyId: key.arn,
      ...(automatic && { RotationPeriodInDays: automatic.periodInDays, NextRotationDate: automatic.nextRotationDate }),
    };
  },
});

const RotateKeyOnDemand = operation<RotateKeyOnDemandRequest>({
  input: { KeyId: keyIdParam() },
  key: { param: 'KeyId', forms: KEY_ID_OR_ARN },
  run(ctx, _input, key) {
    assertRotatable(key);
    const done = key.rotation?.onDemandRotations ?? 0;
    if (done >= ON_DEMAND_LIMIT) throw errors.onDemandLimit(key.arn);
    const material = key.origin === 'EXTERNAL' ? pendingMaterialOf(key) : newMaterial(ctx, key.keySpec);
    // Every check has passed. Deliberate difference: KMS rotates in the background; the fake completes
    // the rotation before answering, so GetKeyRotationStatus never reports an OnDemandRotationStartDate.
    rotateTo(key, material, ctx.now, 'ON_DEMAND');
    const state = rotationOf(key);
    delete state.pendingMaterial;
    state.onDemandRotations = done + 1;
    // The key ARN (LocalStack test_kms, test_rotate_on_demand_returns_arn_for_key_id, AWS-validated).
    return { KeyId: key.arn };
  },
});

/** Imported keys rotate to material imported beforehand in PENDING_ROTATION (API Reference: RotateKeyOnDemand). */
function pendingMaterialOf(key: KeyRecord): KeyMaterial {
  const pending = key.rotation?.pendingMaterial;
  if (!pending || isMissing(pending)) throw errors.noPendingMaterial(key.arn);
  return pending;
}

const ListKeyRotations = operation<ListKeyRotationsRequest>({
  input: {
    KeyId: keyIdParam(),
    IncludeKeyMaterial: { type: 'string', enum: ['ALL_KEY_MATERIAL', 'ROTATIONS_ONLY'] },
    Limit: limitParam(1000),
    Marker: markerParam,
  },
  key: { param: 'KeyId', forms: KEY_ID_OR_ARN },
  run(_ctx, input, key) {
    assertSymmetric(key);
    const all = input.IncludeKeyMaterial === 'ALL_KEY_MATERIAL';
    const last = key.materials.length - 1;
    const entries = key.materials.flatMap((m, i) =>
      all || m.rotated ? [entryOf(key, m, i === last ? 'CURRENT' : 'NON_CURRENT')] : [],
    );
    const pending = key.rotation?.pendingMaterial;
    if (all && pending) entries.push(entryOf(key, pending, 'PENDING_ROTATION'));
    // Oldest first: the position is the page order.
    const numbered = entries.map((entry, i) => ({ entry, name: String(i).padStart(8, '0') }));
    const page = paginate(numbered, (n) => n.name, input.Limit ?? 100, input.Marker);
    return {
      Rotations: page.items.map((n) => n.entry),
      ...pageFields(page),
    };
  },
});

/** One RotationsListEntry; the import fields only for keys with imported material (API Reference: RotationsListEntry). */
function entryOf(key: KeyRecord, material: KeyMaterial, state: KeyMaterialState): RotationsListEntry {
  const imported = material.imported;
  return {
    KeyId: key.keyId,
    KeyMaterialId: material.id,
    ...(imported && {
      ...(imported.description !== undefined && { KeyMaterialDescription: imported.description }),
      ImportState: imported.present ? ('IMPORTED' as const) : ('PENDING_IMPORT' as const),
    }),
    KeyMaterialState: state,
    ...(imported && { ExpirationModel: imported.expirationModel, ...(imported.validTo && { ValidTo: imported.validTo }) }),
    ...(material.rotated && { RotationDate: material.rotated.date, RotationType: material.rotated.type }),
  };
}

export const rotationOperations: OperationGroup = {
  EnableKeyRotation,
  DisableKeyRotation,
  GetKeyRotationStatus,
  RotateKeyOnDemand,
  ListKeyRotations,
};
