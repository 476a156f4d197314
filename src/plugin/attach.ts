import type { MiddlewareStack, Pluggable } from '@smithy/types';
import { PLUGIN_ENTRY_NAMES } from './kmsFakeMiddleware';

interface Entry {
  middleware: unknown;
  options: Record<string, unknown>;
  relative: boolean;
}

/**
 * The stack's current entries of the given names, read through the stack's own
 * `applyToStack` (which replays every entry into whatever stack it is given).
 */
function entriesNamed(stack: MiddlewareStack<object, object>, names: readonly string[]): Entry[] {
  const found: Entry[] = [];
  const keep = (relative: boolean) => (middleware: unknown, options: Record<string, unknown> = {}) => {
    if (names.includes(String(options.name))) found.push({ middleware, options, relative });
  };
  const collector = { add: keep(false), addRelativeTo: keep(true) };
  stack.applyToStack(collector as unknown as MiddlewareStack<object, object>);
  return found;
}

/**
 * Applies the plugin to one stack and returns the exact undo: the plugin's entries are
 * removed and whatever they replaced (the SDK's auth middlewares) is put back as it was.
 */
export function attachToStack(stack: MiddlewareStack<object, object>, plugin: Pluggable<object, object>): () => void {
  const replaced = entriesNamed(stack, PLUGIN_ENTRY_NAMES);
  stack.use(plugin);
  let attached = true;
  return () => {
    if (!attached) return;
    attached = false;
    for (const name of PLUGIN_ENTRY_NAMES) stack.remove(name);
    for (const { middleware, options, relative } of replaced) {
      if (relative) stack.addRelativeTo(middleware as never, options as never);
      else stack.add(middleware as never, options as never);
    }
  };
}
