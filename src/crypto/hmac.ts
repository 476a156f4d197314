import { createHmac } from 'node:crypto';
import { hashOf, type CryptoProvider } from './common';

/** HMAC_224/256/384/512 keys: node:crypto HMAC over the key's raw secret. */
export const hmac: CryptoProvider = {
  mac: (secret, algorithm, message) => new Uint8Array(createHmac(hashOf(algorithm), secret).update(message).digest()),
};
