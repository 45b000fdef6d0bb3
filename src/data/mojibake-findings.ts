import type { Diagnostic } from '../diagnostics.js';
import { findMojibake } from '../text/mojibake.js';
import { LineIndex } from '../text/position.js';

/** At most this many runs are quoted a line; the rest are counted. */
const QUOTED = 3;

/**
 * One warning a line that holds mojibake, at its first run, quoting what each run stood for.
 * `remedy` says how this command repairs it ("--repair-encoding repairs it").
 */
export function mojibakeDiagnostics(file: string, text: string, remedy: string): Diagnostic[] {
  const runs = findMojibake(text);
  if (runs.length === 0) return [];
  const lines = new LineIndex(text);
  const byLine = new Map<number, { column: number; quoted: string[]; count: number }>();
  for (const run of runs) {
    const { line, column } = lines.position(run.offset);
    const entry = byLine.get(line) ?? { column, quoted: [], count: 0 };
    entry.count++;
    if (entry.quoted.length < QUOTED)
      entry.quoted.push(`${JSON.stringify(run.found)} for ${JSON.stringify(run.repaired)}`);
    byLine.set(line, entry);
  }
  return [...byLine].map(([line, entry]) => ({
    file,
    line,
    column: entry.column,
    severity: 'warning',
    rule: 'mojibake',
    message: `expected UTF-8 text, found text once decoded as Windows-1252: ${entry.quoted.join(', ')}${entry.count > QUOTED ? ` and ${entry.count - QUOTED} more` : ''}; ${remedy}`,
  }));
}
