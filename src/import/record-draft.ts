/** What import builds: a record, and what one document states of it before it is finished. */
import type { SessionId } from '../data/session-id.js';
import type { Session } from '../data/schema.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Outline } from './outline.js';

export interface ImportedRecord {
  readonly session: Session;
  /** "field ← line N" for each field imported. */
  readonly mapped: readonly string[];
  /** Lines kept verbatim in the notes. */
  readonly unmappedLines: number;
}

export interface SourceDocument {
  readonly file: string;
  readonly outline: Outline;
  /** The session number from the file name or the Session Log heading, when known. */
  readonly numberHint?: SessionId;
  /** The line of the Session Log heading (a tracker's entry), whose text names number and date. */
  readonly titleLine?: number;
  /** For a Session Log entry: the phase the tracker's title or file name states, and its line. */
  readonly phaseHint?: { readonly phase: number; readonly line?: number };
}

export type BuildResult =
  | { readonly record: ImportedRecord; readonly findings: Diagnostic[] }
  | { readonly record: undefined; readonly findings: Diagnostic[] };

/** A record's top-level field as one document states it, and the lines it came from. */
export interface FieldValue {
  readonly value: unknown;
  readonly lines: readonly number[];
}

/**
 * What one document states of a session, field by field, before the schema's required fields are
 * checked: a summary and the Session Log entry of one session are merged at this stage.
 */
export interface RecordDraft {
  readonly file: string;
  readonly outline: Outline;
  readonly number: SessionId;
  /** The title line (a Session Log entry's heading), where findings about the whole record point. */
  readonly at: number;
  /** A Session Log entry rather than a summary. */
  readonly fromLog: boolean;
  /** Top-level fields stated (phase also when a module's phase or the tracker's gives it). */
  readonly fields: ReadonlyMap<string, FieldValue>;
  /** Lines some field took; the others are the notes. */
  readonly taken: ReadonlySet<number>;
  /** "field ← line N", by top-level field. */
  readonly mapped: readonly { readonly field: string; readonly text: string }[];
  readonly findings: readonly Diagnostic[];
}

export type DraftResult =
  | { readonly draft: RecordDraft; readonly findings: Diagnostic[] }
  | { readonly draft: undefined; readonly findings: Diagnostic[] };
