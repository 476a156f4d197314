import { KmsFake, type KmsFakeOptions } from './kmsFake';
import { checkOptions } from './options';
import type { ClientClass, InstallOptions } from './plugin/install';

/** Options of {@link installKmsFake}: the fake's own, and how it meets another install. */
export interface InstallKmsFakeOptions extends KmsFakeOptions, InstallOptions {}

/**
 * Fakes every instance of a client class, created before or after this call, through the same
 * plugin (the real middleware stack still runs). `restore()` undoes it exactly. A class another
 * live fake holds (e.g. the one `kms-fake/jest` installs for each test file) is refused unless
 * `override: true` says the new fake is meant to answer until it is restored.
 *
 * @example
 * ```ts
 * const kms = installKmsFake(KMSClient);
 * // ... application code creates its own KMSClient and calls it
 * kms.restore();
 * ```
 */
export function installKmsFake(clientClass: ClientClass, options: InstallKmsFakeOptions = {}): KmsFake {
  checkOptions(options, ['override']);
  const { override, ...fakeOptions } = options;
  return new KmsFake(fakeOptions).installOn(clientClass, override === undefined ? {} : { override });
}
