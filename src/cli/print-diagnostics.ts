import { diagnosticLines } from '../diagnostic-lines.js';
import type { Diagnostic } from '../diagnostics.js';
import { writeLines, type OutputStream } from './io.js';

/** One line a problem, then a count line a person can scan: "2 errors, 1 warning in 3 files". */
export function printDiagnostics(stream: OutputStream, diagnostics: readonly Diagnostic[]): void {
  writeLines(stream, diagnosticLines(diagnostics));
}
