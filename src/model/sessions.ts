/** Session views: one record plus what follows from the records before it. */
import type {
  CoverageFigures,
  DocumentationStatus,
  Module,
  Project,
  Session,
  TestCounts,
} from '../data/schema.js';
import { summaryPath } from '../config/outputs.js';
import { readFigure } from '../data/figures.js';
import {
  compareSessionIds,
  sessionBaseNumber,
  sessionKey,
  type SessionId,
} from '../data/session-id.js';
import type {
  ChallengeView,
  CommitView,
  Figures,
  SessionModuleView,
  SessionView,
  TestsView,
} from './types.js';
import { toSlashes } from '../text/paths.js';
import type { TestFileFacts } from '../test-results/index.js';
import type { CommitChanges } from '../git/changes.js';

export function basename(path: string): string {
  return toSlashes(path).split('/').pop() ?? path;
}

export function toFigures(figures: CoverageFigures | undefined): Figures | null {
  const percent = readFigure(figures?.percent);
  if (figures === undefined || percent === undefined) return null;
  return {
    percent: percent.value,
    estimated: percent.estimated,
    statements: figures.statements ?? null,
    missed: figures.missed ?? null,
    branches: figures.branches ?? null,
    coveredBranches: figures.coveredBranches ?? null,
    partialBranches: figures.partialBranches ?? null,
  };
}

export function toTestsView(tests: TestCounts): TestsView {
  const figure = (value: number | undefined) => value ?? null;
  const { total, passing, created } = tests;
  const failing = (tests.failed ?? 0) + (tests.errors ?? 0);
  return {
    created: figure(created),
    total: figure(total),
    passing: figure(passing),
    failed: figure(tests.failed),
    errors: figure(tests.errors),
    skipped: figure(tests.skipped),
    xfailed: figure(tests.xfailed),
    xpassed: figure(tests.xpassed),
    warnings: figure(tests.warnings),
    existing: total === undefined || created === undefined ? null : total - created,
    notPassing: total === undefined || passing === undefined ? null : total - passing,
    allPassing:
      total !== undefined && passing !== undefined ? passing === total : failing > 0 ? false : null,
  };
}

/** The test-file figures: counted in the file when it is there, else as typed. */
export function testFileView(
  session: Session,
  facts: TestFileFacts | undefined,
): Pick<
  SessionView,
  'testClasses' | 'testFile' | 'testFileSize' | 'testFileLines' | 'testFunctions'
> {
  return {
    testClasses: facts?.testClasses ?? session.testClasses ?? null,
    testFile: session.testFile ?? null,
    testFileSize: session.testFileSize ?? null,
    testFileLines: facts?.lines ?? null,
    testFunctions: facts?.testFunctions ?? null,
  };
}

export function difference(
  final: number | null | undefined,
  start: number | null | undefined,
): number | null {
  if (final === null || final === undefined || start === null || start === undefined) return null;
  // Percents carry two decimals; round the difference so 69.22 - 67.47 is 1.75, not 1.7499999.
  return Math.round((final - start) * 1e6) / 1e6;
}

export interface SessionContext {
  readonly project: Project;
  readonly modulesById: ReadonlyMap<string, Module>;
  /** Every session, sorted by number. */
  readonly sessions: readonly Session[];
  /** A hash for a commit message of a session, from git history where the record has none. */
  readonly findCommit: (session: Session, message: string) => string | undefined;
  /** Facts counted in the test files that are there, by session key. */
  readonly testFiles: ReadonlyMap<string, TestFileFacts>;
  /** What each session's commits changed, by session key, where git knows them. */
  readonly changes: ReadonlyMap<string, CommitChanges>;
  /** Whether a commit of a session is the one being made (rendered by the pre-commit hook). */
  readonly isThisCommit: (session: Session, message: string) => boolean;
  /** The `outputs.summary` setting: where summaries go, so the view model names them alike. */
  readonly summaryPattern: string;
}

export function earlierTrue100(project: Project): number {
  return project.phases.reduce((sum, phase) => sum + (phase.history?.modulesComplete ?? 0), 0);
}

/**
 * Ids of modules that sessions up to and including `upTo` marked complete (at TRUE 100%). A
 * `maintained` module was complete before; `accepted` is below 100%: neither adds one.
 */
export function modulesCompletedBy(sessions: readonly Session[], upTo: SessionId): Set<string> {
  const done = new Set<string>();
  for (const session of sessions) {
    if (compareSessionIds(session.number, upTo) > 0 || session.status !== 'complete') continue;
    for (const entry of session.modules ?? [])
      if (entry.outcome === 'complete') done.add(entry.module);
  }
  return done;
}

