import { kmsFakeMiddlewareOptions, PLUGIN_ENTRY_NAMES } from './kmsFakeMiddleware';
import { entriesOf, entryNamed, untyped, type Entry, type KmsFakePlugin, type MiddlewareStackLike, type UntypedStack } from './stack';

interface StackState {
  /** What the stack held under the plugin's names before the first attach (the SDK's auth middlewares). */
  readonly originals: Entry[];
  /** Active attachments, oldest first; the newest one is applied. */
  readonly plugins: KmsFakePlugin[];
}

const attached = new WeakMap<object, StackState>();

/**
 * Removes every plugin entry (by name or alias: older stacks know no aliases, newer ones remove
 * an aliased entry by any of its names), then applies the newest attachment, or puts the originals back.
 */
function reapply(stack: UntypedStack, state: StackState): void {
  for (const name of PLUGIN_ENTRY_NAMES) stack.remove(name);
  const newest = state.plugins[state.plugins.length - 1];
  if (newest) {
    stack.use(newest);
    return;
  }
  for (const { middleware, options, relative } of state.originals) {
    if (relative) stack.addRelativeTo(middleware, options);
    else stack.add(middleware, options);
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
export function attachToStack(stackLike: MiddlewareStackLike, plugin: KmsFakePlugin, yieldsToClassInstall = false): () => void {
  if (yieldsToClassInstall) yielding.add(plugin);
  const stack = untyped(stackLike);
  let state = attached.get(stack);
  if (!state) {
    state = { originals: entriesOf(stack).filter((entry) => entryNamed(entry, PLUGIN_ENTRY_NAMES)), plugins: [] };
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

/**
 * Attachments that leave their client to a class install (an instance stub of kms-fake/client-mock:
 * what it does not stub goes to the class's fake, as that entry documents).
 */
const yielding = new WeakSet<KmsFakePlugin>();

const isKmsFakeEntry = (entry: Entry) => entryNamed(entry, [kmsFakeMiddlewareOptions.name]);

/**
 * Whether the test gave this client a fake of its own: an attachment that does not yield to a
 * class install, or a plugin added with `use` (found by its middleware's own name).
 */
export function carriesKmsFake(stackLike: MiddlewareStackLike): boolean {
  const stack = untyped(stackLike);
  const state = attached.get(stack);
  if (state) return state.plugins.some((plugin) => !yielding.has(plugin)) || state.originals.some(isKmsFakeEntry);
  return entriesOf(stack).some(isKmsFakeEntry);
}
