import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { usageError } from '../../errors';
import type { Core, Persistence } from '../core';
import { rescheduleAll } from '../deletion';
import type { RegionState } from '../store';
import { decode, digest, encode, UnreadableRecord } from './codec';
import { checksummed, lockDirectory, openAppend, readLines, removeIfExists, replaceFile, syncDirectory, type AppendFile } from './files';
import { applyEntry, digestsOf, entriesOf, MAP_NAMES, mapOf, metaEntry, recordEntry, recordText, removalEntry, scopeIdOf, type Digests, type MapName, type Meta } from './records';

/**
 * A fake's whole state in a directory: a snapshot file and an append-only journal of the records
 * each call changed. The store's maps tell which names a call read or wrote; at the commit (before
 * the answer) each of those records whose text changed is appended, and the journal is synced.
 * So a write costs what it touched, whatever the number of keys. When the journal outgrows the
 * snapshot, a fresh snapshot replaces both (compaction).
 * @internal
 */

/** The format this version writes and reads; a directory written in a newer one is refused. */
const FORMAT = 1;
const SNAPSHOT = 'state.snapshot';
const journalName = (generation: number) => `journal-${generation}.log`;
/** Compact once the journal is this much larger than the snapshot, and at least this large. */
const COMPACT_RATIO = 2;
const COMPACT_MIN_BYTES = 1024 * 1024;

/** How large the journal may grow beside a snapshot of `snapshotBytes` before it is compacted into one. */
const journalBound = (snapshotBytes: number) => Math.max(COMPACT_RATIO * snapshotBytes, COMPACT_MIN_BYTES);

interface Header {
  readonly format: number;
  readonly generation: number;
}

/** Every name of a map, for an iteration over it (any value may have been changed). */
const ALL = 'all';
type Touched = Map<RegionState, Map<MapName, Set<string> | typeof ALL>>;

export interface StateDirectoryOptions {
  /** The fake's random stream is seeded: its place is kept. */
  readonly seeded: boolean;
}

/** Takes `directory` for this process, loads the state it holds into `core` (empty), and records every change from now on. */
export function openStateDirectory(core: Core, directory: string, options: StateDirectoryOptions): Persistence {
  mkdirSync(directory, { recursive: true });
  const release = lockDirectory(directory);
  try {
    return recordChanges(core, directory, options, load(core, directory, options), release);
  } catch (error) {
    release();
    throw error;
  }
}

interface Loaded {
  readonly digests: Digests;
  readonly generation: number;
  readonly snapshotBytes: number;
  readonly journalBytes: number;
  readonly journalValidBytes: number;
}

function load(core: Core, directory: string, options: StateDirectoryOptions): Loaded {
  const digests: Digests = new Map();
  const snapshotPath = join(directory, SNAPSHOT);
  const snapshot = readLines(snapshotPath, false);
  const header = snapshot.texts.length === 0 ? { format: FORMAT, generation: 0 } : headerOf(snapshotPath, snapshot.texts[0]!);
  let meta: Meta = { clockOffset: 0 };
  const apply = (path: string, texts: readonly string[], first: number, journal: boolean) => {
    texts.forEach((text, i) => {
      if (i < first) return;
      try {
        for (const entry of entriesOf(text, journal)) meta = applyEntry(core, digests, entry) ?? meta;
      } catch (error) {
        // Only our own words: another error's message may quote the record, material and all.
        const why = error instanceof UnreadableRecord ? error.message : 'unreadable';
        throw usageError(`the state file ${path} is corrupt at line ${i + 1} (${why})`);
      }
    });
  };
  apply(snapshotPath, snapshot.texts, 1, false);
  const journalPath = join(directory, journalName(header.generation));
  const journal = readLines(journalPath, true);
  apply(journalPath, journal.texts, 0, true);
  core.clock.offset = meta.clockOffset;
  if (options.seeded) skipDrawn(core, meta.entropyDrawn ?? 0);
  rescheduleAll(core);
  return { digests, generation: header.generation, snapshotBytes: snapshot.totalBytes, journalBytes: journal.validBytes, journalValidBytes: journal.validBytes };
}

function headerOf(path: string, text: string): Header {
  const header = decode(text) as Partial<Header> | null;
  if (typeof header?.format !== 'number' || typeof header.generation !== 'number') throw usageError(`${path} is not a kms-fake state file`);
  if (header.format > FORMAT) {
    throw usageError(`${path} was written by a newer kms-fake (state format ${header.format}; this version reads format ${FORMAT}): upgrade kms-fake`);
  }
  return header as Header;
}

/** Draws what the seeded stream had given before, in small steps (one large draw would build one large buffer). */
function skipDrawn(core: Core, drawn: number): void {
  for (let left = drawn - core.entropy.drawn(); left > 0; left -= 1024) core.entropy.bytes(Math.min(left, 1024));
}

/** Which names of which maps were read or written since the last commit; `take()` hands them over and starts afresh. */
function createTracker(store: Core['store']) {
  let touched: Touched = new Map();
  /** While committing, reads are the commit's own. */
  let paused = false;
  /** After a reset or rollback (or a failed append), the next commit writes a fresh snapshot instead. */
  let rewrite = false;
  const watchRegion = (region: RegionState) => {
    for (const map of MAP_NAMES) {
      mapOf(region, map).watch((name) => {
        if (paused) return;
        let byMap = touched.get(region);
        if (!byMap) touched.set(region, (byMap = new Map<MapName, Set<string> | typeof ALL>()));
        const names = byMap.get(map);
        if (name === undefined) byMap.set(map, ALL);
        else if (names === undefined) byMap.set(map, new Set([name]));
        else if (names !== ALL) names.add(name);
      });
    }
  };
  store.watch({ regionCreated: watchRegion, reset: () => void (rewrite = true) });
  return {
    take(): Touched {
      const taken = touched;
      touched = new Map();
      return taken;
    },
    pause: (on: boolean) => void (paused = on),
    get rewrite() {
      return rewrite;
    },
    set rewrite(on: boolean) {
      rewrite = on;
    },
  };
}