const completionsOf = new WeakMap<readonly Session[], ReadonlyMap<string, ReadonlySet<string>>>();

/**
 * `modulesCompletedBy` for each of these sessions, by session key, from one pass in session
 * order (a scan of every session for each one was quadratic in a long campaign). Sessions that
 * order alike share one set; a set is copied only when a later session completes a module.
 * Undefined when an id does not order (not a session id): the scan handles that.
 */
export function completionsBySession(
  sessions: readonly Session[],
): ReadonlyMap<string, ReadonlySet<string>> | undefined {
  const known = completionsOf.get(sessions);
  if (known !== undefined) return known;
  if (sessions.some((session) => Number.isNaN(sessionBaseNumber(session.number)))) return undefined;
  const byKey = new Map<string, ReadonlySet<string>>();
  const ordered = [...sessions].sort((a, b) => compareSessionIds(a.number, b.number));
  let done = new Set<string>();
  let shared = false;
  let group: Session[] = [];
  ordered.forEach((session, position) => {
    group.push(session);
    if (session.status === 'complete')
      for (const entry of session.modules ?? []) {
        if (entry.outcome !== 'complete' || done.has(entry.module)) continue;
        if (shared) done = new Set(done);
        shared = false;
        done.add(entry.module);
      }
    const next = ordered[position + 1];
    if (next !== undefined && compareSessionIds(next.number, session.number) <= 0) return;
    for (const member of group) byKey.set(sessionKey(member.number), done);
    shared = true;
    group = [];
  });
  completionsOf.set(sessions, byKey);
  return byKey;
}

export function buildSessionView(session: Session, context: SessionContext): SessionView {
  const phase = context.project.phases.find((candidate) => candidate.number === session.phase);
  const phaseModuleIds = new Set((phase?.modules ?? []).map((module) => module.id));
  const completedSoFar =
    completionsBySession(context.sessions)?.get(sessionKey(session.number)) ??
    modulesCompletedBy(context.sessions, session.number);
  const entries = session.modules ?? [];
  const modules: SessionModuleView[] = entries.map((entry) => {
    const module = context.modulesById.get(entry.module);
    const path = module?.path ?? entry.module;
    const start = toFigures(entry.start);
    const final = toFigures(entry.final);
    return {
      id: entry.module,
      name: basename(path),
      path,
      outcome: entry.outcome,
      start,
      final,
      improvement: difference(final?.percent, start?.percent),
      reason: entry.reason ?? null,
      testsCreated: moduleTestsCreated(session, entry.module) ?? null,
      challenges: challengesOf(session, entry.module),
    };
  });
  const tests = session.tests;
  const commits: CommitView[] = (session.commits ?? []).map((commit) => {
    const thisCommit = commit.hash === undefined && context.isThisCommit(session, commit.message);
    return {
      hash: thisCommit
        ? null
        : (commit.hash ?? context.findCommit(session, commit.message) ?? null),
      message: commit.message,
      thisCommit,
    };
  });
  const documentation = session.documentation ?? [];
  const documentationView = (status: DocumentationStatus) =>
    documentation
      .filter((item) => item.status === status)
      .map((item) => ({ item: item.item, note: item.note ?? null, session: session.number }));
  const changes = context.changes.get(sessionKey(session.number));
  const completedModules = modules.filter((module) => module.outcome === 'complete');
  return {
    number: session.number,
    date: session.date ?? null,
    status: session.status,
    phase: { number: session.phase, name: phase?.name ?? '' },
    title: session.title ?? defaultTitle(modules, session),
    duration: session.duration ?? null,
    timeInvested: session.timeInvested ?? null,
    modules,
    completedModules,
    projectCoverage: projectCoverageView(session),
    tests: tests === undefined ? null : toTestsView(tests),
    ...testFileView(session, context.testFiles.get(sessionKey(session.number))),
    overview: session.overview ?? null,
    achievements: session.achievements ?? [],
    completed: session.completed ?? [],
    technicalWin: session.technicalWin ?? null,
    challenges: (session.challenges ?? []).map(challengeView),
    lessons: (session.lessons ?? []).map((lesson) => ({
      title: lesson.title,
      problem: lesson.problem ?? null,
      failedApproach: lesson.failedApproach ?? null,
      solution: lesson.solution ?? null,
      insight: lesson.insight ?? [],
      whenToUse: lesson.whenToUse ?? [],
    })),
    patterns: session.patterns ?? [],
    techniques: session.techniques ?? [],
    antiPatterns: (session.antiPatterns ?? []).map((anti) => ({
      title: anti.title,
      bad: anti.bad ?? null,
      good: anti.good ?? null,
    })),
    commits,
    documentation: { done: documentationView('done'), pending: documentationView('pending') },
    celebrations: session.celebrations ?? [],
    filesCreated: changes?.filesCreated ?? session.filesCreated ?? [],
    filesModified: changes?.filesModified ?? session.filesModified ?? [],
    linesAdded: changes?.linesAdded ?? null,
    linesRemoved: changes?.linesRemoved ?? null,
    plan:
      session.plan === undefined
        ? null
        : {
            preparation: session.plan.preparation ?? [],
            tasks: session.plan.tasks ?? [],
            successCriteria: session.plan.successCriteria ?? [],
          },
    nextSteps: session.nextSteps ?? [],
    candidates: (session.candidates ?? []).map((id) => ({
      id,
      name: basename(context.modulesById.get(id)?.path ?? id),
    })),
    notes: session.notes ?? null,
    ...standingAfter(session, context.project, completedSoFar, phaseModuleIds),
    true100InReportAfter: session.captured?.final?.true100InReport ?? null,
    summaryFile: basename(summaryPath(context.summaryPattern, session.number)),
  };
}

