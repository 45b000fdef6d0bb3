import { formatDiagnostic, type Diagnostic } from './diagnostics.js';
import { plural } from './text/plural.js';

/** One line a problem, then a count line a person can scan: "2 errors, 1 warning in 3 files". */
export function diagnosticLines(diagnostics: readonly Diagnostic[]): string[] {
  if (diagnostics.length === 0) return [];
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const files = new Set(diagnostics.map((diagnostic) => diagnostic.file)).size;
  return [
    ...diagnostics.map(formatDiagnostic),
    `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files, 'file')}`,
  ];
}
