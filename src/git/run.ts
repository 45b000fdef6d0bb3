/**
 * The one way trackgen runs git: `git` itself through execFile (no shell, no git library), so
 * worktrees, core.hooksPath, the temporary index of `git commit -a` and clean/smudge filters are
 * git's own answer. A non-zero exit is returned, not thrown: the caller knows what it means.
 */
import { execFile } from 'node:child_process';
import { UsageError } from '../diagnostics.js';

export interface GitOptions {
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Written to git's standard input. */
  readonly input?: string;
}

export interface GitResult<Output = string> {
  readonly code: number;
  readonly stdout: Output;
  readonly stderr: string;
}

/** git is not installed, or not on PATH: a set-up problem the person fixes, reported in one line. */
export class GitNotFoundError extends UsageError {}

export function runGit(args: readonly string[], options: GitOptions): Promise<GitResult> {
  return spawnGit(args, options, 'utf8');
}

/** The same with the output as bytes, for blobs whose sizes git counts in bytes. */
export function runGitForBytes(
  args: readonly string[],
  options: GitOptions,
): Promise<GitResult<Buffer>> {
  return spawnGit(args, options, 'buffer');
}

function spawnGit<Encoding extends 'utf8' | 'buffer'>(
  args: readonly string[],
  options: GitOptions,
  encoding: Encoding,
): Promise<GitResult<Encoding extends 'utf8' ? string : Buffer>> {
  type Output = Encoding extends 'utf8' ? string : Buffer;
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      [...args],
      {
        cwd: options.cwd,
        env: options.env === undefined ? process.env : { ...options.env },
        maxBuffer: 256 * 1024 * 1024,
        encoding,
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') {
          if (error.code === 'ENOENT')
            reject(new GitNotFoundError('git was not found on PATH: trackgen needs git here'));
          // Node's type for the error drops its Error base; the value always has it.
          else reject(error instanceof Error ? error : new Error(error.message));
          return;
        }
        resolve({
          code: error === null ? 0 : Number(error.code),
          stdout: stdout as Output,
          stderr: String(stderr),
        });
      },
    );
    if (options.input === undefined) return;
    // git may exit before reading all of it (a bad revision): its exit code says why, not EPIPE.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input);
  });
}

/** Runs git and returns its standard output; a failure is a one-line UsageError naming the command. */
export async function gitOutput(args: readonly string[], options: GitOptions): Promise<string> {
  const result = await runGit(args, options);
  if (result.code !== 0) {
    const reason = result.stderr.trim().split('\n')[0] ?? '';
    throw new UsageError(
      `git ${args.join(' ')} failed (exit ${result.code})${reason === '' ? '' : `: ${reason}`}`,
    );
  }
  return result.stdout;
}

/** Splits `-z` output: NUL-terminated fields, no empty last field. */
export function splitNul(text: string): string[] {
  return text.split('\0').filter((field) => field !== '');
}
