import type { KeySpec } from '@aws-sdk/client-kms';
import { providerFor, type CryptoProvider, type KeyPair } from '../../crypto';
import { keyPairFromPkcs8 } from '../../crypto/keyImport';
import { cryptoGap, noMaterial, noUsableMaterial } from '../../errors';
import { specInfo } from '../keySpecs';
import type { KeyMaterial, KeyRecord } from '../store';
import type { Core } from '../core';

/** The material a key encrypts and signs with now. */
export function currentMaterial(materials: readonly KeyMaterial[]): KeyMaterial | undefined {
  return materials[materials.length - 1];
}

/** The crypto provider of a key's family. */
export const providerOf = (key: KeyRecord): CryptoProvider => providerFor(specInfo(key.keySpec).family);

/**
 * Starts deriving the key pair in the background when the family's key generation is slow
 * (RSA), so CreateKey returns at once. The result is the same pair `keyPairOf` would derive.
 */
export function prepareKeyPair(ctx: { readonly core: Core }, spec: KeySpec, material: KeyMaterial): void {
  const provider = providerFor(specInfo(spec).family);
  if (!provider.keyPairAsync) return;
  const epoch = ctx.core.epoch.current;
  // No need to go on once the pair was derived on first use, or the fake was reset.
  const stop = () => material.keyPair !== undefined || ctx.core.epoch.current !== epoch;
  provider.keyPairAsync(spec, material.secret, stop).then(
    (pair) => {
      material.keyPair ??= pair;
    },
    // A failed background derivation only means the first use derives synchronously.
    () => undefined,
  );
}

/**
 * The key pair of a key's current material: the background derivation's if it is done,
 * otherwise derived now (deterministically from the same seed, so it is the same pair).
 */
export function keyPairOf(key: KeyRecord): KeyPair {
  const material = currentMaterial(key.materials);
  const provider = providerOf(key);
  if (!material) throw noMaterial(key.arn);
  if (!provider.keyPair) throw cryptoGap(provider.gap, `derive ${key.keySpec} keys`);
  // Imported asymmetric material is the caller's PKCS#8 private key, not a seed.
  material.keyPair ??= material.imported
    ? keyPairFromPkcs8(key.keySpec, material.secret)
    : provider.keyPair(key.keySpec, material.secret);
  if (!material.keyPair) throw noUsableMaterial(key.arn);
  return material.keyPair;
}
