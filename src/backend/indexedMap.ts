/**
 * A `Map` by name that also keeps its names in sorted order, so a List* page costs
 * O(log n + page) instead of a sort of every item, and groups its values by fields that never
 * change once stored (a grant's key, an alias's target), so "every X of key K" costs what K has,
 * not what the region has. Everything else uses it as the plain Map it is.
 *
 * The order and the groups are built on first use and kept up to date from then on, so filling
 * the map (a rollback, a fixture load) costs no more than filling a Map.
 *
 * A value's grouping fields must not be changed in place: store a new value under the same name
 * (the index then moves it to its new groups).
 * @internal
 */
export class IndexedMap<V, G extends string = never> extends Map<string, V> {
  /** The sorted names and the groups, once something has read them. */
  #indexed = false;
  readonly #order = new SortedNames();
  readonly #groupBy: Readonly<Record<G, (value: V) => string | undefined>>;
  /** Per group, field value → the names stored with it: one name as itself (most keys have one alias), more as a set. */
  readonly #groups = new Map<G, Map<string, string | Set<string>>>();
  /** Told of every name handed out or written, while a state directory records changes; absent otherwise. */
  #watcher: NameWatcher | undefined;

  constructor(groupBy: Readonly<Record<G, (value: V) => string | undefined>>) {
    super();
    this.#groupBy = groupBy;
    for (const group in groupBy) this.#groups.set(group, new Map());
  }

  /**
   * Tells `watcher` of each name whose value is read, written or deleted (`undefined`: any name,
   * for an iteration), since a value read can then be changed in place. @internal
   */
  watch(watcher: NameWatcher | undefined): void {
    this.#watcher = watcher;
  }

  override get(name: string): V | undefined {
    this.#watcher?.(name);
    return super.get(name);
  }

  // Typed by Map's own methods, not as MapIterator: that name came with TypeScript 5.6, and older ones read these declarations too.
  override values(): ReturnType<Map<string, V>['values']> {
    this.#watcher?.(undefined);
    return super.values();
  }

  /**
   * The values, for a reader that changes none of them (the dashboard): not told to the watcher,
   * which would otherwise count every value as possibly changed and re-examine them all at the next
   * durable commit. @internal
   */
  readOnlyValues(): ReturnType<Map<string, V>['values']> {
    return super.values();
  }

  override entries(): ReturnType<Map<string, V>['entries']> {
    this.#watcher?.(undefined);
    return super.entries();
  }

  override [Symbol.iterator](): ReturnType<Map<string, V>['entries']> {
    return this.entries();
  }

  override forEach(callback: (value: V, name: string, map: Map<string, V>) => void, thisArg?: unknown): void {
    this.#watcher?.(undefined);
    super.forEach(callback, thisArg);
  }

