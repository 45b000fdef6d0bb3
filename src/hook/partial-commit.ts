/**
 * `git commit <paths>` (and `--only`) runs the hook on a temporary index: HEAD plus the named
 * paths. What the hook stages there is committed, but git then keeps its real index — which never
 * saw the regenerated documents — so the next ordinary commit would revert them (and delete a new
 * summary). git holds the real index's next version in `index.lock` until the commit is done,
 * and a hook may stage into it as it does for `git commit -a`: the hook stages the documents
 * there too, when that index holds the same version of them as the commit; otherwise it blocks.
 */
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { gitOutput, runGit, type GitOptions } from '../git/run.js';

export interface PartialCommit {
  /** git's lock file holding what the real index will be once the commit is made. */
  readonly realIndex: string;
}

/** The partial commit in progress, or undefined for every other way of committing. */
export async function partialCommit(atTop: GitOptions): Promise<PartialCommit | undefined> {
  const env = atTop.env ?? process.env;
  const indexFile = env['GIT_INDEX_FILE'];
  if (indexFile === undefined || indexFile === '') return undefined;
  if (!/^next-index-\d+\.lock$/.test(basename(indexFile))) return undefined;
  const withoutIndex = { ...env, GIT_INDEX_FILE: undefined };
  const real = await runGit(['rev-parse', '--git-path', 'index'], { ...atTop, env: withoutIndex });
  if (real.code !== 0) return undefined;
  const realIndex = `${resolve(atTop.cwd, real.stdout.trim())}.lock`;
  return existsSync(realIndex) && realIndex !== resolve(atTop.cwd, indexFile)
    ? { realIndex }
    : undefined;
}

/** Paths whose entry in the real index differs from the commit's: staging there would lose it. */
export async function differingEntries(
  partial: PartialCommit,
  paths: readonly string[],
  atTop: GitOptions,
): Promise<string[]> {
  const entries = async (options: GitOptions) =>
    entryMap(
      await gitOutput(['--literal-pathspecs', 'ls-files', '-s', '-z', '--', ...paths], options),
    );
  const [commit, real] = await Promise.all([entries(atTop), entries(inRealIndex(partial, atTop))]);
  return paths.filter((path) => commit.get(path) !== real.get(path));
}

/** Stages the written documents in the real index as well. */
export async function stageInRealIndex(
  partial: PartialCommit,
  paths: readonly string[],
  atTop: GitOptions,
): Promise<void> {
  await gitOutput(['--literal-pathspecs', 'add', '--', ...paths], inRealIndex(partial, atTop));
}

function inRealIndex(partial: PartialCommit, atTop: GitOptions): GitOptions {
  return { ...atTop, env: { ...(atTop.env ?? process.env), GIT_INDEX_FILE: partial.realIndex } };
}

/** `ls-files -s -z`: "mode blob stage\tpath\0" → path → "mode blob stage". */
function entryMap(output: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of output.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab !== -1) map.set(entry.slice(tab + 1), entry.slice(0, tab));
  }
  return map;
}
