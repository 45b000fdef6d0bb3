/**
 * Outputs that are not Markdown (the coverage badge) have no sections and no hand edits to keep:
 * the rendering is the file. Their "merge" is that comparison, in the shape every front end reads.
 */
import type { MergeResult } from '../merge/types.js';

/** The `about` of the coverage badge: the run cache compares it whole too. */
export const BADGE_ABOUT = 'coverage badge';

export function wholeFile(existing: string | undefined, fresh: string): MergeResult {
  return {
    content: fresh,
    changed: existing !== fresh,
    diagnostics: [],
    conflicts: [],
    sections: [],
    handEdited: [],
    updated: [],
    fullParse: false,
  };
}