  override set(name: string, value: V): this {
    this.#watcher?.(name);
    if (!this.#indexed) return super.set(name, value);
    const previous = super.get(name);
    if (previous !== undefined) this.#ungroup(name, previous);
    else this.#order.insert(name);
    super.set(name, value);
    this.#group(name, value);
    return this;
  }

  override delete(name: string): boolean {
    this.#watcher?.(name);
    if (!this.#indexed) return super.delete(name);
    const previous = super.get(name);
    if (previous === undefined) return false;
    this.#ungroup(name, previous);
    this.#order.remove(name);
    return super.delete(name);
  }

  override clear(): void {
    this.#watcher?.(undefined);
    super.clear();
    this.#order.fill([]);
    for (const members of this.#groups.values()) members.clear();
    this.#indexed = false;
  }

  #index(): void {
    if (this.#indexed) return;
    this.#order.fill([...super.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    for (const [name, value] of super.entries()) this.#group(name, value);
    this.#indexed = true;
  }

  /** Up to `limit` values whose names sort after `after` (from the first without it), and whether more follow. */
  pageAfter(after: string | undefined, limit: number): { items: V[]; more: boolean } {
    this.#index();
    const { names, more } = this.#order.after(after, limit);
    if (this.#watcher) for (const name of names) this.#watcher(name);
    return { items: names.map((n) => super.get(n)!), more };
  }

  /** The values whose `group` field is `value`, in the order they were stored. */
  grouped(group: G, value: string): V[] {
    this.#index();
    const names = this.#groups.get(group)!.get(value);
    if (names === undefined) return [];
    if (this.#watcher) for (const name of typeof names === 'string' ? [names] : names) this.#watcher(name);
    return typeof names === 'string' ? [super.get(names)!] : [...names].map((n) => super.get(n)!);
  }

  #group(name: string, value: V): void {
    for (const [group, members] of this.#groups) {
      const field = this.#groupBy[group](value);
      if (field === undefined) continue;
      const names = members.get(field);
      if (names === undefined) members.set(field, name);
      else if (typeof names !== 'string') names.add(name);
      else if (names !== name) members.set(field, new Set([names, name]));
    }
  }

  #ungroup(name: string, value: V): void {
    for (const [group, members] of this.#groups) {
      const field = this.#groupBy[group](value);
      if (field === undefined) continue;
      const names = members.get(field);
      if (names === name) members.delete(field);
      else if (typeof names !== 'string' && names?.delete(name) && names.size === 0) members.delete(field);
    }
  }
}

/** Told a name (or, `undefined`, every name) of an {@link IndexedMap} may have changed. @internal */
export type NameWatcher = (name: string | undefined) => void;

/** Chunks of at most this many names (split in two beyond it): inserts move at most a chunk. */
const CHUNK = 512;

/** First index in sorted `xs` (code-unit order) whose element is >= `x` (or > `x` with `strict`). */
export function bound(xs: readonly string[], x: string, strict: boolean): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const m = xs[mid]!;
    if (m < x || (strict && m === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Names in code-unit order (as `<` compares strings), as a list of sorted chunks with each
 * chunk's last name alongside: finding a name is two binary searches.
 */
class SortedNames {
  #chunks: string[][] = [];
  #lasts: string[] = [];

  insert(name: string): void {
    if (this.#chunks.length === 0) {
      this.#chunks.push([name]);
      this.#lasts.push(name);
      return;
    }
    const c = Math.min(bound(this.#lasts, name, false), this.#chunks.length - 1);
    const chunk = this.#chunks[c]!;
    const i = bound(chunk, name, false);
    if (chunk[i] === name) return;
    chunk.splice(i, 0, name);
    this.#lasts[c] = chunk[chunk.length - 1]!;
    if (chunk.length > 2 * CHUNK) {
      const right = chunk.splice(CHUNK);
      this.#chunks.splice(c + 1, 0, right);
      this.#lasts[c] = chunk[chunk.length - 1]!;
      this.#lasts.splice(c + 1, 0, right[right.length - 1]!);
    }
  }

  remove(name: string): void {
    const c = bound(this.#lasts, name, false);
    const chunk = this.#chunks[c];
    if (!chunk) return;
    const i = bound(chunk, name, false);
    if (chunk[i] !== name) return;
    chunk.splice(i, 1);
    if (chunk.length > 0) {
      this.#lasts[c] = chunk[chunk.length - 1]!;
    } else {
      this.#chunks.splice(c, 1);
      this.#lasts.splice(c, 1);
    }
  }

  /** Replaces the content with `sorted` (already in order, no repeats). */
  fill(sorted: readonly string[]): void {
    this.#chunks = [];
    for (let i = 0; i < sorted.length; i += CHUNK) this.#chunks.push(sorted.slice(i, i + CHUNK));
    this.#lasts = this.#chunks.map((chunk) => chunk[chunk.length - 1]!);
  }

  /** Up to `limit` names after `after` (strictly), and whether any further name exists. */
  after(after: string | undefined, limit: number): { names: string[]; more: boolean } {
    let c = after === undefined ? 0 : bound(this.#lasts, after, true);
    let i = after === undefined || c >= this.#chunks.length ? 0 : bound(this.#chunks[c]!, after, true);
    const names: string[] = [];
    while (c < this.#chunks.length && names.length < limit) {
      const chunk = this.#chunks[c]!;
      const take = chunk.slice(i, i + limit - names.length);
      names.push(...take);
      i += take.length;
      if (i >= chunk.length) {
        c++;
        i = 0;
      }
    }
    return { names, more: c < this.#chunks.length };
  }
}
