/**
 * Rules a schema cannot express: they look across fields and files. Each pushes a positioned
 * diagnostic; none throws.
 */
import type { Diagnostic } from '../diagnostics.js';
import { formatPath, locate, type JsonPath, type ParsedJson } from './json-text.js';
import type { CoverageFigures, Project, Session, TestCounts } from './schema.js';
import { sameSession, sessionIdFromFileName, sessionKey } from './session-id.js';
import { continuityDiagnostics } from './continuity.js';

export { SESSION_FILE_PATTERN } from './session-id.js';

interface ProjectInput {
  readonly project: Project;
  readonly projectSource: ParsedJson;
}

interface SessionInput {
  readonly session: Session;
  readonly source: ParsedJson;
  readonly fileName: string;
}

type Report = (
  source: ParsedJson,
  path: JsonPath,
  rule: Diagnostic['rule'],
  message: string,
  severity?: Diagnostic['severity'],
) => void;

export function crossFileDiagnostics(
  input: ProjectInput,
  sessions: readonly SessionInput[],
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const report: Report = (source, path, rule, message, severity = 'error') => {
    diagnostics.push({
      file: source.file,
      ...source.lines.position(locate(source, path).offset),
      severity,
      rule,
      message,
    });
  };
  checkProject(input, report);
  const phases = new Set(input.project.phases.map((phase) => phase.number));
  const modules = new Set(
    input.project.phases.flatMap((phase) => (phase.modules ?? []).map((module) => module.id)),
  );
  const firstFileOfSession = new Map<string, string>();
  for (const { session, source, fileName } of sessions) {
    const expectedNumber = sessionIdFromFileName(fileName);
    if (expectedNumber === undefined || !sameSession(session.number, expectedNumber)) {
      report(
        source,
        ['number'],
        'file-name',
        `number: expected ${JSON.stringify(expectedNumber ?? fileName)} to match the file name ${fileName}, got ${JSON.stringify(session.number)} (rename the file or fix the number)`,
      );
    }
    const earlier = firstFileOfSession.get(sessionKey(session.number));
    if (earlier === undefined) firstFileOfSession.set(sessionKey(session.number), source.file);
    else
      report(
        source,
        ['number'],
        'duplicate-session',
        `number: expected each session number once, got ${JSON.stringify(session.number)} again (also in ${earlier})`,
      );
    checkSession(session, source, phases, modules, report);
  }
  // A second record of one session is reported above; continuity follows the first only.
  continuityDiagnostics(
    sessions.filter(
      ({ session, source }) => firstFileOfSession.get(sessionKey(session.number)) === source.file,
    ),
    report,
  );
  return diagnostics;
}

function checkProject({ project, projectSource }: ProjectInput, report: Report): void {
  const seenPhases = new Set<number>();
  const seenModules = new Map<string, number>();
  project.phases.forEach((phase, phaseIndex) => {
    const at = (...rest: (string | number)[]): JsonPath => ['phases', phaseIndex, ...rest];
    if (seenPhases.has(phase.number))
      report(
        projectSource,
        at('number'),
        'duplicate-phase',
        `${formatPath(at('number'))}: expected each phase number once, got ${phase.number} again`,
      );
    seenPhases.add(phase.number);
    if (phase.modules === undefined && phase.history === undefined) {
      report(
        projectSource,
        at(),
        'phase-content',
        `${formatPath(at())}: expected "modules" (a phase trackgen tracks) or "history" (figures of an earlier phase), got neither`,
      );
    }
    if (phase.history !== undefined && phase.history.modulesComplete > phase.history.modules) {
      report(
        projectSource,
        at('history', 'modulesComplete'),
        'contradiction',
        `${formatPath(at('history', 'modulesComplete'))}: expected at most modules (${phase.history.modules}), got ${phase.history.modulesComplete}`,
      );
    }
    (phase.modules ?? []).forEach((module, moduleIndex) => {
      const modulePath = at('modules', moduleIndex);
      const earlierPhase = seenModules.get(module.id);
      if (earlierPhase !== undefined)
        report(
          projectSource,
          [...modulePath, 'id'],
          'duplicate-module',
          `${formatPath([...modulePath, 'id'])}: expected each module id once, got "${module.id}" again (also in phase ${earlierPhase})`,
        );
      seenModules.set(module.id, phase.number);
      (module.areas ?? []).forEach((area, areaIndex) => {
        if (area.from > area.to)
          report(
            projectSource,
            [...modulePath, 'areas', areaIndex, 'to'],
            'contradiction',
            `${formatPath([...modulePath, 'areas', areaIndex, 'to'])}: expected a line at or after "from" (${area.from}), got ${area.to}`,
          );
      });
    });
  });
}

