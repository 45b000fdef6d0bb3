/**
 * One document (or one Session Log entry) to one session record. Only what the document states
 * is recorded; the schema's required fields come from the document or, for the phase, from the
 * project's own modules (the project says which phase a module belongs to). A record the schema
 * needs something for that nothing states is reported, not guessed.
 */
import type { CoverageFigures, Module, Project, Session, SessionModule } from '../data/schema.js';
import type { Diagnostic } from '../diagnostics.js';
import { toSlashes } from '../text/paths.js';
import { Draft, type Stated } from './draft.js';
import { collectFacts, type Fact } from './labels.js';
import { mapFigure, mapHeader } from './map-fields.js';
import { notesOf } from './notes.js';
import type { Outline } from './outline.js';
import { cleanTitle, mapChallenges, mapCommits, mapLessons } from './sections.js';

/** "Session 54", "Séance 54", "Session #54". */
const SESSION_NUMBER = /\b(?:session|séance|seance)\s*#?\s*(\d+)/iu;

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
  readonly numberHint?: number;
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
  readonly number: number;
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

/** Finds a module by id, path, or file name with or without ".py" (as new-session does). */
export function findProjectModule(project: Project, name: string): Module | undefined {
  const modules = project.phases.flatMap((phase) => phase.modules ?? []);
  const wanted = toSlashes(name);
  const fileName = (path: string) => toSlashes(path).split('/').pop()?.replace(/\.py$/, '');
  return (
    modules.find((module) => module.id === wanted) ??
    modules.find(
      (module) =>
        toSlashes(module.path) === wanted || toSlashes(module.path).endsWith(`/${wanted}`),
    ) ??
    modules.find((module) => fileName(module.path) === wanted.replace(/\.py$/, ''))
  );
}

function figuresOf(
  fields: Map<string, Stated<unknown>>,
): { figures: CoverageFigures; lines: number[] } | undefined {
  const number = (key: string) => fields.get(key)?.value as number | undefined;
  let percent = number('percent') ?? number('statementPercent');
  const statements = number('statements');
  const missed = number('missed');
  const branches = number('branches');
  const coveredBranches = number('coveredBranches');
  const lines = [...fields.values()].flatMap((stated) => stated.lines);
  if (percent === undefined && statements !== undefined && missed !== undefined) {
    // coverage.py's figure from the counts the document states: covered over all, statements and branches.
    const covered = statements - missed + (coveredBranches ?? 0);
    const all = statements + (branches ?? 0);
    if (all > 0 && (branches === undefined) === (coveredBranches === undefined))
      percent = Math.round((covered / all) * 10000) / 100;
  }
  if (percent === undefined) return undefined;
  const partial = number('partialBranches');
  return {
    figures: {
      percent,
      ...(statements === undefined ? {} : { statements }),
      ...(missed === undefined ? {} : { missed }),
      ...(branches === undefined ? {} : { branches }),
      ...(coveredBranches === undefined ? {} : { coveredBranches }),
      ...(partial === undefined ? {} : { partialBranches: partial }),
    },
    lines,
  };
}

/** One document to one record, as when it is imported alone. */
export function buildRecord(source: SourceDocument, project: Project): BuildResult {
  const drafted = draftRecord(source, project);
  if (drafted.draft === undefined) return { record: undefined, findings: drafted.findings };
  return finishRecord(drafted.draft);
}

