import { carriesKmsFake } from './attach';
import type { MiddlewareStackLike } from './stack';
import { usageError } from '../errors';

/** A client class such as `KMSClient`: instances have a stack and a `send`. */
export interface ClientClass {
  readonly name: string;
  readonly prototype: { send: (this: unknown, ...args: never[]) => unknown };
}

/** Something that can take over a client: attaches itself and returns the exact undo. */
export interface Installer {
  attach(client: { middlewareStack: MiddlewareStackLike }): () => void;
}

interface Attachment {
  readonly installer: Installer;
  readonly detach: () => void;
}

interface ClassState {
  readonly original: PropertyDescriptor | undefined;
  /** Installers in install order; the last one answers. */
  readonly installers: Installer[];
  /** Which installer each client is attached to; weak, so an install never keeps a client alive. */
  readonly attached: WeakMap<object, Attachment>;
  /** The attached clients, weakly, to find them again on uninstall. */
  readonly clients: Set<WeakRef<object>>;
}

/** How an install meets another live install of the same class. */
export interface InstallOptions {
  /**
   * Let this fake answer for a class another fake already holds, until this one is restored.
   * Default `false`: that is refused, since a second fake silently taking over is a migration trap.
   */
  override?: boolean;
}

const installed = new WeakMap<ClientClass, ClassState>();

/** The `send` a kms-fake wrapper replaced, so a subclass's wrapper can skip its base class's one. */
const wrappedSend = new WeakMap<object, (...args: never[]) => unknown>();

/**
 * Fakes every instance of `clientClass`, created before or after this call: on each instance's
 * first `send`, the current installer's plugin is attached to that instance's own stack (so the
 * real stack still runs). Returns the exact undo; installs may be nested and undone in any order.
 */
export function installOnClass(clientClass: ClientClass, installer: Installer, options: InstallOptions = {}): () => void {
  if (typeof clientClass?.prototype?.send !== 'function') throw usageError('installKmsFake needs a client class such as KMSClient');
  const held = installed.get(clientClass);
  if (held && !options.override && held.installers.some((other) => other !== installer)) {
    throw usageError(
      `${clientClass.name} is already faked by another KmsFake (kms-fake/jest and kms-fake/vitest install one for every test file). ` +
        `Use that fake (import { kmsFake } from 'kms-fake/jest'), restore() the other one first, or pass { override: true } to let this one answer until it is restored`,
    );
  }
  const state = held ?? patch(clientClass);
  // Installing again makes that installer the one that answers.
  const at = state.installers.indexOf(installer);
  if (at !== -1) state.installers.splice(at, 1);
  state.installers.push(installer);
  return () => uninstall(clientClass, state, installer);
}

function patch(clientClass: ClientClass): ClassState {
  const proto = clientClass.prototype;
  const state: ClassState = {
    original: Object.getOwnPropertyDescriptor(proto, 'send'),
    installers: [],
    attached: new WeakMap(),
    clients: new Set(),
  };
  // The nearest patched class decides: a subclass's install does not also run its base class's.
  const send = wrappedSend.get(proto.send) ?? proto.send;
  const wrapper = function sendThroughKmsFake(this: { middlewareStack: MiddlewareStackLike }, ...args: never[]) {
    const current = state.installers[state.installers.length - 1];
    const attachment = state.attached.get(this);
    if (current && attachment?.installer !== current) {
      attachment?.detach();
      if (!attachment) track(state, this);
      state.attached.delete(this);
      // A client the test gave a fake of its own (kms.attach, use(kms.plugin())) keeps it: the class
      // install fakes the clients nobody else did. Otherwise it would silently take over on first send.
      if (!carriesKmsFake(this.middlewareStack)) state.attached.set(this, { installer: current, detach: current.attach(this) });
    }
    return send.apply(this, args);
  };
  wrappedSend.set(wrapper, send);
  Object.defineProperty(proto, 'send', { configurable: true, writable: true, value: wrapper });
  installed.set(clientClass, state);
  return state;
}

/** Remembers a client weakly, dropping references to clients already collected now and then. */
function track(state: ClassState, client: object): void {
  state.clients.add(new WeakRef(client));
  if (state.clients.size % 256 === 0) for (const ref of state.clients) if (!ref.deref()) state.clients.delete(ref);
}

function uninstall(clientClass: ClientClass, state: ClassState, installer: Installer): void {
  const at = state.installers.indexOf(installer);
  if (at === -1) return;
  state.installers.splice(at, 1);
  const last = state.installers.length === 0;
  for (const ref of state.clients) {
    const client = ref.deref();
    const attachment = client && state.attached.get(client);
    if (!client || !attachment || (attachment.installer !== installer && !last)) continue;
    attachment.detach();
    state.attached.delete(client);
    state.clients.delete(ref);
  }
  if (!last) return;
  const proto = clientClass.prototype as object;
  if (state.original) Object.defineProperty(proto, 'send', state.original);
  else delete (proto as { send?: unknown }).send;
  installed.delete(clientClass);
}