function checkSession(
  session: Session,
  source: ParsedJson,
  phases: ReadonlySet<number>,
  modules: ReadonlySet<string>,
  report: Report,
): void {
  if (!phases.has(session.phase)) {
    report(
      source,
      ['phase'],
      'unknown-phase',
      `phase: expected the number of a phase in project.json (${[...phases].join(', ')}), got ${session.phase}`,
    );
  }
  if (session.date !== undefined && !isCalendarDate(session.date)) {
    report(source, ['date'], 'date', `date: expected a real calendar date, got "${session.date}"`);
  }
  if (session.status === 'complete' && session.date === undefined) {
    report(source, [], 'date-required', 'expected a "date" on a complete session, got none');
  }
  (session.modules ?? []).forEach((entry, index) => {
    if (!modules.has(entry.module)) {
      report(
        source,
        ['modules', index, 'module'],
        'unknown-module',
        `modules[${index}].module: expected the id of a module in project.json, got "${entry.module}"`,
      );
    }
    for (const stage of ['start', 'final'] as const) {
      const figures = entry[stage];
      if (figures !== undefined) checkFigures(figures, ['modules', index, stage], source, report);
    }
  });
  checkModuleNames(session, source, modules, report);
  if (session.tests !== undefined) checkTestCounts(session.tests, source, report);
  const coverage = session.projectCoverage;
  if (
    session.status === 'complete' &&
    coverage !== undefined &&
    coverage.start === undefined &&
    coverage.final !== undefined
  ) {
    report(
      source,
      ['projectCoverage'],
      'incomplete-figures',
      'projectCoverage: expected "start" beside "final", so the gain can be computed',
      'warning',
    );
  }
}

/** Issue 12: candidates of a planned session and the module a challenge names. */
function checkModuleNames(
  session: Session,
  source: ParsedJson,
  modules: ReadonlySet<string>,
  report: Report,
): void {
  (session.candidates ?? []).forEach((id, index) => {
    if (!modules.has(id))
      report(
        source,
        ['candidates', index],
        'unknown-module',
        `candidates[${String(index)}]: expected the id of a module in project.json, got "${id}"`,
      );
  });
  const worked = (session.modules ?? []).map((entry) => entry.module);
  (session.challenges ?? []).forEach((challenge, index) => {
    if (challenge.module !== undefined && !worked.includes(challenge.module))
      report(
        source,
        ['challenges', index, 'module'],
        'unknown-module',
        `challenges[${String(index)}].module: expected one of the session's modules (${worked.map((id) => `"${id}"`).join(', ') || 'none listed'}), got "${challenge.module}"`,
      );
  });
}

function checkFigures(
  figures: CoverageFigures,
  path: JsonPath,
  source: ParsedJson,
  report: Report,
): void {
  const name = formatPath(path);
  if (
    figures.missed !== undefined &&
    figures.statements !== undefined &&
    figures.missed > figures.statements
  ) {
    report(
      source,
      [...path, 'missed'],
      'contradiction',
      `${name}.missed: expected at most statements (${figures.statements}), got ${figures.missed}`,
    );
  }
  for (const field of ['coveredBranches', 'partialBranches'] as const) {
    const value = figures[field];
    if (value !== undefined && figures.branches !== undefined && value > figures.branches) {
      report(
        source,
        [...path, field],
        'contradiction',
        `${name}.${field}: expected at most branches (${figures.branches}), got ${value}`,
      );
    }
  }
}

export function isCalendarDate(value: string): boolean {
  const [year, month, day] = value.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** Outcomes of distinct tests; errors are left out: a test that failed may also error in teardown. */
const TEST_OUTCOMES = ['passing', 'failed', 'skipped', 'xfailed', 'xpassed'] as const;

function checkTestCounts(tests: TestCounts, source: ParsedJson, report: Report): void {
  const total = tests.total;
  if (total === undefined) return;
  let over = false;
  for (const field of ['passing', 'created', 'skipped', 'failed', 'xfailed', 'xpassed'] as const) {
    const value = tests[field];
    if (value !== undefined && value > total) {
      over = true;
      report(
        source,
        ['tests', field],
        'contradiction',
        `tests.${field}: expected at most tests.total (${total}), got ${value}`,
      );
    }
  }
  const recorded = TEST_OUTCOMES.filter((field) => tests[field] !== undefined);
  const sum = recorded.reduce((sum, field) => sum + (tests[field] ?? 0), 0);
  const last = recorded.at(-1);
  if (!over && recorded.length > 1 && sum > total && last !== undefined)
    report(
      source,
      ['tests', last],
      'contradiction',
      `tests.${last}: expected ${recorded.join(' + ')} (${recorded.map((field) => tests[field]).join(' + ')}) to be at most total (${total})`,
    );
}
