import { formatDiagnostic, type Diagnostic } from '../diagnostics.js';
import { writeLine, type OutputStream } from './io.js';

/** One line a problem, then a count line a person can scan: "2 errors, 1 warning in 3 files". */
export function printDiagnostics(stream: OutputStream, diagnostics: readonly Diagnostic[]): void {
  for (const diagnostic of diagnostics) writeLine(stream, formatDiagnostic(diagnostic));
  if (diagnostics.length === 0) return;
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const files = new Set(diagnostics.map((diagnostic) => diagnostic.file)).size;
  writeLine(
    stream,
    `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files, 'file')}`,
  );
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