function projectCoverageView(session: Session): SessionView['projectCoverage'] {
  const start = readFigure(session.projectCoverage?.start);
  const final = readFigure(session.projectCoverage?.final);
  return {
    start: start?.value ?? null,
    final: final?.value ?? null,
    delta: difference(final?.value, start?.value),
    startEstimated: start?.estimated ?? false,
    finalEstimated: final?.estimated ?? false,
  };
}

export function challengeView(
  challenge: NonNullable<Session['challenges']>[number],
): ChallengeView {
  return {
    title: challenge.title,
    problem: challenge.problem ?? null,
    solution: challenge.solution,
    module: challenge.module ?? null,
  };
}

/**
 * The session's challenges that belong to one module: those naming it, and those naming no
 * module (a session on one module needs no name; on several, an unnamed one shows on each card).
 */
export function challengesOf(session: Session, moduleId: string): ChallengeView[] {
  return (session.challenges ?? [])
    .filter((challenge) => challenge.module === undefined || challenge.module === moduleId)
    .map(challengeView);
}

/**
 * Tests a session created for one module: the module entry's "testsCreated", else the session's
 * tests.created when the session worked on that module alone (on several, it cannot be split).
 */
export function moduleTestsCreated(session: Session, moduleId: string): number | undefined {
  const entries = session.modules ?? [];
  const entry = entries.find((candidate) => candidate.module === moduleId);
  if (entry?.testsCreated !== undefined) return entry.testsCreated;
  if (entries.length !== 1 || entry === undefined) return undefined;
  return session.tests?.created;
}

/**
 * Where the project stood once the session ended. A complete session's summary is a document of
 * the past: it shows what its record says ("standing", written by end-session or migrate) or
 * what follows from the records alone — never the phase's size today, which grows when a
 * module is added. Sessions still open follow the project as it is.
 */
export function standingAfter(
  session: Session,
  project: Project,
  completedSoFar: ReadonlySet<string>,
  phaseModuleIds: ReadonlySet<string>,
): Pick<SessionView, 'true100CountAfter' | 'phaseModulesCompleteAfter' | 'phaseModuleCount'> {
  if (session.standing !== undefined)
    return {
      true100CountAfter: session.standing.true100,
      phaseModulesCompleteAfter: session.standing.phaseModulesComplete,
      phaseModuleCount: session.standing.phaseModules,
    };
  return {
    true100CountAfter: earlierTrue100(project) + completedSoFar.size,
    phaseModulesCompleteAfter: [...completedSoFar].filter((id) => phaseModuleIds.has(id)).length,
    phaseModuleCount: session.status === 'complete' ? null : phaseModuleIds.size,
  };
}

function defaultTitle(modules: readonly SessionModuleView[], session: Session): string {
  const names = modules.map((module) => module.name).join(', ');
  if (names === '') return `Session ${session.number}`;
  const complete = modules.length > 0 && modules.every((module) => module.outcome === 'complete');
  return complete ? `${names} TRUE 100%` : names;
}
