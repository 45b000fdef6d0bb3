/**
 * Documents the hook would write whose working-tree file is not the staged one: writing would
 * destroy the unstaged edit, and staging it would commit what the person did not stage.
 */
import { lstatSync, readFileSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { runGit, splitNul, type GitOptions } from '../git/run.js';
import type { MergedFile } from '../pipeline/planned-file.js';

export interface Copies {
  /** The temporary copy of what is staged (git's own checkout of the index). */
  readonly temp: string;
  /** The working tree. */
  readonly top: string;
}

export async function unstagedEdits(
  changed: readonly MergedFile[],
  copies: Copies,
  atTop: GitOptions,
): Promise<string[]> {
  const modified = await modifiedInWorkingTree(
    changed.filter((file) => file.existing !== undefined).map((file) => file.shownAs),
    copies,
    atTop,
  );
  const refusals: string[] = [];
  for (const file of changed) {
    if (modified.has(file.shownAs)) {
      refusals.push(
        `${file.shownAs}: has unstaged changes (the working tree differs from what is staged): not regenerated, not staged`,
      );
      continue;
    }
    if (file.existing !== undefined) continue;
    // Not in the index: a file in the working tree is someone's, unless it is exactly the rendering.
    const onDisk = readText(join(copies.top, file.shownAs));
    if (onDisk !== undefined && onDisk !== file.merge.content) {
      refusals.push(
        `${file.shownAs}: exists in the working tree but is not staged (untracked): not overwritten; git add it, or move it away`,
      );
    }
  }
  return refusals;
}

/**
 * The tracked `paths` git sees modified in the working tree. A file whose bytes and executable
 * bit are those of the staged copy is not modified, whatever git's filters: git is asked only
 * about the others, which saves most commits a git process.
 */
async function modifiedInWorkingTree(
  paths: readonly string[],
  copies: Copies,
  atTop: GitOptions,
): Promise<Set<string>> {
  const unsure = paths.filter((path) => !sameFile(join(copies.temp, path), join(copies.top, path)));
  if (unsure.length === 0) return new Set();
  const diff = await runGit(
    ['--literal-pathspecs', 'diff', '--name-only', '-z', '--no-relative', '--', ...unsure],
    atTop,
  );
  return new Set(splitNul(diff.stdout));
}

function sameFile(staged: string, working: string): boolean {
  const [a, b] = [regularFile(staged), regularFile(working)];
  if (a === undefined || b === undefined) return false;
  // git records one executable bit, the owner's; the others follow the umask.
  if (a.size !== b.size || (a.mode & 0o100) !== (b.mode & 0o100)) return false;
  try {
    return readFileSync(staged).equals(readFileSync(working));
  } catch {
    return false;
  }
}

function regularFile(path: string): Stats | undefined {
  const stats = lstatSync(path, { throwIfNoEntry: false });
  return stats?.isFile() === true ? stats : undefined;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
