/**
 * The few shapes the plugin needs from an SDK middleware stack, declared here rather than taken
 * from `@smithy/types`: the public types must compile against every SDK from 3.300 on, whose
 * stacks came from `@aws-sdk/middleware-stack` and then `@smithy/middleware-stack` (majors 1 to 4),
 * and the package must not need any of those type packages installed.
 */

/**
 * Any era's `MiddlewareStack`, as users hold it (`client.middlewareStack`). Parameters are `never`
 * so every era's stack, of any input and output types, is one; kms-fake calls it through
 * {@link UntypedStack}.
 */
export interface MiddlewareStackLike {
  add(middleware: never, options?: never): unknown;
  addRelativeTo(middleware: never, options: never): unknown;
  remove(toRemove: never): unknown;
  use(pluggable: never): unknown;
  applyToStack(stack: never): unknown;
}

/** What `middlewareStack.use(...)` takes: assignable to every era's `Pluggable`. */
export interface KmsFakePlugin {
  applyToStack(stack: MiddlewareStackLike): void;
}

/** Where an entry sits, as the stack's own `add`/`addRelativeTo` options describe it. */
export interface EntryOptions {
  name?: string;
  aliases?: string[];
  tags?: string[];
  step?: 'initialize' | 'serialize' | 'build' | 'finalizeRequest' | 'deserialize';
  priority?: 'high' | 'normal' | 'low';
  relation?: 'before' | 'after';
  toMiddleware?: string;
  override?: boolean;
}

/** Options of an entry placed relative to another, as `addRelativeTo` of every era takes them. */
export interface RelativeEntryOptions extends EntryOptions {
  name: string;
  relation: 'before' | 'after';
  toMiddleware: string;
}

/** A request as every era's serializer builds it (`HttpRequest` from one of several packages). */
export interface RequestLike {
  readonly hostname: string;
  readonly headers: Record<string, string>;
  readonly body?: unknown;
}

/** What flows through a middleware: the command input, and from the serializer on, the request. */
interface HandlerArgs {
  input: object;
  request?: unknown;
}

interface HandlerOutput {
  output: object;
  response?: unknown;
}

type Handler = (args: HandlerArgs) => Promise<HandlerOutput>;

/** The per-send context every era passes (command name and, after the endpoint middleware, the endpoint). */
export type HandlerContext = Record<string, unknown> & {
  commandName?: string;
  endpointV2?: { properties?: Record<string, unknown> };
};

export type Middleware = (next: Handler, context: HandlerContext) => Handler;

/** The stack as kms-fake calls it internally. */
export interface UntypedStack {
  add(middleware: Middleware, options?: EntryOptions): void;
  addRelativeTo(middleware: Middleware, options: EntryOptions): void;
  remove(toRemove: string | Middleware): boolean;
  use(pluggable: { applyToStack(stack: UntypedStack): void }): void;
  applyToStack(stack: UntypedStack): void;
}

export function untyped(stack: MiddlewareStackLike): UntypedStack {
  return stack as unknown as UntypedStack;
}

/** Duck-typed, as the SDK's own `HttpRequest.isInstance` is: older eras' requests are other classes. */
export function isRequestLike(request: unknown): request is RequestLike {
  const r = request as Partial<RequestLike> | undefined;
  return typeof r === 'object' && r !== null && typeof r.hostname === 'string' && typeof r.headers === 'object' && r.headers !== null;
}

/** One entry of a stack, as the stack's own `applyToStack` replays it. */
export interface Entry {
  readonly middleware: Middleware;
  readonly options: EntryOptions;
  readonly relative: boolean;
}

/** The entries of `stack` (every era's stack replays its entries into whatever stack it is given). */
export function entriesOf(stack: UntypedStack): Entry[] {
  const found: Entry[] = [];
  const keep = (relative: boolean) => (middleware: Middleware, options: EntryOptions = {}) => {
    found.push({ middleware, options, relative });
  };
  stack.applyToStack({ add: keep(false), addRelativeTo: keep(true) } as unknown as UntypedStack);
  return found;
}

/** Whether an entry answers to one of `names`, by its name or an alias. */
export function entryNamed(entry: Entry, names: readonly string[]): boolean {
  const own = [entry.options.name, ...(entry.options.aliases ?? [])];
  return own.some((name) => name !== undefined && names.includes(name));
}
