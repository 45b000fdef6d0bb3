/**
 * Finds the git directory from files alone (no git process): the run cache must decide in a
 * millisecond whether it has a home, and read HEAD for its fingerprint.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** `.git` is a directory, or in a worktree a file saying `gitdir: …`. */
export function gitDirectoryAt(dotGit: string): string | undefined {
  try {
    const info = statSync(dotGit);
    if (info.isDirectory()) return dotGit;
    const match = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'));
    return match?.[1] === undefined ? undefined : resolve(dirname(dotGit), match[1].trim());
  } catch {
    return undefined;
  }
}

/** The git directory of the repository holding `path`, looking upwards; undefined outside git. */
export function findGitDirectory(path: string): string | undefined {
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    const gitDir = gitDirectoryAt(join(dir, '.git'));
    if (gitDir !== undefined) return gitDir;
    if (dirname(dir) === dir) return undefined;
  }
}
