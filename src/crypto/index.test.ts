import { providerFor, type KeyFamily } from '.';
import { ecc } from './ecc';
import { ed25519 } from './ed25519';
import { hmac } from './hmac';
import { mlDsa } from './mlDsa';
import { mlKem } from './mlKem';
import { rsa } from './rsa';
import { sm2 } from './sm2';
import type { CryptoProvider } from './common';

// providerFor loads each family's module on demand; each family must get its own module's provider.
const EXPECTED: Record<Exclude<KeyFamily, 'symmetric'>, CryptoProvider> = { rsa, ecc, ed25519, hmac, sm2, mlDsa, mlKem };

describe('providerFor', () => {
  it.each(Object.entries(EXPECTED))('gives the %s module’s provider', (family, provider) => {
    expect(providerFor(family as KeyFamily)).toBe(provider);
  });

  it('gives the same provider on every call', () => {
    expect(providerFor('ecc')).toBe(providerFor('ecc'));
  });

  it('gives the symmetric family a provider with no asymmetric capability', () => {
    expect(providerFor('symmetric')).toEqual({});
  });
});
