import { closeSync, fdatasyncSync, fsyncSync, ftruncateSync, linkSync, openSync, readFileSync, realpathSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { usageError } from '../../errors';
import { digest } from './codec';

/**
 * The files of a state directory, synchronously (a call is answered only once its change is on
 * disk): checksummed lines, appends synced with `fdatasync`, whole files replaced by
 * write-temp-then-rename with the file and the directory synced, and the lock.
 * @internal
 */

/** One line as written: its checksum, a space, the text. */
export const checksummed = (text: string): string => `${digest(text)} ${text}\n`;

/** The text of a checksummed line, or `undefined` when the line does not check out. */
function checked(line: string): string | undefined {
  const space = line.indexOf(' ');
  if (space < 0) return undefined;
  const text = line.slice(space + 1);
  return digest(text) === line.slice(0, space) ? text : undefined;
}

/** The lines of a file (none when it does not exist), and where its last complete, valid line ends. */
export interface ReadLines {
  readonly texts: string[];
  /** Bytes up to the end of the last line kept: a torn final line is cut off before the next append. */
  readonly validBytes: number;
  readonly totalBytes: number;
}

/**
 * Reads a file of checksummed lines. A torn final line (a crash mid-append: no newline, or a
 * checksum that fails) is left out; a bad line before it is corruption, reported naming the file
 * and the line (never its text, which may hold key material).
 */
export function readLines(path: string, allowTornEnd: boolean): ReadLines {
  const content = readIfExists(path);
  if (content === undefined) return { texts: [], validBytes: 0, totalBytes: 0 };
  const lines = content.toString('utf8').split('\n');
  const texts: string[] = [];
  let validBytes = 0;
  for (let i = 0; i < lines.length; i++) {
    const last = i === lines.length - 1;
    // The text after the last newline: empty after a complete file, otherwise a torn line.
    if (last && lines[i] === '') break;
    const text = last ? undefined : checked(lines[i]!);
    if (text === undefined) {
      const final = last || (i === lines.length - 2 && lines[i + 1] === '');
      if (final && allowTornEnd) break;
      throw usageError(`the state file ${path} is corrupt at line ${i + 1}; remove the directory, or restore it from a backup`);
    }
    texts.push(text);
    validBytes += Buffer.byteLength(lines[i]!, 'utf8') + 1;
  }
  return { texts, validBytes, totalBytes: content.length };
}

function readIfExists(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return undefined;
    throw error;
  }
}

// Not `instanceof Error`: node's errors come from another realm under jest.
const codeOf = (error: unknown): unknown => (typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined);

/** An append-only file: each `append` is written and synced before it returns. */
export interface AppendFile {
  append(text: string): void;
  close(): void;
}

/** Opens `path` for appending, first cutting off anything after `validBytes` (a torn final line). */
export function openAppend(path: string, validBytes: number): AppendFile {
  const fd = openSync(path, 'a');
  ftruncateSync(fd, validBytes);
  let open = true;
  return {
    append(text) {
      const bytes = Buffer.from(text, 'utf8');
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
      fdatasyncSync(fd);
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

/** Replaces `path` whole: a crash leaves either the old file or the new one, never a mix. */
export function replaceFile(directory: string, path: string, chunks: Iterable<string>): number {
  const temporary = `${path}.tmp`;
  const fd = openSync(temporary, 'w');
  let size = 0;
  try {
    for (const chunk of chunks) {
      const bytes = Buffer.from(chunk, 'utf8');
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
      size += bytes.length;
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
  syncDirectory(directory);
  return size;
}

/** Makes a rename, creation or removal in the directory durable. */
export function syncDirectory(directory: string): void {
  const fd = openSync(directory, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function removeIfExists(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if (codeOf(error) !== 'ENOENT') throw error;
  }
}

const LOCK = 'lock';

/**
 * The directories this process holds. Process-wide, as the lock is: it tells a lock of a live
 * fake of this process from a stale one that bears this process's pid by chance (a server that
 * runs as pid 1 in a container finds the lock its previous container left).
 */
const heldHere = new Set<string>();

/**
 * Takes the directory for this process: the lock file holds the owner's pid. A lock whose process
 * is gone (a crash, `kill -9`) is taken over; a live owner, this process included, is refused.
 * Returns the release.
 */
export function lockDirectory(directory: string): () => void {
  const path = join(directory, LOCK);
  const held = realpathSync(directory);
  if (heldHere.has(held)) throw usageError(`the state directory ${directory} is in use by another KmsFake of this process (close() it first): one process per directory`);
  for (let attempt = 0; ; attempt++) {
    try {
      // The lock appears with its pid in it (a link to a written file), so no other process can
      // read it empty in between and take it for a stale one.
      const written = `${path}.${process.pid}.tmp`;
      writeFileSync(written, String(process.pid));
      try {
        linkSync(written, path);
      } finally {
        removeIfExists(written);
      }
      heldHere.add(held);
      return () => {
        heldHere.delete(held);
        removeIfExists(path);
      };
    } catch (error) {
      if (codeOf(error) !== 'EEXIST' || attempt > 0) throw error;
    }
    const owner = Number(readIfExists(path)?.toString('utf8'));
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
      throw usageError(`the state directory ${directory} is in use by process ${owner}: one process per directory`);
    }
    removeIfExists(path);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return codeOf(error) === 'EPERM';
  }
}
