import type { RegionProvider } from './kmsFakeMiddleware';

/** The part of a client's resolved config the region fallback touches. */
export interface RegionConfig {
  region?: unknown;
}

interface Fallback {
  readonly original: RegionProvider;
  readonly wrapper: RegionProvider;
  /** The attached fakes' default regions, oldest first; the newest answers. */
  readonly defaults: string[];
}

const fallbacks = new WeakMap<RegionConfig, Fallback>();

/**
 * Makes a client built without a region (`new KMSClient({})`) land in the fake's default region:
 * the client's own region provider (option, `AWS_REGION`, profile, and in newer SDKs IMDS, which
 * `AWS_EC2_METADATA_DISABLED=true` turns off) answers first, and only when it fails (the SDK's
 * "Region is missing") does the fake's default. Clients with a region keep theirs. Returns the
 * exact undo; overlapping calls on one client are undone in any order.
 */
export function fallBackToRegion(config: RegionConfig | undefined, defaultRegion: string): () => void {
  if (!config || typeof config.region !== 'function') return () => undefined;
  let fallback = fallbacks.get(config);
  if (!fallback) fallback = wrap(config, config.region as RegionProvider);
  const own = fallback;
  own.defaults.push(defaultRegion);
  let undone = false;
  return () => {
    if (undone) return;
    undone = true;
    own.defaults.splice(own.defaults.lastIndexOf(defaultRegion), 1);
    if (own.defaults.length > 0) return;
    fallbacks.delete(config);
    if (config.region === own.wrapper) config.region = own.original;
  };
}

function wrap(config: RegionConfig, original: RegionProvider): Fallback {
  // Once the client's own provider has failed, it is not asked again (each try may read files).
  let missing = false;
  const defaults: string[] = [];
  const wrapper: RegionProvider = async () => {
    if (!missing) {
      try {
        const region = await original();
        if (region) return region;
      } catch {
        // "Region is missing": the fake's default answers below.
      }
      missing = true;
    }
    return defaults[defaults.length - 1] ?? (await original());
  };
  const fallback = { original, wrapper, defaults };
  fallbacks.set(config, fallback);
  config.region = wrapper;
  return fallback;
}
