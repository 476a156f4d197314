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

export function createDueList(): DueList {
  let due: { at: number; action: () => void; kind: 'scheduled' | 'transient' }[] = [];
  return {
    add(at, action, kind = 'scheduled') {
      const entry = { at: at.getTime(), action, kind };
      const i = due.findIndex((d) => d.at > entry.at);
      if (i === -1) due.push(entry);
      else due.splice(i, 0, entry);
    },
    runDue(now) {
      const t = now.getTime();
      while (due.length > 0 && due[0]!.at <= t) due.shift()!.action();
    },
    settle() {
      const transient = due.filter((d) => d.kind === 'transient');
      due = due.filter((d) => d.kind !== 'transient');
      for (const d of transient) d.action();
    },
    clear: () => {
      due = [];
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
