/**
 * Reads the history trackgen needs from git in ONE `git log` call: every commit's hash, date and
 * subject, plus which session records it touched. Runs in the directory it is given (never
 * process.cwd()), so a caller working from a temporary copy can point it at the real repository.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { GitNotFoundError, runGit } from './run.js';

export interface GitCommit {
  readonly hash: string;
  /** The abbreviated hash git shows (`cbb0b96`), as the Git Commits Log prints it. */
  readonly shortHash: string;
  /** Committer date, YYYY-MM-DD. */
  readonly date: string;
  readonly subject: string;
  /** Record files (`054.json`) under the sessions directory that the commit changed. */
  readonly records: readonly string[];
}

export type GitLog =
  | { readonly ok: true; readonly commits: readonly GitCommit[] }
  | {
      readonly ok: false;
      readonly reason: 'no-git' | 'not-a-repository' | 'no-commits' | 'failed';
      readonly detail: string;
    };

const RECORD = '\x1e';
const FIELD = '\x1f';

export interface GitLogOptions {
  /** Directory inside the working tree: the project root. */
  readonly repository: string;
  /** The sessions directory relative to `repository`, forward slashes (`data/sessions`). */
  readonly sessionsPath: string;
  /** Where history starts (`HEAD` and `MERGE_HEAD`, or `abc123^@`); HEAD when not given. */
  readonly revisions?: readonly string[];
}

export async function readGitLog(options: GitLogOptions): Promise<GitLog> {
  // Run from the sessions directory with --relative: names come relative to it, and changes
  // elsewhere are left out, so the output stays small whatever else the commits touched.
  const sessionsDir = join(options.repository, options.sessionsPath);
  const cwd = existsSync(sessionsDir) ? sessionsDir : options.repository;
  const args = [
    '-c',
    'core.quotePath=false',
    'log',
    `--format=${RECORD}%H${FIELD}%h${FIELD}%cs${FIELD}%s`,
    '--name-only',
    '--relative',
    '--no-renames',
    ...(options.revisions ?? []),
    '--',
  ];
  const result = await git(cwd, args);
  if (!result.ok) return result;
  const commits: GitCommit[] = [];
  const inSessions = cwd === sessionsDir;
  const prefix = `${options.sessionsPath.replace(/\/+$/, '')}/`;
  for (const chunk of result.stdout.split(RECORD)) {
    if (chunk.trim() === '') continue;
    const [header = '', ...names] = chunk.split('\n');
    const [hash = '', shortHash = '', date = '', subject = ''] = header.split(FIELD);
    const records = names
      .map((name) => name.trim())
      .filter((name) => name !== '')
      .map((name) => (inSessions ? name : name.startsWith(prefix) ? name.slice(prefix.length) : ''))
      .filter((name) => /^\d{3,}\.json$/.test(name));
    commits.push({ hash, shortHash, date, subject, records });
  }
  return { ok: true, commits };
}

/** Whether the repository is a shallow clone (asked only when a commit could not be found). */
export async function isShallowRepository(repository: string): Promise<boolean> {
  const result = await git(repository, ['rev-parse', '--is-shallow-repository']);
  return result.ok && result.stdout.trim() === 'true';
}

type GitResult =
  | { ok: true; stdout: string }
  | { ok: false; reason: 'no-git' | 'not-a-repository' | 'no-commits' | 'failed'; detail: string };

/** git's answer sorted into what the Git Commits Log can say about it; never throws for git itself. */
async function git(cwd: string, args: readonly string[]): Promise<GitResult> {
  let result;
  try {
    result = await runGit(args, { cwd });
  } catch (error) {
    if (error instanceof GitNotFoundError)
      return { ok: false, reason: 'no-git', detail: 'git is not installed (or not on PATH)' };
    return { ok: false, reason: 'failed', detail: String(error) };
  }
  if (result.code === 0) return { ok: true, stdout: result.stdout };
  const detail = (result.stderr || `git exited ${result.code}`).trim().split('\n')[0] ?? '';
  if (/not a git repository/i.test(detail))
    return { ok: false, reason: 'not-a-repository', detail };
  if (/does not have any commits/i.test(detail)) return { ok: false, reason: 'no-commits', detail };
  return { ok: false, reason: 'failed', detail };
}
