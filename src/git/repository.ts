/** Where the working tree is, and what the index holds: what the pre-commit hook reads from git. */
import { UsageError } from '../diagnostics.js';
import { runGit, runGitForBytes, type GitOptions } from './run.js';

export interface RepoLocation {
  /** Absolute path of the working tree's top level. */
  readonly top: string;
  /** The working directory relative to the top, with a trailing slash, or "" at the top. */
  readonly prefix: string;
}

export async function locateRepo(options: GitOptions): Promise<RepoLocation> {
  const result = await runGit(['rev-parse', '--show-toplevel', '--show-prefix'], options);
  if (result.code !== 0) throw notInRepository(options);
  const [top = '', prefix = ''] = result.stdout.split('\n');
  return { top, prefix };
}

/** What the hook knows of the repository after its first question to git. */
export interface RepoFacts extends RepoLocation {
  /** The commit HEAD names; undefined before the first commit. */
  readonly head: string | undefined;
  readonly shallow: boolean;
}

/**
 * locateRepo, with HEAD and whether the clone is shallow asked in the same git process: the
 * hook needs all three, and each process is time the commit waits for. git prints the answers
 * in order and exits 1 (quietly) when HEAD names no commit yet.
 */
export async function locateRepoWithHead(options: GitOptions): Promise<RepoFacts> {
  const result = await runGit(
    [
      'rev-parse',
      '--show-toplevel',
      '--show-prefix',
      '--is-shallow-repository',
      '--verify',
      '-q',
      'HEAD^{commit}',
    ],
    options,
  );
  const [top = '', prefix = '', shallow = '', head = ''] = result.stdout.split('\n');
  if ((result.code !== 0 && result.code !== 1) || (shallow !== 'true' && shallow !== 'false'))
    throw notInRepository(options);
  return {
    top,
    prefix,
    shallow: shallow === 'true',
    head: result.code === 0 && /^[0-9a-f]{40,64}$/.test(head) ? head : undefined,
  };
}

function notInRepository(options: GitOptions): UsageError {
  return new UsageError(
    `not inside a git working tree: ${options.cwd} (trackgen hook works on a git repository)`,
  );
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
  const args = ['cat-file', '--batch'];
  const batch = await runGitForBytes(args, {
    ...options,
    input: paths.map((path) => `:${path}\n`).join(''),
  });
  if (batch.code !== 0)
    throw new UsageError(
      `git ${args.join(' ')} failed: ${batch.stderr.trim().split('\n')[0] ?? ''}`,
    );
  const output = batch.stdout;
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
