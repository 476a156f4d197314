import type { CryptoProvider, KeyFamily } from './common';

/**
 * The crypto layer: real cryptography, one module per key-spec family. It knows key specs and
 * algorithm names but no key states, no store and no wire.
 * @internal
 */
export * from './common';

/** Symmetric encryption lives in `symmetric.ts` (blob format and context binding). */
const symmetric: CryptoProvider = {};

/*
 * Each family's module is required on its first use, not when kms-fake is imported: @noble/curves,
 * @noble/post-quantum and RSA's prime table cost most of the import time, and a test file uses one
 * family or none. `require` caches the module, so later calls are a cache lookup. The `typeof
 * import()` casts keep each provider's type exact.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- on-demand loading is the point */
const load: Record<KeyFamily, () => CryptoProvider> = {
  symmetric: () => symmetric,
  rsa: () => (require('./rsa') as typeof import('./rsa')).rsa,
  ecc: () => (require('./ecc') as typeof import('./ecc')).ecc,
  ed25519: () => (require('./ed25519') as typeof import('./ed25519')).ed25519,
  hmac: () => (require('./hmac') as typeof import('./hmac')).hmac,
  sm2: () => (require('./sm2') as typeof import('./sm2')).sm2,
  mlDsa: () => (require('./mlDsa') as typeof import('./mlDsa')).mlDsa,
  mlKem: () => (require('./mlKem') as typeof import('./mlKem')).mlKem,
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** The provider of one key family, loading its module on first use. */
export function providerFor(family: KeyFamily): CryptoProvider {
  return load[family]();
}
