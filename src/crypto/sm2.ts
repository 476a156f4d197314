import type { CryptoProvider } from './common';

/**
 * SM2 (China Regions only). Deliberate gap: node:crypto on Node 20 has the SM2 curve but no
 * SM2DSA signatures (SM3 with a distinguishing ID), no SM2PKE encryption and no SM2 key type,
 * and no well-kept JavaScript library does them; SM2 keys can be created and described only.
 */
export const sm2: CryptoProvider = {
  gap: 'kms-fake cannot do SM2 cryptography: node:crypto has no SM2DSA signatures, SM2PKE encryption or SM2 key agreement.',
};
