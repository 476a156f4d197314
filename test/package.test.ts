import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The built package, loaded the way an application loads it: by name, through the exports map. */
const root = join(__dirname, '..');
const run = (args: string[]) => execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' }).trim();

describe('the published entry points', () => {
  it('require("kms-fake") gives the CommonJS build', () => {
    expect(run(['-e', "const k = require('kms-fake'); console.log(typeof k.KmsFake, k.IMPLEMENTED_OPERATIONS.includes('Encrypt'))"])).toBe(
      'function true',
    );
  });

  it('import "kms-fake" gives the same class through the ESM entry', () => {
    const script = "import { KmsFake } from 'kms-fake'; import { createRequire } from 'node:module'; " +
      "const req = createRequire(import.meta.url); console.log(KmsFake === req('kms-fake').KmsFake);";
    expect(run(['--input-type=module', '-e', script])).toBe('true');
  });
});

describe('the packed tarball', () => {
  /** What `npm publish` would ship, as npm itself lists it. */
  const packed = (): string[] => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const out = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
    return (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path).sort();
  };
  const files = packed();
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };

  it('ships the licence, changelog, readme and user docs', () => {
    for (const name of ['LICENSE', 'CHANGELOG.md', 'README.md', 'package.json']) expect(files).toContain(name);
    expect(files.filter((f) => f.startsWith('docs/'))).toEqual(expect.arrayContaining(['docs/error-texts.md']));
  });

  it('ships every file the exports map names', () => {
    const targets = (value: unknown): string[] =>
      typeof value === 'string' ? [value] : Object.values(value as Record<string, unknown>).flatMap(targets);
    const named = Object.values(manifest.exports).flatMap(targets).map((t) => t.replace(/^\.\//, ''));
    expect(named.length).toBeGreaterThan(4);
    for (const target of named) expect(files).toContain(target);
  });

  it('ships no sources, tests, examples or tooling', () => {
    const stray = files.filter(
      (f) => !/^(dist\/|docs\/[\w-]+\.md$|LICENSE$|CHANGELOG\.md$|README\.md$|package\.json$)/.test(f) || /\.test\.|\/test\//.test(f),
    );
    expect(stray).toEqual([]);
    expect(files.some((f) => f.startsWith('dist/') && /\.[mc]?ts$/.test(f) && !/\.d\.[mc]?ts$/.test(f))).toBe(false);
  });
});
