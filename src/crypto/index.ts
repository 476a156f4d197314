import type { CryptoProvider, KeyFamily } from './common';
import { ecc } from './ecc';
import { ed25519 } from './ed25519';
import { hmac } from './hmac';
import { mlDsa } from './mlDsa';
import { mlKem } from './mlKem';
import { rsa } from './rsa';
import { sm2 } from './sm2';

/**
 * The crypto layer: real cryptography, one module per key-spec family. It knows key specs and
 * algorithm names but no key states, no store and no wire.
 * @internal
 */
export * from './common';

/** Symmetric encryption lives in `symmetric.ts` (blob format and context binding). */
const symmetric: CryptoProvider = {};

const providers: Record<KeyFamily, CryptoProvider> = { symmetric, rsa, ecc, ed25519, hmac, sm2, mlDsa, mlKem };

/** The provider of one key family. */
export function providerFor(family: KeyFamily): CryptoProvider {
  return providers[family];
}

