import type { Diagnostic } from '../diagnostics.js';

export interface MergeInput {
  /** Path as the user should see it; used in diagnostics only. */
  readonly path: string;
  /** The file as it is on disk (may have a BOM and CRLF), or undefined when it does not exist. */
  readonly existing: string | undefined;
  /** The new rendering: LF line endings, sections wrapped by `wrapSection`. */
  readonly fresh: string;
  /** Take the new rendering even where a person edited: every section, or the named ones. */
  readonly force?: 'all' | ReadonlySet<string>;
  /** Insert markers into an existing file that has none (matching its headings). */
  readonly adopt?: boolean;
  /** On adoption, repair text once decoded as Windows-1252 (mojibake); nothing else changes. */
  readonly repairEncoding?: boolean;
}

/** What happened to one section id. */
export type SectionStatus =
  /** Already equal to the new rendering (or an accepted edit whose data did not change). */
  | 'unchanged'
  /** Untouched since generated: replaced by the new rendering. */
  | 'updated'
  /** New in the rendering: added to the file. */
  | 'inserted'
  /** No longer rendered and untouched: removed from the file. */
  | 'removed'
  /** Edited by hand, data unchanged: kept, reported as a warning. */
  | 'hand-edited'
  /** Edited by hand (or accepted) and its data changed: kept, reported as an error. */
  | 'conflict'
  /** Edited by hand but no longer rendered: kept, reported as a warning. */
  | 'orphaned'
  /** Not rendered here and not in the manifest (pasted from another document): kept, warned. */
  | 'foreign'
  /** Pinned by a person: never regenerated. */
  | 'pinned'
  /** Replaced by the new rendering because of `force`. */
  | 'forced'
  /** Its markers were deleted by a person: hand-written now, not added again. */
  | 'released';

export interface SectionOutcome {
  readonly id: string;
  readonly status: SectionStatus;
  /** 1-based line of the begin marker in the existing file; 0 when it is not there (inserted, released). */
  readonly line: number;
}

export interface Conflict {
  readonly sectionId: string;
  /** 1-based line of the begin marker in the existing file. */
  readonly line: number;
  /** Unified diff from the person's text to the new rendering (LF). */
  readonly diff: string;
}

export interface MergeResult {
  /** The content to write, or null when the file must not be written (broken markers, unmarked file). */
  readonly content: string | null;
  /** True when content is not null and differs from the existing file (or the file is new). */
  readonly changed: boolean;
  readonly diagnostics: readonly Diagnostic[];
  readonly conflicts: readonly Conflict[];
  /** Every section id seen in the file or the rendering, in file order. */
  readonly sections: readonly SectionOutcome[];
  /** Shorthands over `sections`. */
  readonly handEdited: readonly string[];
  readonly updated: readonly string[];
  /** Whether remark parsed the file (false on the fast path). */
  readonly fullParse: boolean;
}

export interface AcceptInput {
  readonly path: string;
  readonly existing: string;
  /** Section ids to accept, or 'all' for every hand-edited or conflicting section. */
  readonly ids: 'all' | ReadonlySet<string>;
  /**
   * The current rendering, if available: accepting then also resolves a conflict (the accepted
   * text becomes the baseline for the new data). Without it the old rendering stays the base.
   */
  readonly fresh?: string;
}

export interface AcceptResult {
  readonly content: string | null;
  readonly changed: boolean;
  readonly diagnostics: readonly Diagnostic[];
  readonly accepted: readonly string[];
}
