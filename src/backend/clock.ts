/** A time source: a `Date`, or epoch milliseconds. */
export type TimeSource = () => Date | number;

/**
 * The fake's clock: the injected source (default: real time) plus whatever `advanceTime`
 * added. Nothing else in the fake reads the time.
 * @internal
 */
export interface FakeClock {
  now(): Date;
  /** Moves the fake's time forward; never backwards. */
  advance(ms: number): void;
  /** How far `advance` has moved the clock in all: part of a snapshot, so a rollback puts the time back too. */
  offset: number;
}

export function createClock(source: TimeSource = () => Date.now()): FakeClock {
  let offset = 0;
  return {
    now: () => new Date(Number(source()) + offset),
    advance: (ms) => {
      offset += ms;
    },
    get offset() {
      return offset;
    },
    set offset(ms: number) {
      offset = ms;
    },
  };
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Things that fall due on the fake clock (deletions, expiries, ends of transient states).
 * Each action re-checks its own precondition, so a cancelled deletion simply finds nothing to do.
 * @internal
 */
export interface DueList {
  /** `transient`: the end of a transient key state, which `settle()` brings forward. */
  add(at: Date, action: () => void, kind?: 'scheduled' | 'transient'): void;
  /** Runs, in time order, every action due at or before `now`. */
  runDue(now: Date): void;
  /** Runs every pending transient-state ending now, whatever its time. */
  settle(): void;
  clear(): void;
}

interface DueEntry {
  readonly at: number;
  /** Insertion order: entries due at the same time run in the order they were added. */
  readonly seq: number;
  readonly action: () => void;
}

const earlier = (a: DueEntry, b: DueEntry) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

/** A binary min-heap by (time, insertion order): adding and taking the next are O(log n), whatever else is due. */
function createHeap() {
  let items: DueEntry[] = [];
  const swap = (i: number, j: number) => {
    const t = items[i]!;
    items[i] = items[j]!;
    items[j] = t;
  };
  return {
    get size() {
      return items.length;
    },
    peek: (): DueEntry | undefined => items[0],
    push(entry: DueEntry) {
      items.push(entry);
      for (let i = items.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!earlier(items[i]!, items[parent]!)) break;
        swap(i, parent);
        i = parent;
      }
    },
    pop(): DueEntry | undefined {
      const top = items[0];
      const last = items.pop();
      if (items.length === 0 || last === undefined) return top;
      items[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let least = i;
        if (l < items.length && earlier(items[l]!, items[least]!)) least = l;
        if (r < items.length && earlier(items[r]!, items[least]!)) least = r;
        if (least === i) break;
        swap(i, least);
        i = least;
      }
      return top;
    },
    clear() {
      items = [];
    },
  };
}

export function createDueList(): DueList {
  // Transient endings apart, so settle() takes them without looking at the scheduled rest.
  const heaps = { scheduled: createHeap(), transient: createHeap() };
  let seq = 0;
  const next = () => {
    const s = heaps.scheduled.peek();
    const t = heaps.transient.peek();
    return s && (!t || earlier(s, t)) ? heaps.scheduled : t ? heaps.transient : undefined;
  };
  return {
    add(at, action, kind = 'scheduled') {
      heaps[kind].push({ at: at.getTime(), seq: seq++, action });
    },
    runDue(now) {
      const t = now.getTime();
      for (let heap = next(); heap && heap.peek()!.at <= t; heap = next()) heap.pop()!.action();
    },
    settle() {
      // Only those pending now: an ending that schedules another transient state leaves it pending.
      const pending: DueEntry[] = [];
      while (heaps.transient.size > 0) pending.push(heaps.transient.pop()!);
      for (const d of pending) d.action();
    },
    clear: () => {
      heaps.scheduled.clear();
      heaps.transient.clear();
    },
  };
}

/** How long each transient state lasts on the fake clock, in ms (`KmsFakeOptions.transientDelays`). */
export interface TransientDelays {
  /** A replica in `Creating` after ReplicateKey. */
  readonly creating: number;
  /** Both keys in `Updating` after UpdatePrimaryRegion. */
  readonly updating: number;
  /** A custom key store `CONNECTING` after ConnectCustomKeyStore. */
  readonly connecting: number;
}

/**
 * Long enough that the call right after still sees the transient state, short enough that a
 * polling loop on the default (real-time) clock ends within about a second.
 */
export const DEFAULT_TRANSIENT_DELAYS: TransientDelays = { creating: 300, updating: 300, connecting: 300 };
