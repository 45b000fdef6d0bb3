import type { Session } from '../data/schema.js';
import type { Diagnostic } from '../diagnostics.js';
import { notesOf } from './notes.js';
import type { BuildResult, FieldValue, RecordDraft } from './record-draft.js';

/** The order of a record's keys, as new-session writes them. */
const FIELD_ORDER = [
  'number',
  'date',
  'phase',
  'status',
  'title',
  'duration',
  'timeInvested',
  'modules',
  'projectCoverage',
  'tests',
  'testClasses',
  'testFile',
  'testFileSize',
  'challenges',
  'lessons',
  'commits',
] as const;

/** "file:line:column" of a field's first line, the column where its value is written. */
function placeOf(draft: RecordDraft, field: FieldValue): string {
  const line = field.lines[0] ?? draft.at;
  return `${draft.file}:${line}:${columnOf(draft, line, field.value)}`;
}

function columnOf(draft: RecordDraft, line: number, value: unknown): number {
  const text = draft.outline.lines.find((candidate) => candidate.number === line)?.text ?? '';
  const at =
    typeof value === 'string' || typeof value === 'number' ? text.indexOf(String(value)) : -1;
  return (at === -1 ? text.search(/\S/u) : at) + 1 || 1;
}

/**
 * True when `extra` states nothing `main` does not: the same values, or fewer of them (a module's
 * derived outcome aside).
 */
function within(extra: unknown, main: unknown, key = ''): boolean {
  if (key === 'outcome') return true;
  if (Array.isArray(extra))
    return (
      Array.isArray(main) &&
      extra.length === main.length &&
      extra.every((item, index) => within(item, main[index]))
    );
  if (typeof extra === 'object' && extra !== null)
    return (
      typeof main === 'object' &&
      main !== null &&
      !Array.isArray(main) &&
      Object.entries(extra).every(([name, value]) =>
        within(value, (main as Record<string, unknown>)[name], name),
      )
    );
  return extra === main;
}

/** True when `extra` and `main` state one figure or word differently (not merely one more). */
function contradicts(extra: unknown, main: unknown, key = ''): boolean {
  if (key === 'outcome' || extra === undefined || main === undefined) return false;
  if (Array.isArray(extra) && Array.isArray(main))
    return (
      extra.length !== main.length || extra.some((item, index) => contradicts(item, main[index]))
    );
  if (
    typeof extra === 'object' &&
    extra !== null &&
    !Array.isArray(extra) &&
    typeof main === 'object' &&
    main !== null &&
    !Array.isArray(main)
  )
    return Object.entries(extra).some(([name, value]) =>
      contradicts(value, (main as Record<string, unknown>)[name], name),
    );
  return JSON.stringify(extra) !== JSON.stringify(main);
}

/**
 * The record from a document's draft and, for a session a summary and a tracker's Session Log
 * both describe, the Session Log entry's: the first draft wins field by field, the others fill
 * only fields it does not state. A later one's field that says more than the first's stays in the
 * notes; one that says something else is also reported (rule import-conflict, naming both places).
 */
export function finishRecord(main: RecordDraft, ...extras: RecordDraft[]): BuildResult {
  const fields = new Map(main.fields);
  const findings: Diagnostic[] = [...main.findings];
  const mapped = main.mapped.map((entry) => entry.text);
  const notes = [notesOf(main.outline.lines, main.taken)];
  for (const extra of extras) {
    findings.push(...extra.findings);
    const untaken = new Set<number>();
    const kept = new Set<number>();
    for (const [field, stated] of extra.fields) {
      const own = fields.get(field);
      if (own === undefined) {
        fields.set(field, stated);
        for (const entry of extra.mapped)
          if (entry.field === field) mapped.push(`${entry.text} of ${extra.file}`);
        for (const line of stated.lines) kept.add(line);
      } else if (within(stated.value, own.value)) {
        for (const line of stated.lines) kept.add(line);
      } else if (!contradicts(stated.value, own.value)) {
        // More than the summary states of a field it has: not imported, kept in the notes.
        for (const line of stated.lines) untaken.add(line);
      } else {
        for (const line of stated.lines) untaken.add(line);
        const line = stated.lines[0] ?? extra.at;
        findings.push({
          file: extra.file,
          line,
          column: columnOf(extra, line, stated.value),
          severity: 'warning',
          rule: 'import-conflict',
          message: `expected one ${field} for session ${main.number}, found ${JSON.stringify(stated.value)} here and ${JSON.stringify(own.value)} at ${placeOf(main, own)}; the summary's is imported, this line stays in the notes`,
        });
      }
    }
    const taken = new Set([...extra.taken].filter((line) => kept.has(line) || !untaken.has(line)));
    notes.push(notesOf(extra.outline.lines, taken));
  }

  const missing = (message: string): BuildResult => ({
    record: undefined,
    findings: [
      ...findings,
      {
        file: main.file,
        line: main.at,
        column: 1,
        severity: 'error',
        rule: 'import-missing',
        message,
      },
    ],
  });
  const { number } = main;
  if (!fields.has('phase'))
    return missing(
      `expected the phase of session ${number} ("Phase 4", or a module of project.json), found neither; nothing is imported from this file`,
    );
  if (!fields.has('status')) fields.set('status', { value: 'complete', lines: [] });
  if (fields.get('status')?.value === 'complete' && !fields.has('date'))
    return missing(
      `expected the date of session ${number} (a summary records a finished session, and a complete session needs a date), found none; nothing is imported from this file`,
    );

  const session: Record<string, unknown> = { number };
  for (const field of FIELD_ORDER) {
    const stated = fields.get(field);
    if (stated !== undefined && field !== 'number') session[field] = stated.value;
  }
  const allNotes = notes.filter((text) => text !== '').join('\n\n');
  if (allNotes !== '') session['notes'] = allNotes;
  const unmappedLines =
    allNotes === '' ? 0 : allNotes.split('\n').filter((line) => line.trim() !== '').length;
  return { record: { session: session as Session, mapped, unmappedLines }, findings };
}
