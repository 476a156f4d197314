import type { MiddlewareStack, Pluggable } from '@smithy/types';
import { PLUGIN_ENTRY_NAMES } from './kmsFakeMiddleware';

interface Entry {
  middleware: unknown;
  options: Record<string, unknown>;
  relative: boolean;
}

interface StackState {
  /** What the stack held under the plugin's names before the first attach (the SDK's auth middlewares). */
  readonly originals: Entry[];
  /** Active attachments, oldest first; the newest one is applied. */
  readonly plugins: Pluggable<object, object>[];
}

const attached = new WeakMap<MiddlewareStack<object, object>, StackState>();

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

/** Removes every plugin entry, then applies the newest attachment, or puts the originals back. */
function reapply(stack: MiddlewareStack<object, object>, state: StackState): void {
  for (const name of PLUGIN_ENTRY_NAMES) stack.remove(name);
  const newest = state.plugins[state.plugins.length - 1];
  if (newest) {
    stack.use(newest);
    return;
  }
  for (const { middleware, options, relative } of state.originals) {
    if (relative) stack.addRelativeTo(middleware as never, options as never);
    else stack.add(middleware as never, options as never);
  }
  attached.delete(stack);
}

/**
 * A client with `cacheMiddleware: true` keeps the handler it resolved per command class (smithy
 * `Client.handlers`), so a stack change would not reach commands it already sent. Dropping the
 * cache, as the SDK's own `send` does when it must not use it, makes the next send resolve anew.
 */
export function forgetResolvedHandlers(client: object): void {
  if ('handlers' in client) delete (client as { handlers?: unknown }).handlers;
}

/**
 * Applies the plugin to one stack and returns its exact undo. Attachments may overlap (an
 * instance attach under a class install, two fakes) and be undone in any order: the newest
 * active one answers, and when none is left the stack is exactly as it was.
 */
export function attachToStack(stack: MiddlewareStack<object, object>, plugin: Pluggable<object, object>): () => void {
  let state = attached.get(stack);
  if (!state) {
    state = { originals: entriesNamed(stack, PLUGIN_ENTRY_NAMES), plugins: [] };
    attached.set(stack, state);
  }
  const own = state;
  own.plugins.push(plugin);
  reapply(stack, own);
  return () => {
    const at = own.plugins.indexOf(plugin);
    if (at === -1) return;
    own.plugins.splice(at, 1);
    reapply(stack, own);
  };
}