interface Changes {
  readonly entries: string[];
  /** Records the digests of what the entries wrote, once they are on disk. */
  readonly remember: (() => void)[];
}

/**
 * The entries for what changed among the touched names; `undefined` once they pass `bound`
 * bytes (a change as large as the state, a fixture load say, is cheaper written as a snapshot).
 */
function changedRecords(touched: Touched, digests: Digests, bound: number): Changes | undefined {
  const changes: Changes = { entries: [], remember: [] };
  let size = 0;
  for (const [region, byMap] of touched) {
    const scopeId = scopeIdOf(region.scope);
    for (const [map, names] of byMap) {
      const values = mapOf(region, map);
      const known = digestsOf(digests, scopeId, map);
      for (const name of names === ALL ? new Set([...values.keys(), ...known.keys()]) : names) {
        const value = values.get(name);
        if (value === undefined) {
          if (!known.has(name)) continue;
          changes.entries.push(removalEntry(map, scopeId, name));
          changes.remember.push(() => known.delete(name));
          continue;
        }
        const text = recordText(region, map, value);
        const recordDigest = digest(text);
        if (known.get(name) === recordDigest) continue;
        if ((size += text.length) > bound) return undefined;
        changes.entries.push(recordEntry(map, scopeId, name, recordDigest, text));
        changes.remember.push(() => known.set(name, recordDigest));
      }
    }
  }
  return changes;
}

/** The lines of a snapshot of the whole state; fills `digests` with what they hold. */
function* snapshotLines(core: Core, generation: number, meta: Meta, digests: Digests): Generator<string> {
  yield checksummed(JSON.stringify({ format: FORMAT, generation } satisfies Header));
  yield checksummed(metaEntry(meta));
  for (const region of core.store.regions()) {
    const scopeId = scopeIdOf(region.scope);
    for (const map of MAP_NAMES) {
      const known = digestsOf(digests, scopeId, map);
      for (const [name, value] of mapOf(region, map)) {
        const text = recordText(region, map, value);
        const recordDigest = digest(text);
        known.set(name, recordDigest);
        yield checksummed(recordEntry(map, scopeId, name, recordDigest, text));
      }
    }
  }
}

function recordChanges(core: Core, directory: string, options: StateDirectoryOptions, loaded: Loaded, release: () => void): Persistence {
  let { digests, generation, snapshotBytes, journalBytes } = loaded;
  let journal: AppendFile = openAppend(join(directory, journalName(generation)), loaded.journalValidBytes);
  const metaNow = (): Meta => ({ clockOffset: core.clock.offset, ...(options.seeded && { entropyDrawn: core.entropy.drawn() }) });
  let writtenMeta = encode(metaNow());
  const tracker = createTracker(core.store);
  let closed = false;

  /** Rewrites the whole state as a new snapshot with an empty journal; a crash leaves the old pair or the new one. */
  function compact(): void {
    const next = generation + 1;
    const fresh: Digests = new Map();
    const meta = metaNow();
    const nextJournal = openAppend(join(directory, journalName(next)), 0);
    try {
      snapshotBytes = replaceFile(directory, join(directory, SNAPSHOT), snapshotLines(core, next, meta, fresh));
    } catch (error) {
      nextJournal.close();
      throw error;
    }
    journal.close();
    removeIfExists(join(directory, journalName(generation)));
    [journal, generation, journalBytes, digests, writtenMeta] = [nextJournal, next, 0, fresh, encode(meta)];
    tracker.take();
    tracker.rewrite = false;
  }

  /** Appends what changed since the last commit, synced; compacts when the journal has outgrown the snapshot. */
  function append(): void {
    const changes = changedRecords(tracker.take(), digests, journalBound(snapshotBytes));
    if (!changes) return compact();
    const meta = encode(metaNow());
    if (meta !== writtenMeta) {
      changes.entries.push(metaEntry(metaNow()));
      changes.remember.push(() => (writtenMeta = meta));
    }
    if (changes.entries.length === 0) return;
    const line = checksummed(`[${changes.entries.join(',')}]`);
    journal.append(line);
    for (const done of changes.remember) done();
    journalBytes += Buffer.byteLength(line, 'utf8');
    if (journalBytes > journalBound(snapshotBytes)) compact();
  }

  function commit(): void {
    if (closed) throw usageError('this KmsFake is closed: its state directory is released');
    tracker.pause(true);
    try {
      if (tracker.rewrite) compact();
      else append();
    } catch (error) {
      // What is on disk is now uncertain: the next commit rewrites it all.
      tracker.rewrite = true;
      throw error;
    } finally {
      tracker.pause(false);
    }
  }

  removeStrayFiles(directory, journalName(generation));
  if (snapshotBytes === 0) compact();
  return {
    commit,
    close() {
      if (closed) return;
      try {
        commit();
      } finally {
        closed = true;
        journal.close();
        release();
      }
    },
    get closed() {
      return closed;
    },
  };
}

/** Journals of other generations and temporary files a crash during compaction left behind. */
function removeStrayFiles(directory: string, journal: string): void {
  const stray = readdirSync(directory).filter((name) => (name.startsWith('journal-') && name !== journal) || name.endsWith('.tmp'));
  for (const name of stray) removeIfExists(join(directory, name));
  if (stray.length > 0) syncDirectory(directory);
}
