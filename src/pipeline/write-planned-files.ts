import type { Diagnostic } from '../diagnostics.js';
import { besidePath } from '../write/atomic.js';
import { writeFilesAtomically, type WriteOutcome } from '../write/index.js';
import { changingFiles, type Plan } from './planned-file.js';

export interface PlanWritten {
  /** Paths written now (a file that already had the new content is not). */
  readonly written: ReadonlySet<string>;
  /** What every changing document's file holds now (the ones written or already equal). */
  readonly contents: ReadonlyMap<string, string>;
  /** Files left alone because they changed while the run worked. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Writes the documents of a valid plan whose content changes; the merge already knows which,
 * so the rest are not touched, not even read again. Each is replaced only if it still holds what
 * the merge read: a save made meanwhile is kept, and this run's version is put beside it.
 */
export async function writePlannedFiles(plan: Plan): Promise<PlanWritten> {
  const changing = changingFiles(plan).map((file) => ({
    path: file.path,
    shownAs: file.shownAs,
    content: file.merge.content,
    expected: file.existing ?? null,
  }));
  const outcomes: WriteOutcome[] = writeFilesAtomically(
    changing,
    plan.bounds === undefined ? {} : { bounds: plan.bounds },
  );
  const diagnostics: Diagnostic[] = [];
  const contents = new Map<string, string>();
  for (const [index, file] of changing.entries()) {
    const outcome = outcomes[index];
    if (outcome?.status !== 'changed-meanwhile') {
      contents.set(file.path, file.content);
      continue;
    }
    const beside =
      outcome.beside === besidePath(file.path) ? besidePath(file.shownAs) : (outcome.beside ?? '');
    diagnostics.push({
      file: file.shownAs,
      line: 1,
      column: 1,
      severity: 'error',
      rule: 'changed-during-run',
      message: `expected the file as this run read it, found it changed meanwhile (saved during the run?): your version is kept as it is; this run's version is in ${beside}: compare them, delete it, and run trackgen generate again`,
    });
  }
  return {
    written: new Set(
      outcomes.filter((outcome) => outcome.status === 'written').map((outcome) => outcome.path),
    ),
    contents,
    diagnostics,
  };
}
