import type { KeySpec } from '@aws-sdk/client-kms';
import { specInfo } from '../keySpecs';
import type { KeyMaterial } from '../store';
import type { OperationContext } from './operation';

/** Bytes of seed material kept for key specs whose working key is derived from it. */
const SEED_BYTES = 32;

/**
 * A new version of key material: the raw secret for symmetric and HMAC keys, a seed for the
 * others. The ID is 64 hex digits, as KMS reports `CurrentKeyMaterialId`.
 */
export function newMaterial(ctx: OperationContext, spec: KeySpec): KeyMaterial {
  return {
    id: ctx.core.entropy.hex(64),
    secret: ctx.core.entropy.bytes(specInfo(spec).secretBytes ?? SEED_BYTES),
  };
}

/** The material a key encrypts and signs with now. */
export function currentMaterial(materials: readonly KeyMaterial[]): KeyMaterial | undefined {
  return materials[materials.length - 1];
}
