import { writeFilesAtomically, type WriteOutcome } from '../write/index.js';
import { changingFiles, type Plan } from './planned-file.js';

export interface PlanWritten {
  /** Paths written now (a file that already had the new content is not). */
  readonly written: ReadonlySet<string>;
  /** What every changing document's file holds now. */
  readonly contents: ReadonlyMap<string, string>;
}

/**
 * Writes the documents of a valid plan whose content changes; the merge already knows which,
 * so the rest are not touched, not even read again.
 */
export async function writePlannedFiles(plan: Plan): Promise<PlanWritten> {
  const changing = changingFiles(plan).map((file) => ({
    path: file.path,
    content: file.merge.content,
  }));
  const outcomes: WriteOutcome[] = await writeFilesAtomically(changing);
  return {
    written: new Set(
      outcomes.filter((outcome) => outcome.status === 'written').map((outcome) => outcome.path),
    ),
    contents: new Map(changing.map((file) => [file.path, file.content])),
  };
}
