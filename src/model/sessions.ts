/** Session views: one record plus what follows from the records before it. */
import type {
  CoverageFigures,
  DocumentationStatus,
  Module,
  Project,
  Session,
} from '../data/schema.js';
import { summaryPath } from '../config/outputs.js';
import type { CommitView, Figures, SessionModuleView, SessionView } from './types.js';
import { toSlashes } from '../text/paths.js';

export function basename(path: string): string {
  return toSlashes(path).split('/').pop() ?? path;
}

export function toFigures(figures: CoverageFigures | undefined): Figures | null {
  if (figures === undefined) return null;
  return {
    percent: figures.percent,
    statements: figures.statements ?? null,
    missed: figures.missed ?? null,
    branches: figures.branches ?? null,
    coveredBranches: figures.coveredBranches ?? null,
    partialBranches: figures.partialBranches ?? null,
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
  /** Whether a commit of a session is the one being made (rendered by the pre-commit hook). */
  readonly isThisCommit: (session: Session, message: string) => boolean;
  /** The `outputs.summary` setting: where summaries go, so the view model names them alike. */
  readonly summaryPattern: string;
}

export function earlierTrue100(project: Project): number {
  return project.phases.reduce((sum, phase) => sum + (phase.history?.modulesComplete ?? 0), 0);
}

/** Ids of modules that sessions up to and including `upTo` marked complete. */
export function modulesCompletedBy(sessions: readonly Session[], upTo: number): Set<string> {
  const done = new Set<string>();
  for (const session of sessions) {
    if (session.number > upTo || session.status !== 'complete') continue;
    for (const entry of session.modules ?? [])
      if (entry.outcome === 'complete') done.add(entry.module);
  }
  return done;
}

export function buildSessionView(session: Session, context: SessionContext): SessionView {
  const phase = context.project.phases.find((candidate) => candidate.number === session.phase);
  const phaseModuleIds = new Set((phase?.modules ?? []).map((module) => module.id));
  const completedSoFar = modulesCompletedBy(context.sessions, session.number);
  const modules: SessionModuleView[] = (session.modules ?? []).map((entry) => {
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
      .map((item) => ({ item: item.item, note: item.note ?? null }));
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
    projectCoverage: {
      start: session.projectCoverage?.start ?? null,
      final: session.projectCoverage?.final ?? null,
      delta: difference(session.projectCoverage?.final, session.projectCoverage?.start),
    },
    tests:
      tests === undefined
        ? null
        : {
            created: tests.created,
            total: tests.total,
            passing: tests.passing,
            skipped: tests.skipped ?? null,
            warnings: tests.warnings ?? null,
            existing: tests.total - tests.created,
            allPassing: tests.passing === tests.total,
          },
    testClasses: session.testClasses ?? null,
    testFile: session.testFile ?? null,
    testFileSize: session.testFileSize ?? null,
    overview: session.overview ?? null,
    achievements: session.achievements ?? [],
    completed: session.completed ?? [],
    technicalWin: session.technicalWin ?? null,
    challenges: (session.challenges ?? []).map((challenge) => ({
      title: challenge.title,
      problem: challenge.problem ?? null,
      solution: challenge.solution,
    })),
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
    filesCreated: session.filesCreated ?? [],
    filesModified: session.filesModified ?? [],
    plan:
      session.plan === undefined
        ? null
        : {
            preparation: session.plan.preparation ?? [],
            tasks: session.plan.tasks ?? [],
            successCriteria: session.plan.successCriteria ?? [],
          },
    nextSteps: session.nextSteps ?? [],
    notes: session.notes ?? null,
    true100CountAfter: earlierTrue100(context.project) + completedSoFar.size,
    phaseModulesCompleteAfter: [...completedSoFar].filter((id) => phaseModuleIds.has(id)).length,
    phaseModuleCount: phaseModuleIds.size,
    summaryFile: basename(summaryPath(context.summaryPattern, session.number)),
  };
}

function defaultTitle(modules: readonly SessionModuleView[], session: Session): string {
  const names = modules.map((module) => module.name).join(', ');
  if (names === '') return `Session ${session.number}`;
  const complete = modules.length > 0 && modules.every((module) => module.outcome === 'complete');
  return complete ? `${names} TRUE 100%` : names;
}
