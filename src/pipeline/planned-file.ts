/**
 * What a run plans: every document, merged into its file or known from the last run to be as it
 * was left. Types only (and one predicate), so the cheap paths import them without the pipeline.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Conflict, MergeResult } from '../merge/types.js';
import type { ViewModel } from '../model/index.js';
import type { WriteBounds } from '../write/safe-path.js';

interface DocumentFile {
  readonly path: string;
  /** Relative to the working directory, for messages. */
  readonly shownAs: string;
  readonly about: string;
}

/** The document rendered now and merged into the file on disk. */
export interface MergedFile extends DocumentFile {
  readonly kind: 'merged';
  readonly existing: string | undefined;
  readonly fresh: string;
  readonly merge: MergeResult;
}

/**
 * Inputs and file both as the last run left them: what merging gave then still holds, and
 * nothing is read (neither the file nor its rendering). Such a file never changes.
 */
export interface FileAsLastRunLeftIt extends DocumentFile {
  readonly kind: 'as-last-run-left-it';
  readonly merge: MergeSummary;
}

/** What generate, check and the hook report of a merge. */
export interface MergeSummary {
  readonly changed: boolean;
  readonly diagnostics: readonly Diagnostic[];
  readonly conflicts: readonly Conflict[];
  readonly handEdited: readonly string[];
}

export type PlannedFile = MergedFile | FileAsLastRunLeftIt;

export interface DocumentSources {
  /** Data files a document is made from (project.json and session records), as shown to users. */
  readonly records: readonly string[];
  /** The coverage report(s) it reads, as shown to users. */
  readonly report: readonly string[];
}

export interface Plan<File extends PlannedFile = PlannedFile> {
  /** The inputs loaded and every document rendered: the files may be written. */
  readonly valid: boolean;
  /** The view model; absent when the input is invalid and when the plan came from the run cache. */
  readonly model: ViewModel | undefined;
  /** Per document (its `about`), the inputs it is made from. */
  readonly sources: ReadonlyMap<string, DocumentSources>;
  /** Where its documents may be written (absent: plans made before bounds existed). */
  readonly bounds?: WriteBounds;
  readonly files: readonly File[];
  /** Problems of the inputs: data, report, view model (drift), templates. */
  readonly inputDiagnostics: readonly Diagnostic[];
  /** Every problem of every stage, merges included, in the order found. */
  readonly diagnostics: readonly Diagnostic[];
}

/** A file the merge refused to write (broken markers, an unmarked file). */
export function isSkipped(file: PlannedFile): boolean {
  return file.kind === 'merged' && file.merge.content === null;
}

/** The files whose new content differs from the disk, with that content. */
export function changingFiles(
  plan: Plan,
): (MergedFile & { readonly merge: { readonly content: string } })[] {
  return plan.files.filter(
    (file): file is MergedFile & { readonly merge: { readonly content: string } } =>
      file.kind === 'merged' && file.merge.changed && file.merge.content !== null,
  );
}
