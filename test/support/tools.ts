import { spawnSync } from 'node:child_process';

/** A tool found on this machine (what it printed for its version), or why it could not run. */
export type Tool = { readonly version: string } | { readonly unavailable: string };

/**
 * Runs `command ...args` once to see whether a tool from outside node (the AWS CLI, python with
 * boto3) is here. Suites that need it run only when it is; otherwise `reportUnavailable` says why.
 */
export function probeTool(command: string, args: readonly string[]): Tool {
  const run = spawnSync(command, args, { encoding: 'utf8', timeout: 20_000 });
  if (run.error) return { unavailable: `${command} could not start here: ${run.error.message}` };
  if (run.status !== 0) return { unavailable: `\`${[command, ...args].join(' ')}\` exited ${String(run.status)}: ${(run.stderr || run.stdout).trim().split('\n').pop() ?? ''}` };
  return { version: `${run.stdout}${run.stderr}`.trim() };
}

export const isAvailable = (tool: Tool): tool is Extract<Tool, { version: string }> => 'version' in tool;

/**
 * In place of a suite whose tool is missing: one test that fails when `KMS_FAKE_REQUIRE_AWS_TOOLS=1`
 * (CI sets it, so there the tools must be installed) and otherwise logs the reason, so a missing
 * tool never passes in silence.
 */
export function reportUnavailable(tool: Extract<Tool, { unavailable: string }>): void {
  it(`did not run: ${tool.unavailable}`, () => {
    if (process.env.KMS_FAKE_REQUIRE_AWS_TOOLS === '1') throw new Error(`KMS_FAKE_REQUIRE_AWS_TOOLS=1, but ${tool.unavailable}`);
    console.warn(`skipped for a missing tool: ${tool.unavailable}`);
    expect(tool.unavailable).not.toBe('');
  });
}

/** The environment for a tool that signs requests: dummy credentials, no profile files, no instance metadata. */
export function toolEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('AWS_')) delete env[name];
  return {
    ...env,
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'x',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}
