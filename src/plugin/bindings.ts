import { attachToStack, forgetResolvedHandlers } from './attach';
import { installOnClass, type ClientClass, type InstallOptions } from './install';
import type { RegionProvider } from './kmsFakeMiddleware';
import { fallBackToRegion } from './region';
import type { KmsFakePlugin, MiddlewareStackLike } from './stack';

/** Anything with a middleware stack: a `KMSClient` of any SDK version, or a single command. */
export interface HasMiddlewareStack {
  readonly middlewareStack: MiddlewareStackLike;
}

/** A client as `attach` sees it: its stack, and the config whose region the fake may supply. */
export type AttachableClient = HasMiddlewareStack & { config?: { region?: RegionProvider | string } };

/**
 * What one fake did to clients, so that all of it can be undone at once: class installs, and
 * attaches not yet undone. `plugin` makes the fake's plugin for a client's region.
 */
export function createClientBindings(
  defaultRegion: string,
  plugin: (region: RegionProvider | string | undefined, principal: string | undefined) => KmsFakePlugin,
) {
  const uninstalls: (() => void)[] = [];
  const detaches = new Set<() => void>();

  function bind(client: AttachableClient, principal?: string, yieldsToClassInstall = false): () => void {
    const unwrapRegion = fallBackToRegion(client.config, defaultRegion);
    const detach = attachToStack(client.middlewareStack, plugin(client.config?.region, principal), yieldsToClassInstall);
    forgetResolvedHandlers(client);
    return () => {
      detach();
      unwrapRegion();
      forgetResolvedHandlers(client);
    };
  }
  /** What a class install attaches to each instance; one object per fake, so a repeated install is recognised. */
  const installer = { attach: (client: AttachableClient) => bind(client) };

  return {
    /** `yieldsToClassInstall`: a class install of another fake answers this client instead (client-mock's instance stubs). */
    attach(client: AttachableClient, principal?: string, yieldsToClassInstall = false): () => void {
      const detach = bind(client, principal, yieldsToClassInstall);
      detaches.add(detach);
      return () => {
        detaches.delete(detach);
        detach();
      };
    },
    install(clientClass: ClientClass, options: InstallOptions): void {
      uninstalls.push(installOnClass(clientClass, installer, options));
    },
    /** Every attach not yet undone, then every install, newest first. */
    undoAll(): void {
      for (const detach of [...detaches].reverse()) detach();
      detaches.clear();
      for (const uninstall of uninstalls.splice(0).reverse()) uninstall();
    },
  };
}
