/**
 * Problems found in user input are values, not exceptions: every stage returns them so that
 * one run can report all of them. A tool failure (a bug, an unreadable directory the user did
 * not name) is thrown instead.
 */
import type { RuleId, Severity } from './diagnostic-rules.js';

export type { Severity };

export interface Diagnostic {
  /** Path as the user should see it: relative to the working directory where possible. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, counted in characters (UTF-16 code units) from the start of the line. */
  readonly column: number;
  readonly severity: Severity;
  /** Short kebab-case id, stable for scripts, declared in diagnostic-rules.ts: `type`, `required`, … */
  readonly rule: RuleId;
  readonly message: string;
}

export function formatDiagnostic(diagnostic: Diagnostic): string {
  const { file, line, column, severity, rule, message } = diagnostic;
  return `${file}:${line}:${column}  ${severity}  ${rule}  ${message}`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((diagnostic) => diagnostic.severity === 'error');
}

/** Sorts by file, then position, so output is stable whatever order the checks ran in. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column,
  );
}

/**
 * A mistake in how the tool was called or in a file the user named (exit 2): printed as one
 * line, never with a stack trace.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
