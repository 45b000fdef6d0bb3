import type { PlannedFile } from './plan.js';

/**
 * A file the merge refused to write (broken markers, an unmarked file). The condition order
 * matters: a file the run cache vouches for is never read just to answer this. Kept apart from
 * plan.ts, whose imports are the heavy part of a run.
 */
export function isSkipped(file: PlannedFile): boolean {
  return file.asLastRunLeftIt !== true && file.merge.content === null;
}
