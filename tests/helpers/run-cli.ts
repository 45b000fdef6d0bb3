import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { run } from '../../src/cli/run.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The default project `npm run docs` renders: its config, data/ and rendered docs/. */
export const exampleRoot = fileURLToPath(new URL('../../example/', import.meta.url));

/** Runs the CLI in process, capturing both streams. */
export async function runCli(
  argv: readonly string[],
  cwd = repoRoot,
  env: Record<string, string | undefined> = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run({
    argv,
    cwd,
    env: { ...process.env, ...env },
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
  });
  return { code, stdout, stderr };
}

/** The built bin/trackgen.js (dist/ is built once per test run by tests/helpers/build-once.ts). */
export const builtBin = fileURLToPath(new URL('../../bin/trackgen.js', import.meta.url));

/** Runs the built bin/trackgen.js in a child process: what users and hooks actually run. */
export function runBuiltCli(
  argv: readonly string[],
  cwd = repoRoot,
  env: Record<string, string | undefined> = {},
): Promise<CliResult> {
  return runBin(builtBin, argv, cwd, env);
}

/** Runs a trackgen bin in a child process (another copy than builtBin: one installed elsewhere). */
export function runBin(
  bin: string,
  argv: readonly string[],
  cwd: string,
  env: Record<string, string | undefined> = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...argv],
      // Variables set to undefined are left out of the child's environment.
      { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 2;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/**
 * Both ways to run the CLI, for fixture loops: `describe.each(cliRunners)('… (%s)', (_, run) => …)`
 * checks each case in process (fast, debuggable) and through the built bin (what users run).
 */
export const cliRunners = [
  ['in process', runCli],
  ['built bin', runBuiltCli],
] as const;
