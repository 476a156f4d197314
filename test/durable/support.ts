import { KmsFake, type KmsFakeOptions } from 'kms-fake';
import type { KMSClient } from '@aws-sdk/client-kms';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeClient } from '../support/client';

/** Directories and fakes a test made: closed and removed after each test, so nothing leaks. */
const directories: string[] = [];
const fakes: KmsFake[] = [];

afterEach(() => {
  for (const kms of fakes.splice(0)) kms.close();
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

/** A fresh, empty temporary directory, removed after the test. */
export function stateDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'kms-fake-state-'));
  directories.push(directory);
  return directory;
}

/** A fake on `directory` and a client in `region` on it, closed after the test. */
export function open(directory: string, options: KmsFakeOptions = {}, region = 'us-east-1'): { kms: KmsFake; client: KMSClient } {
  const kms = new KmsFake({ ...options, stateDirectory: directory });
  fakes.push(kms);
  return { kms, client: fakeClient(kms, region) };
}

/** The journal file of a directory (there is one at a time) and its size. */
export function journalOf(directory: string): { name: string; path: string; bytes: number } {
  const names = readdirSync(directory).filter((name) => name.startsWith('journal-'));
  expect(names).toHaveLength(1);
  const path = join(directory, names[0]!);
  return { name: names[0]!, path, bytes: statSync(path).size };
}

/** A fixed clock, so dates compare exactly across a restart. */
export const FIXED_NOW = Date.parse('2025-01-01T00:00:00Z');
export const fixedClock = () => FIXED_NOW;
