import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { KmsFakeUsageError, usageError } from '../errors';
import { KmsFake, partsOf } from '../kmsFake';
import type { KmsFakeOptions } from '../options';
import type { KmsFakeServerOptions } from './listen';

const USAGE = `Usage: kms-fake serve [options]

Serves an in-process fake AWS KMS over HTTP (KMS JSON 1.1), for any SDK, the AWS CLI or boto3:
  AWS_ENDPOINT_URL_KMS=http://127.0.0.1:4599 aws kms list-keys

Options:
  --port <n>               TCP port (default 4599; 0 picks a free one)
  --host <address>         address to listen on (default 127.0.0.1)
  --fixture <file>         load keys and aliases from a .json or .yaml fixture
                           (with --state: only into a new, empty state directory)
  --state <dir>            keep the fake's state durably in this directory
  --account <id>           the 12-digit account requests land in (default 111122223333)
  --region <region>        region of unsigned requests (default us-east-1)
  --seed <seed>            make key IDs, key material and request IDs reproducible
  --authorization <mode>   'enforce' evaluates key policies, grants and identity policies; 'off' (default)
  --principals <file>      JSON { "<access key ID>": "<IAM principal ARN>" }: who calls, per signing key
  --dashboard-remote       serve the dashboard to clients on other machines too
  --no-dashboard           serve no dashboard
  --quiet                  no log line per request
  -h, --help               this help

Prints "kms-fake listening on <endpoint>" once ready; SIGINT or SIGTERM stops it.`;

const FLAGS = {
  port: { type: 'string', default: '4599' },
  host: { type: 'string', default: '127.0.0.1' },
  fixture: { type: 'string' },
  state: { type: 'string' },
  account: { type: 'string' },
  region: { type: 'string' },
  seed: { type: 'string' },
  authorization: { type: 'string' },
  principals: { type: 'string' },
  'dashboard-remote': { type: 'boolean', default: false },
  'no-dashboard': { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

type Flags = ReturnType<typeof parseArgs<{ options: typeof FLAGS; allowPositionals: true }>>['values'];

/** A mistake on the command line: its message, then exit status 2. */
class CommandLineError extends Error {}

/** `kms-fake <argv>`: sets the exit status, or keeps serving until a signal. */
export async function main(argv: readonly string[]): Promise<void> {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options: FLAGS, allowPositionals: true, strict: true });
    if (values.help) return void process.stdout.write(`${USAGE}\n`);
    const [command, ...rest] = positionals;
    if (command !== 'serve') throw new CommandLineError(command === undefined ? 'no command given' : `unknown command ${command}`);
    if (rest.length > 0) throw new CommandLineError(`unexpected argument ${rest[0]!}`);
    await serve(values);
  } catch (error) {
    const mistake = error instanceof CommandLineError || error instanceof KmsFakeUsageError || isParseArgsError(error);
    process.stderr.write(`kms-fake: ${messageOf(error)}\n${mistake ? 'Run kms-fake --help for usage.\n' : ''}`);
    process.exitCode = mistake ? 2 : 1;
  }
}

async function serve(flags: Flags): Promise<void> {
  const kms = new KmsFake(fakeOptions(flags));
  // A state directory that holds keys already has the fixture's (or the keys it was given instead).
  const fresh = ![...partsOf(kms).core.store.regions()].some((region) => region.keys.size > 0);
  if (flags.fixture !== undefined && fresh) loadFixture(kms, flags.fixture);
  const server = await kms.listen(serverOptions(flags));
  process.stdout.write(`kms-fake listening on ${server.endpoint}\n`);
  // Closing the fake releases a --state directory at once, for the next server.
  const stop = () =>
    void server.close().then(() => {
      kms.close();
      process.exit(0);
    });
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function loadFixture(kms: KmsFake, path: string): void {
  try {
    kms.load(path);
  } catch (error) {
    // A usage error already names the file and what is wrong in it; a missing or unreadable file is the command line's mistake too.
    if (error instanceof KmsFakeUsageError) throw error;
    throw new CommandLineError(`--fixture ${path} cannot be read: ${messageOf(error)}`);
  }
}

function fakeOptions(flags: Flags): KmsFakeOptions {
  const { account, region, seed, authorization, state } = flags;
  if (authorization !== undefined && authorization !== 'enforce' && authorization !== 'off') {
    throw new CommandLineError(`--authorization must be enforce or off, not ${authorization}`);
  }
  return {
    ...(account !== undefined && { accountId: account }),
    ...(region !== undefined && { defaultRegion: region }),
    ...(seed !== undefined && { seed }),
    ...(authorization !== undefined && { authorization }),
    ...(state !== undefined && { stateDirectory: state }),
  };
}

function serverOptions(flags: Flags): KmsFakeServerOptions {
  if (!/^\d{1,5}$/.test(flags.port) || Number(flags.port) > 65535) throw new CommandLineError(`--port must be a port number from 0 to 65535, not ${flags.port}`);
  if (flags['dashboard-remote'] && flags['no-dashboard']) throw new CommandLineError('--dashboard-remote and --no-dashboard contradict each other');
  return {
    port: Number(flags.port),
    host: flags.host,
    dashboard: flags['no-dashboard'] ? false : flags['dashboard-remote'] ? 'any' : 'loopback',
    ...(flags.principals !== undefined && { principals: principalsFile(flags.principals) }),
    ...(!flags.quiet && { log: (line: string) => void process.stderr.write(`${line}\n`) }),
  };
}

/** The --principals file's JSON; `listen` checks what it maps. */
function principalsFile(path: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw usageError(`--principals ${path} cannot be read: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as Record<string, string>;
  } catch {
    throw usageError(`--principals ${path} is not valid JSON; it holds { "<access key ID>": "<IAM principal ARN>" }`);
  }
}

/** node:util's parseArgs reports a bad flag with a TypeError carrying an ERR_PARSE_ARGS_* code. */
const isParseArgsError = (error: unknown) => error instanceof Error && String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');

/** The message without the library's `[kms-fake]` prefix (the line starts `kms-fake:`) or parseArgs' advice on `--`. */
const messageOf = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).replace(/^\[kms-fake\] /, '').replace(/^(Unknown option '[^']*'\.).*$/s, '$1');
