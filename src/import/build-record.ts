/**
 * One document (or one Session Log entry) to one session record. Only what the document states
 * is recorded; the schema's required fields come from the document or, for the phase, from the
 * project's own modules (the project says which phase a module belongs to). A record the schema
 * needs something for that nothing states is reported, not guessed.
 */
import { parseSessionId } from '../data/session-id.js';
import type { CoverageFigures, Module, Project, Session, SessionModule } from '../data/schema.js';
import type { Diagnostic } from '../diagnostics.js';
import { toSlashes } from '../text/paths.js';
import { Draft, type Stated } from './draft.js';
import { collectFacts, type Fact } from './labels.js';
import { mapFigure, mapHeader } from './map-fields.js';
import { finishRecord } from './finish-record.js';
import type { BuildResult, DraftResult, FieldValue, SourceDocument } from './record-draft.js';
import { cleanTitle, mapChallenges, mapCommits, mapLessons } from './sections.js';

/** "Session 54", "Séance 54", "Session #54". */
const SESSION_NUMBER = /\b(?:session|séance|seance)\s*#?\s*(\d+[A-Za-z]?)(?![\p{L}\p{N}])/iu;

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
  const sessionNumber = titleNumber === undefined ? source.numberHint : parseSessionId(titleNumber);
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
  const number = numberInTitle === undefined ? source.numberHint : parseSessionId(numberInTitle);
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
