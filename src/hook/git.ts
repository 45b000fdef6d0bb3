/**
 * The git plumbing the hook needs, through `git` itself (execFile, no shell, no git library):
 * git already knows worktrees, core.hooksPath, the temporary index of `git commit -a` and
 * clean/smudge filters, and we want exactly its answer.
 */
import { execFile } from 'node:child_process';
import { UsageError } from '../diagnostics.js';

export interface GitResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface GitOptions {
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  readonly input?: string;
}

/** Runs git; a non-zero exit is returned, not thrown (the caller knows what it means). */
export function gitRaw(args: readonly string[], options: GitOptions): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      [...args],
      {
        cwd: options.cwd,
        env: options.env === undefined ? process.env : { ...options.env },
        maxBuffer: 256 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') {
          reject(
            error.code === 'ENOENT'
              ? new UsageError('git was not found on PATH: trackgen hook needs git')
              : error,
          );
          return;
        }
        resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/** Runs git and returns its standard output; a failure is a one-line UsageError naming the command. */
export async function git(args: readonly string[], options: GitOptions): Promise<string> {
  const result = await gitRaw(args, options);
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

export interface RepoLocation {
  /** Absolute path of the working tree's top level. */
  readonly top: string;
  /** The working directory relative to the top, with a trailing slash, or "" at the top. */
  readonly prefix: string;
}

export async function locateRepo(options: GitOptions): Promise<RepoLocation> {
  const result = await gitRaw(['rev-parse', '--show-toplevel', '--show-prefix'], options);
  if (result.code !== 0)
    throw new UsageError(
      `not inside a git working tree: ${options.cwd} (trackgen hook works on a git repository)`,
    );
  const [top = '', prefix = ''] = result.stdout.split('\n');
  return { top, prefix };
}

/**
 * Reads files from the index (the staged content) in one git process. `paths` are relative to
 * the top level; a path the index does not have reads as undefined.
 */
export async function readIndexFiles(
  paths: readonly string[],
  options: GitOptions,
): Promise<Map<string, string | undefined>> {
  const result = new Map<string, string | undefined>();
  if (paths.length === 0) return result;
  const output = await gitRawBuffer(['cat-file', '--batch'], {
    ...options,
    input: paths.map((path) => `:${path}\n`).join(''),
  });
  let offset = 0;
  for (const path of paths) {
    const headerEnd = output.indexOf(10, offset);
    const header = output.subarray(offset, headerEnd).toString('utf8');
    offset = headerEnd + 1;
    const match = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (match === null) {
      result.set(path, undefined); // "<name> missing"
      continue;
    }
    const size = Number(match[2]);
    result.set(
      path,
      match[1] === 'blob' ? output.subarray(offset, offset + size).toString('utf8') : undefined,
    );
    offset += size + 1;
  }
  return result;
}

function gitRawBuffer(args: readonly string[], options: GitOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      [...args],
      {
        cwd: options.cwd,
        env: options.env === undefined ? process.env : { ...options.env },
        maxBuffer: 256 * 1024 * 1024,
        encoding: 'buffer',
      },
      (error, stdout, stderr) => {
        if (error === null) resolve(stdout);
        else if (error.code === 'ENOENT')
          reject(new UsageError('git was not found on PATH: trackgen hook needs git'));
        else
          reject(
            new UsageError(
              `git ${args.join(' ')} failed: ${stderr.toString('utf8').trim().split('\n')[0] ?? ''}`,
            ),
          );
      },
    );
    child.stdin?.end(options.input ?? '');
  });
}
