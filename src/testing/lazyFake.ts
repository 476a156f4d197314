import type { KmsFake } from '../kmsFake';

/**
 * A stand-in for the fake that creates it on first use: `import { kmsFake } from 'kms-fake/jest'`
 * costs nothing until the test touches it. Methods are bound to the real fake, whose private
 * fields a proxy could not reach; `instanceof KmsFake` holds.
 */
export function lazyFake(real: () => KmsFake): KmsFake {
  return new Proxy({} as KmsFake, {
    get(_target, key) {
      const fake = real();
      const value: unknown = Reflect.get(fake, key, fake);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(fake) : value;
    },
    set: (_target, key, value) => Reflect.set(real(), key, value),
    has: (_target, key) => Reflect.has(real(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor(_target, key) {
      const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
      // The proxy's own target holds none of these, so each is reported as configurable (a proxy invariant).
      return descriptor && { ...descriptor, configurable: true };
    },
  });
}
