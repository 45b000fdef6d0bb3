/**
 * A document rendered while its commit was being made cannot hold that commit's hash: the hook
 * wrote "this commit" (or `generate`, just before, "TBD"). Once the commit is in history, a fresh
 * rendering shows the hash, and the committed document would look stale for that alone. So a
 * document that differs from the fresh rendering is judged again as of the commit that last
 * changed it: with the history that commit's parents had, rendered as the hook (or `generate`)
 * would have rendered it then. When that rendering leaves it unchanged, the document is current:
 * the next regeneration fills the hash in.
 */
import type { Settings } from '../config/settings.js';
import type { CommitBeingMade } from '../git/being-made.js';
import { runGit } from '../git/run.js';
import { planDocuments, type PlanOptions } from './plan.js';
import type { PlannedFile } from './planned-file.js';

export interface AsCommittedOptions {
  readonly plan: Omit<PlanOptions, 'beingMade'>;
  /** Where git runs to find the commit that last changed a file named by its `shownAs`. */
  readonly gitCwd: string;
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Renderings to try before those of each document's last commit (for `check --staged`). */
  readonly first?: readonly CommitBeingMade[];
}

/** The `path`s of `stale` that are what they were made as; the others stay stale. */
export async function currentAsCommitted(
  settings: Settings,
  stale: readonly PlannedFile[],
  options: AsCommittedOptions,
): Promise<Set<string>> {
  const current = new Set<string>();
  if (stale.length === 0) return current;
  const settle = async (beingMade: CommitBeingMade, among: readonly PlannedFile[]) => {
    const left = among.filter((file) => !current.has(file.path));
    if (left.length === 0) return;
    const plan = await planDocuments(settings, { ...options.plan, beingMade });
    if (!plan.valid) return;
    const paths = new Set(left.map((file) => file.path));
    for (const file of plan.files)
      if (paths.has(file.path) && !file.merge.changed && file.merge.conflicts.length === 0)
        current.add(file.path);
  };
  for (const beingMade of options.first ?? []) await settle(beingMade, stale);

  const byCommit = new Map<string, PlannedFile[]>();
  for (const file of stale) {
    if (current.has(file.path)) continue;
    const commit = await lastCommitOf(file.shownAs, options);
    if (commit === undefined) continue;
    byCommit.set(commit, [...(byCommit.get(commit) ?? []), file]);
  }
  for (const [commit, files] of byCommit) {
    await settle({ kind: 'made', commit, marked: true }, files);
    await settle({ kind: 'made', commit, marked: false }, files);
  }
  return current;
}

async function lastCommitOf(
  shownAs: string,
  options: AsCommittedOptions,
): Promise<string | undefined> {
  const result = await runGit(['--literal-pathspecs', 'log', '-1', '--format=%H', '--', shownAs], {
    cwd: options.gitCwd,
    env: options.env,
  }).catch(() => undefined);
  const hash = result?.code === 0 ? result.stdout.trim() : '';
  return hash === '' ? undefined : hash;
}
