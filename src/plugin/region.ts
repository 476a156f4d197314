/** The part of a client's resolved config the region fallback touches. */
export interface RegionConfig {
  region?: unknown;
  useFipsEndpoint?: unknown;
}

type Provider = () => Promise<unknown>;

/**
 * The config providers that fail when a client has no region, and what each answers instead:
 * `region` itself, and `useFipsEndpoint`, which every era derives from the region the client
 * was built with (a `fips-` region means FIPS), so it fails the same way.
 */
const FALLBACKS = {
  region: (defaultRegion: string): unknown => defaultRegion,
  useFipsEndpoint: (): unknown => false,
} as const;

type Key = keyof typeof FALLBACKS;

interface Fallback {
  readonly originals: Partial<Record<Key, unknown>>;
  readonly wrappers: Partial<Record<Key, Provider>>;
  /** The attached fakes' default regions, oldest first; the newest answers. */
  readonly defaults: string[];
}

const fallbacks = new WeakMap<RegionConfig, Fallback>();

/**
 * Makes a client built without a region (`new KMSClient({})`) land in the fake's default region:
 * the client's own providers (option, `AWS_REGION`, profile, and in newer SDKs IMDS, which
 * `AWS_EC2_METADATA_DISABLED=true` turns off) answer first, and only when they fail (the SDK's
 * "Region is missing") does the fake's default. Clients with a region keep theirs. Returns the
 * exact undo; overlapping calls on one client are undone in any order.
 */
export function fallBackToRegion(config: RegionConfig | undefined, defaultRegion: string): () => void {
  if (!config || typeof config.region !== 'function') return () => undefined;
  const own = fallbacks.get(config) ?? wrap(config);
  own.defaults.push(defaultRegion);
  let undone = false;
  return () => {
    if (undone) return;
    undone = true;
    own.defaults.splice(own.defaults.lastIndexOf(defaultRegion), 1);
    if (own.defaults.length > 0) return;
    fallbacks.delete(config);
    for (const key of Object.keys(own.wrappers) as Key[]) if (config[key] === own.wrappers[key]) config[key] = own.originals[key];
  };
}

function wrap(config: RegionConfig): Fallback {
  const fallback: Fallback = { originals: {}, wrappers: {}, defaults: [] };
  for (const key of Object.keys(FALLBACKS) as Key[]) {
    const original = config[key];
    if (typeof original !== 'function') continue;
    // Once the client's own provider has failed, it is not asked again (each try may read files).
    let missing = false;
    const wrapper: Provider = async () => {
      if (!missing) {
        try {
          return await (original as Provider)();
        } catch {
          missing = true;
        }
      }
      const defaultRegion = fallback.defaults[fallback.defaults.length - 1];
      return defaultRegion === undefined ? (original as Provider)() : FALLBACKS[key](defaultRegion);
    };
    fallback.originals[key] = original;
    fallback.wrappers[key] = wrapper;
    config[key] = wrapper;
  }
  fallbacks.set(config, fallback);
  return fallback;
}
