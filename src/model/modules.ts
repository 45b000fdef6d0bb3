/** Module cards: the hand-kept module entry, the sessions that worked on it, and the report. */
import type { CoverageReport, ModuleCoverage } from '../coverage/index.js';
import type { Module, Session } from '../data/schema.js';
import { findModuleCoverage, labelMissingRanges } from './coverage-lookup.js';
import { basename, difference, testFileView, toFigures, toTestsView } from './sessions.js';
import type { TestFileFacts } from '../test-results/index.js';
import type { CurrentCoverage, ModuleStatus, ModuleView } from './types.js';

export function currentCoverage(coverage: ModuleCoverage | undefined): CurrentCoverage | null {
  if (coverage === undefined) return null;
  return {
    percent: coverage.percent,
    statements: coverage.statements,
    missed: coverage.missed,
    covered: coverage.statements - coverage.missed,
    branches: coverage.branches,
    coveredBranches: coverage.coveredBranches,
    partialBranches: coverage.partialBranches,
    true100: coverage.true100,
    missingRanges: coverage.missingRanges,
    missingLines: coverage.missingLines,
    partialArcs: coverage.partialArcs,
    lastLine: coverage.lastLine,
  };
}

/** Sessions (complete or in progress) that worked on a module, oldest first. */
function sessionsOf(moduleId: string, sessions: readonly Session[]): Session[] {
  return sessions.filter(
    (session) =>
      session.status !== 'planned' &&
      (session.modules ?? []).some((entry) => entry.module === moduleId),
  );
}

export function buildModuleView(
  module: Module,
  index: number,
  sessions: readonly Session[],
  report: CoverageReport | undefined,
  testFiles: ReadonlyMap<number, TestFileFacts> = new Map(),
): ModuleView {
  const worked = sessionsOf(module.id, sessions);
  const entryOf = (session: Session) =>
    (session.modules ?? []).find((entry) => entry.module === module.id);
  const completing = worked.find(
    (session) => session.status === 'complete' && entryOf(session)?.outcome === 'complete',
  );
  const first = worked[0];
  const found = findModuleCoverage(report, module.path);
  const coverage = currentCoverage(found);
  const markedComplete = completing !== undefined;
  // Only a report with branch data can say a module regressed; without one, trust the records
  // (a report without branches cannot show TRUE 100%: that is pytest run without --cov-branch).
  const regressed =
    markedComplete && coverage !== null && coverage.branches !== null && !coverage.true100;
  const status: ModuleStatus = regressed
    ? 'regressed'
    : markedComplete
      ? 'complete'
      : worked.length > 0
        ? 'in-progress'
        : 'not-started';
  const start = toFigures(first === undefined ? undefined : entryOf(first)?.start);
  const finalPercent =
    coverage?.percent ??
    toFigures(completing === undefined ? undefined : entryOf(completing)?.final)?.percent;
  const reportingSession = completing ?? worked.at(-1);
  const tests = reportingSession?.tests;
  return {
    index,
    id: module.id,
    path: module.path,
    name: basename(module.path),
    status,
    markedComplete,
    regressed,
    coverage,
    completedIn:
      completing === undefined
        ? null
        : { session: completing.number, date: completing.date ?? null },
    start,
    improvement: difference(finalPercent, start?.percent),
    tests: tests === undefined ? null : toTestsView(tests),
    ...(reportingSession === undefined
      ? {
          testClasses: null,
          testFile: null,
          testFileSize: null,
          testFileLines: null,
          testFunctions: null,
        }
      : testFileView(reportingSession, testFiles.get(reportingSession.number))),
    achievements: worked.flatMap((session) => session.achievements ?? []),
    challenges: worked.flatMap((session) =>
      (session.challenges ?? []).map((challenge) => ({
        title: challenge.title,
        problem: challenge.problem ?? null,
        solution: challenge.solution,
      })),
    ),
    documentation: worked.flatMap((session) => entryOf(session)?.documentation ?? []),
    estimatedEffort: module.estimatedEffort ?? null,
    estimatedTests: module.estimatedTests ?? null,
    // A report knows no file length; the last line it mentions is the best stand-in.
    lines:
      module.lines ?? (coverage === null || coverage.lastLine === 0 ? null : coverage.lastLine),
    focus: module.focus ?? null,
    features: module.features ?? [],
    missingAreas:
      found === undefined
        ? []
        : labelMissingRanges(found.missingLineRanges, module.areas ?? [], found.missingAreas),
    lists: module.lists ?? [],
    risk: module.risk ?? null,
    riskNote: module.riskNote ?? null,
  };
}
