/**
 * What a session's commits changed, from git: the files created and modified, and the lines
 * added and removed — ONE `git log --no-walk` for every known hash. Binary files count no lines.
 * Renames are not followed: a renamed file is one created (and its old path, removed, is
 * not listed).
 */
import { runGit } from './run.js';

export interface CommitChanges {
  readonly filesCreated: readonly string[];
  readonly filesModified: readonly string[];
  readonly linesAdded: number;
  readonly linesRemoved: number;
}

const RECORD = '\x1e';

/** Changes by commit hash (as given); commits git does not know are left out. */
export async function readCommitChanges(
  repository: string,
  hashes: readonly string[],
): Promise<ReadonlyMap<string, CommitChanges>> {
  const unique = [...new Set(hashes)].filter((hash) => /^[0-9a-f]{7,40}$/.test(hash));
  const changes = new Map<string, CommitChanges>();
  if (unique.length === 0) return changes;
  let result;
  try {
    result = await runGit(
      [
        '-c',
        'core.quotePath=false',
        'log',
        '--no-walk=unsorted',
        '--ignore-missing',
        `--format=${RECORD}%H`,
        '--numstat',
        '--summary',
        '--no-renames',
        ...unique,
        '--',
      ],
      { cwd: repository },
    );
  } catch {
    return changes; // No git: the typed lists stand.
  }
  if (result.code !== 0) return changes;
  const byFullHash = new Map<string, CommitChanges>();
  for (const chunk of result.stdout.split(RECORD)) {
    const [hash = '', ...lines] = chunk.split('\n');
    if (hash.trim() === '') continue;
    byFullHash.set(hash.trim(), parseChanges(lines));
  }
  for (const hash of unique) {
    const full = [...byFullHash.keys()].find((candidate) => candidate.startsWith(hash));
    const found = full === undefined ? undefined : byFullHash.get(full);
    if (found !== undefined) changes.set(hash, found);
  }
  return changes;
}

function parseChanges(lines: readonly string[]): CommitChanges {
  const touched: string[] = [];
  const created = new Set<string>();
  const deleted = new Set<string>();
  let linesAdded = 0;
  let linesRemoved = 0;
  for (const line of lines) {
    const numstat = /^(\d+|-)\t(\d+|-)\t(.+)$/.exec(line);
    if (numstat !== null) {
      linesAdded += numstat[1] === '-' ? 0 : Number(numstat[1]);
      linesRemoved += numstat[2] === '-' ? 0 : Number(numstat[2]);
      touched.push(numstat[3] ?? '');
      continue;
    }
    const summary = /^ (create|delete) mode \d+ (.+)$/.exec(line);
    if (summary !== null) (summary[1] === 'create' ? created : deleted).add(summary[2] ?? '');
  }
  return {
    filesCreated: touched.filter((path) => created.has(path)),
    filesModified: touched.filter((path) => !created.has(path) && !deleted.has(path)),
    linesAdded,
    linesRemoved,
  };
}

/** Several commits' changes as one session's: a file created by one and modified by another was created. */
export function sessionChanges(commits: readonly CommitChanges[]): CommitChanges | undefined {
  if (commits.length === 0) return undefined;
  const created = new Set(commits.flatMap((commit) => commit.filesCreated));
  const modified = new Set(
    commits.flatMap((commit) => commit.filesModified).filter((path) => !created.has(path)),
  );
  return {
    filesCreated: [...created],
    filesModified: [...modified],
    linesAdded: commits.reduce((sum, commit) => sum + commit.linesAdded, 0),
    linesRemoved: commits.reduce((sum, commit) => sum + commit.linesRemoved, 0),
  };
}