/** What one document states, field by field; undefined when it names no session number. */
export function draftRecord(source: SourceDocument, project: Project): DraftResult {
  const { file, outline } = source;
  const draft = new Draft(file);
  const facts = collectFacts(outline.lines);
  const firstSection = outline.headings.find(
    (heading) => heading.depth === 2 && heading.line !== source.titleLine,
  )?.line;
  const inHeader = (fact: Fact) =>
    source.titleLine !== undefined || firstSection === undefined || fact.line < firstSection;
  const titleNumber = SESSION_NUMBER.exec(
    outline.headings.find((heading) => heading.line === source.titleLine || heading.depth === 1)
      ?.text ?? '',
  )?.[1];
  const sessionNumber = titleNumber === undefined ? source.numberHint : Number(titleNumber);
  mapHeader(facts.filter(inHeader), draft, sessionNumber);
  for (const fact of facts.filter((fact) => !inHeader(fact))) mapFigure(fact, draft, sessionNumber);

  const taken = new Set<number>();
  const mapped: { field: string; text: string }[] = [];
  const fields = new Map<string, FieldValue>();
  const set = (field: string, value: unknown, lines: readonly number[]) => {
    fields.set(field, { value, lines: [...new Set(lines)] });
  };
  const use = (field: string, stated: Stated<unknown> | undefined) => {
    if (stated === undefined) return;
    for (const line of stated.lines) taken.add(line);
    mapped.push({
      field: field.split('.')[0] ?? field,
      text: `${field} ← line ${stated.lines.join(', ')}`,
    });
  };

  // The title: "Session 54: ai_model_manager.py TRUE 100%!" gives the number and the headline.
  const titleHeading =
    outline.headings.find((heading) => heading.line === source.titleLine) ??
    outline.headings.find((heading) => heading.depth === 1);
  const titleText = titleHeading?.text ?? '';
  const numberInTitle = SESSION_NUMBER.exec(titleText)?.[1];
  const number = numberInTitle === undefined ? source.numberHint : Number(numberInTitle);
  // A Session Log heading holds the number, date and a status, no headline.
  const headline =
    source.titleLine !== undefined
      ? ''
      : cleanTitle(
          titleText
            .replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu, '')
            .replace(SESSION_NUMBER, '')
            .replace(/\b\d{4}-\d{2}-\d{2}\b/u, '')
            .replace(/^[\s:\-–—]*(?:summary|résumé|recap)?[\s:\-–—]*/iu, ''),
        );
  const dateInTitle = /\b(\d{4}-\d{2}-\d{2})\b/u.exec(titleText)?.[1];
  if (dateInTitle !== undefined && titleHeading !== undefined)
    draft.state('date', dateInTitle, titleHeading.line);
  if (titleHeading !== undefined && (numberInTitle !== undefined || headline !== ''))
    taken.add(titleHeading.line);
  const findings: Diagnostic[] = [];
  const at = titleHeading?.line ?? 1;
  if (number === undefined)
    return {
      draft: undefined,
      findings: [
        ...draft.findings,
        {
          file,
          line: at,
          column: 1,
          severity: 'error',
          rule: 'import-missing',
          message:
            'expected a session number in the title ("Session 54") or the file name (SESSION_54_SUMMARY.md), found none; nothing is imported from this file',
        },
      ],
    };

  // Modules: those the project knows; the others are reported and stay in the notes.
  const names = draft.get<string[]>('moduleNames');
  const modules: Module[] = [];
  for (const name of names?.value ?? []) {
    const module = findProjectModule(project, name);
    if (module === undefined)
      findings.push({
        file,
        line: names?.lines[0] ?? 1,
        column: 1,
        severity: 'warning',
        rule: 'import-module',
        message: `expected a module of project.json (its id, path or file name), found "${name}"; the module and its figures stay in the notes`,
      });
    else if (!modules.includes(module)) modules.push(module);
  }
  if (modules.length > 0) use('modules', names);

  const phaseOfModule = project.phases.find((phase) =>
    (phase.modules ?? []).some((module) => module === modules[0]),
  );
  const statedPhase = draft.get<number>('phase');
  if (statedPhase !== undefined) {
    use('phase', statedPhase);
    set('phase', statedPhase.value, statedPhase.lines);
  } else if (phaseOfModule !== undefined) {
    set('phase', phaseOfModule.number, names?.lines ?? [at]);
    mapped.push({
      field: 'phase',
      text: `phase ${phaseOfModule.number} ← project.json (the phase of ${modules[0]?.id ?? ''})`,
    });
  } else if (source.phaseHint !== undefined) {
    const { phase, line } = source.phaseHint;
    set('phase', phase, [line ?? at]);
    mapped.push({
      field: 'phase',
      text: `phase ${phase} ← ${line === undefined ? "the tracker's file name" : `line ${line} (the tracker's title)`}`,
    });
  }

  const statedStatus = draft.get<Session['status']>('status');
  if (statedStatus !== undefined) set('status', statedStatus.value, statedStatus.lines);
  use('status', statedStatus);
  const date = draft.get<string>('date');
  if (date !== undefined) set('date', date.value, date.lines);
  use('date', date);

  if (headline !== '') {
    set('title', headline, [at]);
    mapped.push({ field: 'title', text: `title ← line ${at}` });
  }
  for (const field of ['duration', 'timeInvested'] as const) {
    const stated = draft.get<string>(field);
    if (stated !== undefined) {
      set(field, stated.value, stated.lines);
      use(field, stated);
    }
  }

  if (modules.length > 0) {
    const start = modules.length === 1 ? figuresOf(draft.under('module.start.')) : undefined;
    const final = modules.length === 1 ? figuresOf(draft.under('module.final.')) : undefined;
    set(
      'modules',
      modules.map((module, index): SessionModule => ({
        module: module.id,
        outcome: index === 0 && final?.figures.percent === 100 ? 'complete' : 'in-progress',
        ...(index === 0 && start !== undefined ? { start: start.figures } : {}),
        ...(index === 0 && final !== undefined ? { final: final.figures } : {}),
      })),
      [...(names?.lines ?? []), ...(start?.lines ?? []), ...(final?.lines ?? [])],
    );
    for (const [stage, figures] of [
      ['start', start],
      ['final', final],
    ] as const)
      if (figures !== undefined) {
        for (const line of figures.lines) taken.add(line);
        mapped.push({
          field: 'modules',
          text: `modules[0].${stage} ← line ${[...new Set(figures.lines)].join(', ')}`,
        });
      }
  }

  const projectStart = draft.get<number>('project.start.percent');
  const projectFinal = draft.get<number>('project.final.percent');
  if (projectStart !== undefined || projectFinal !== undefined) {
    set(
      'projectCoverage',
      {
        ...(projectStart === undefined ? {} : { start: projectStart.value }),
        ...(projectFinal === undefined ? {} : { final: projectFinal.value }),
      },
      [...(projectStart?.lines ?? []), ...(projectFinal?.lines ?? [])],
    );
    use('projectCoverage.start', projectStart);
    use('projectCoverage.final', projectFinal);
  }

  const tests = draft.under('tests.');
  const total = (tests.get('suiteTotal') ?? tests.get('total'))?.value as number | undefined;
  const allPassing = tests.get('allPassing');
  const passing =
    (tests.get('passing')?.value as number | undefined) ??
    (allPassing !== undefined ? total : undefined);
  const created = tests.get('created')?.value as number | undefined;
  if (created !== undefined && total !== undefined && passing !== undefined) {
    const skipped = tests.get('skipped')?.value as number | undefined;
    const warnings = tests.get('warnings')?.value as number | undefined;
    const used = [...tests].filter(
      ([key]) => key !== (tests.has('suiteTotal') ? 'total' : 'suiteTotal'),
    );
    set(
      'tests',
      {
        created,
        total,
        passing,
        ...(skipped === undefined ? {} : { skipped }),
        ...(warnings === undefined ? {} : { warnings }),
      },
      used.flatMap(([, stated]) => stated.lines),
    );
    for (const [key, stated] of used) use(`tests.${key}`, stated);
  } else if (tests.size > 0) {
    const stated = [...tests].map(([key, value]) => `${key} ${String(value.value)}`).join(', ');
    mapped.push({
      field: 'tests',
      text: `tests not imported: the schema needs created, total and passing together; the document states ${stated} (kept in the notes)`,
    });
  }
  for (const field of ['testClasses', 'testFile', 'testFileSize'] as const) {
    const stated = draft.get<string | number>(field);
    if (stated !== undefined) {
      set(field, stated.value, stated.lines);
      use(field, stated);
    }
  }

  for (const [field, found] of [
    ['challenges', mapChallenges(outline)],
    ['lessons', mapLessons(outline)],
    ['commits', mapCommits(outline)],
  ] as const) {
    if (found.items.length === 0) continue;
    const lines = [...found.lines].sort((a, b) => a - b);
    set(field, found.items, lines);
    for (const line of lines) taken.add(line);
    mapped.push({ field, text: `${field} (${found.items.length}) ← lines ${lines.join(', ')}` });
  }

  return {
    draft: {
      file,
      outline,
      number,
      at,
      fromLog: source.titleLine !== undefined,
      fields,
      taken,
      mapped,
      findings: [...draft.findings, ...findings],
    },
    findings: [],
  };
}

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
