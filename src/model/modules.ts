/** Module cards: the hand-kept module entry, the sessions that worked on it, and the report. */
import type { CoverageReport, ModuleCoverage } from '../coverage/index.js';
import { figureValue } from '../data/figures.js';
import { sessionKey } from '../data/session-id.js';
import type { CoverageFigures, Module, Session, SessionModule } from '../data/schema.js';
import { placeReport, type Timeline } from './timeline.js';
import { findModuleCoverage, labelMissingRanges } from './coverage-lookup.js';
import {
  basename,
  challengesOf,
  difference,
  moduleTestsCreated,
  testFileView,
  toFigures,
  toTestsView,
} from './sessions.js';
import type { TestFileFacts } from '../test-results/index.js';
import type { CurrentCoverage, ModuleStatus, ModuleView, ModuleWork } from './types.js';

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

/** A recorded figure set as the card shows coverage: no line detail, TRUE 100% only at 100%. */
export function recordedCoverage(figures: CoverageFigures | undefined): CurrentCoverage | null {
  const percent = figureValue(figures?.percent);
  if (figures === undefined || percent === undefined) return null;
  const statements = figures.statements ?? 0;
  const missed = figures.missed ?? 0;
  return {
    percent,
    statements,
    missed,
    covered: statements - missed,
    branches: figures.branches ?? null,
    coveredBranches: figures.coveredBranches ?? null,
    partialBranches: figures.partialBranches ?? null,
    // Records hold coverage.py's two-decimal percent, which reads 100 only when nothing is missed.
    true100: percent === 100,
    missingRanges: '',
    missingLines: [],
    partialArcs: [],
    lastLine: 0,
  };
}

export function buildModuleView(
  module: Module,
  index: number,
  sessions: readonly Session[],
  report: CoverageReport | undefined,
  timeline: Timeline = placeReport(report, sessions),
  testFiles: ReadonlyMap<string, TestFileFacts> = new Map(),
): ModuleView {
  const worked = sessionsOf(module.id, sessions);
  const entryOf = (session: Session) =>
    (session.modules ?? []).find((entry) => entry.module === module.id);
  const completing = worked.find(
    (session) => session.status === 'complete' && entryOf(session)?.outcome === 'complete',
  );
  const last = worked.at(-1);
  const markedComplete = completing !== undefined;
  const recorded = recordedStatus(worked, entryOf);
  const listed = findModuleCoverage(report, module.path);
  // The report speaks for the module only if it was taken after the last session that worked
  // on it; and a module no session finished is not shown finished (the records lag the report).
  const reportApplies = last === undefined || timeline.covers(last);
  const unrecordedComplete =
    !markedComplete &&
    recorded?.status !== 'complete' &&
    listed !== undefined &&
    listed.true100 &&
    listed.statements > 0;
  const found = reportApplies && !unrecordedComplete ? listed : undefined;
  const recordedFigures =
    completing === undefined
      ? last === undefined
        ? undefined
        : (entryOf(last)?.final ?? entryOf(last)?.start)
      : entryOf(completing)?.final;
  const coverage = found === undefined ? recordedCoverage(recordedFigures) : currentCoverage(found);
  const coverageSource = found !== undefined ? 'report' : coverage === null ? null : 'record';
  const recordedIn = completing ?? last;
  // Only a report with branch data can say a module regressed; without one, trust the records
  // (a report without branches cannot show TRUE 100%: that is pytest run without --cov-branch).
  const regressed =
    (markedComplete &&
      coverageSource === 'report' &&
      coverage !== null &&
      coverage.branches !== null &&
      !coverage.true100) ||
    recorded?.status === 'regressed';
  const status: ModuleStatus = regressed
    ? 'regressed'
    : (recorded?.status ?? (worked.length > 0 ? 'in-progress' : 'not-started'));
  const work = moduleWork(module.id, worked, entryOf);
  const start = work.firstStart;
  const finalPercent =
    coverage?.percent ??
    toFigures(completing === undefined ? undefined : entryOf(completing)?.final)?.percent;
  const acceptedEntry = recorded?.status === 'accepted' ? recorded : undefined;
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
    coverageSource,
    coverageAsOf:
      coverageSource === 'report'
        ? timeline.reportDate
        : coverageSource === 'record'
          ? (recordedIn?.date ?? null)
          : null,
    listedInReport: listed !== undefined,
    unrecordedComplete,
    completedIn:
      completing === undefined
        ? null
        : { session: completing.number, date: completing.date ?? null },
    accepted:
      acceptedEntry === undefined
        ? null
        : { session: acceptedEntry.session.number, reason: acceptedEntry.entry.reason ?? '' },
    work,
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
      : testFileView(reportingSession, testFiles.get(sessionKey(reportingSession.number)))),
    achievements: worked.flatMap((session) => session.achievements ?? []),
    challenges: worked.flatMap((session) => challengesOf(session, module.id)),
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

/**
 * The module's standing from its records: the last decisive outcome of a session that worked on
 * it. `complete` and `accepted` count once their session is complete; `maintained` keeps a
 * complete module complete; `regressed` holds from the session that recorded it until a later
 * one completes the module again. Undefined while no session decided anything.
 */
function recordedStatus(
  worked: readonly Session[],
  entryOf: (session: Session) => SessionModule | undefined,
):
  | { status: 'complete' | 'accepted' | 'regressed'; session: Session; entry: SessionModule }
  | undefined {
  let standing:
    | { status: 'complete' | 'accepted' | 'regressed'; session: Session; entry: SessionModule }
    | undefined;
  for (const session of worked) {
    const entry = entryOf(session);
    if (entry === undefined) continue;
    const settled = session.status === 'complete';
    if (entry.outcome === 'regressed') standing = { status: 'regressed', session, entry };
    else if (entry.outcome === 'complete' && settled)
      standing = { status: 'complete', session, entry };
    else if (entry.outcome === 'accepted' && settled)
      standing = { status: 'accepted', session, entry };
    else if (entry.outcome === 'maintained' && standing?.status !== 'complete')
      standing = { status: 'complete', session, entry };
  }
  return standing;
}

/** What every session that worked on the module adds up to. */
function moduleWork(
  moduleId: string,
  worked: readonly Session[],
  entryOf: (session: Session) => SessionModule | undefined,
): ModuleWork {
  const created = worked.flatMap((session) => {
    const count = moduleTestsCreated(session, moduleId);
    return count === undefined ? [] : [count];
  });
  const starts = worked.flatMap((session) => {
    const figures = toFigures(entryOf(session)?.start);
    return figures === null ? [] : [figures];
  });
  const finals = worked.flatMap((session) => {
    const figures = toFigures(entryOf(session)?.final);
    return figures === null ? [] : [figures];
  });
  const dates = worked.flatMap((session) => (session.date === undefined ? [] : [session.date]));
  return {
    sessions: worked.map((session) => session.number),
    testsCreated: created.length === 0 ? null : created.reduce((sum, count) => sum + count, 0),
    firstStart: starts[0] ?? null,
    lastFinal: finals.at(-1) ?? null,
    firstDate: dates[0] ?? null,
    lastDate: dates.at(-1) ?? null,
  };
}
