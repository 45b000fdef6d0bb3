import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './run-cli.js';

/**
 * The team's reference documents of a real campaign: the tracker the example project reproduces
 * and later real trackers, summaries and lessons (`upstream/`). They carry no licence, so they
 * are not in the repository: they are read from `../shared/reference/` beside the checkout (CI
 * has it there; a worktree kept one level deeper finds it at `../../shared/…`), or from
 * TRACKGEN_REFERENCE_DIR. Tests that need them are skipped, with a warning, without them.
 */
export const sharedReferenceDir: string | undefined = [
  process.env['TRACKGEN_REFERENCE_DIR'],
  join(repoRoot, '..', 'shared', 'reference'),
  join(repoRoot, '..', '..', 'shared', 'reference'),
].find((path): path is string => path !== undefined && existsSync(path));

export function warnWithoutReference(testFile: string): void {
  if (sharedReferenceDir === undefined)
    console.warn(
      `${testFile} skipped: no ../shared/reference/ beside the checkout (or TRACKGEN_REFERENCE_DIR)`,
    );
}
