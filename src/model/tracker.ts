/** The phase tracker's context: modules, sessions and every cumulative figure of one phase. */
import { riskLevels } from '../data/enums.js';
import type { Phase, Project } from '../data/schema.js';
import { difference } from './sessions.js';
import type {
  JourneyPoint,
  ModuleView,
  NamedEntry,
  OverallCoverage,
  PhaseSummary,
  SessionView,
  TrackerContext,
} from './types.js';

export interface TrackerInput {
  readonly project: Project;
  readonly phase: Phase;
  readonly modules: readonly ModuleView[];
  /** Every session of every phase, oldest first. */
  readonly sessions: readonly SessionView[];
  readonly overall: OverallCoverage;
  readonly phaseSummaries: readonly PhaseSummary[];
}

export function summarisePhase(
  phase: Phase,
  modules: readonly ModuleView[] | undefined,
  sessions: readonly SessionView[],
): PhaseSummary {
  if (modules === undefined || phase.modules === undefined) {
    const history = phase.history ?? { modules: 0, modulesComplete: 0 };
    const complete = history.modulesComplete === history.modules && history.modules > 0;
    return {
      number: phase.number,
      name: phase.name,
      modules: history.modules,
      modulesComplete: history.modulesComplete,
      status: complete ? 'complete' : 'in-progress',
    };
  }
  const modulesComplete = modules.filter((module) => module.status === 'complete').length;
  const started = sessions.some(
    (session) => session.phase.number === phase.number && session.status !== 'planned',
  );
  const status =
    modulesComplete === modules.length && modules.length > 0
      ? 'complete'
      : started
        ? 'in-progress'
        : 'not-started';
  return {
    number: phase.number,
    name: phase.name,
    modules: modules.length,
    modulesComplete,
    status,
  };
}

export function buildTrackerContext(input: TrackerInput): TrackerContext {
  const { project, phase, modules, overall } = input;
  const phaseSessions = input.sessions.filter((session) => session.phase.number === phase.number);
  const worked = phaseSessions.filter((session) => session.status !== 'planned');
  const complete = phaseSessions.filter((session) => session.status === 'complete');
  const summary =
    input.phaseSummaries.find((candidate) => candidate.number === phase.number) ??
    summarisePhase(phase, modules, input.sessions);
  const latest = worked.at(-1);
  const latestComplete = complete.at(-1);
  const nextSession = phaseSessions.find((session) => session.status === 'planned') ?? null;
  const nextModuleId = nextSession?.modules[0]?.id;
  const nextModule =
    modules.find((module) => module.id === nextModuleId) ??
    modules.find((module) => module.status !== 'complete') ??
    null;
  const firstStart =
    worked.find((session) => session.projectCoverage.start !== null)?.projectCoverage.start ?? null;
  const lastFinal =
    [...worked].reverse().find((session) => session.projectCoverage.final !== null)?.projectCoverage
      .final ?? null;

  return {
    project: { name: project.name, coverageGoal: project.coverageGoal },
    phase: {
      ...summary,
      objective: phase.objective ?? null,
      successCriteria: phase.successCriteria ?? [],
      qualityStandards: phase.qualityStandards ?? [],
      coverageTarget: phase.coverageTarget ?? null,
      statusNote: phase.statusNote ?? null,
    },
    lastUpdated: latestDated(input.sessions),
    currentPhase:
      [...input.sessions].reverse().find((session) => session.status !== 'planned')?.phase ?? null,
    overall,
    modules,
    completeModules: modules.filter((module) => module.status === 'complete'),
    sessions: worked,
    cumulative: {
      totalTests: latest?.tests?.total ?? null,
      allTestsPassing: latest?.tests?.allPassing ?? null,
      testsCreated: worked.reduce((sum, session) => sum + (session.tests?.created ?? 0), 0),
      coverageGained: difference(lastFinal, firstStart),
      sessionCount: complete.length,
      timeInvested: worked.flatMap((session) =>
        session.timeInvested === null
          ? []
          : [{ session: session.number, time: session.timeInvested }],
      ),
      zeroWarnings: isZero(latest?.tests?.warnings),
      noSkipped: isZero(latest?.tests?.skipped),
      qualityMetrics: phase.qualityMetrics ?? [],
    },
    milestones: {
      phases: input.phaseSummaries,
      journey: coverageJourney(project, input.sessions, phase),
    },
    nextSession,
    nextModule,
    commitLog: worked
      .filter((session) => session.commits.length > 0)
      .map((session) => ({
        session: session.number,
        date: session.date,
        commits: session.commits,
      })),
    documentation: latestComplete?.documentation ?? { done: [], pending: [] },
    patterns: {
      sessions: worked
        .filter((session) => session.patterns.length > 0)
        .map((session) => session.number),
      items: uniqueByName(worked.flatMap((session) => session.patterns)),
    },
    techniques: uniqueByName(worked.flatMap((session) => session.techniques)),
    // The schema lists the levels low to high, the order the Risk Assessment shows them in.
    risks: riskLevels
      .map((level) => ({ level, modules: modules.filter((module) => module.risk === level) }))
      .filter((group) => group.modules.length > 0),
    goals: [
      ...modules.map((module) => ({
        text: `TRUE 100% for ${module.name}`,
        done: module.status === 'complete',
      })),
      ...(phase.goals ?? []).map((text) => ({ text, done: summary.status === 'complete' })),
    ],
    celebrations: {
      achieved: complete.flatMap((session) => session.celebrations),
      upcoming: nextSession?.celebrations ?? [],
    },
  };
}

function latestDated(sessions: readonly SessionView[]): TrackerContext['lastUpdated'] {
  let latest: SessionView | undefined;
  for (const session of sessions) {
    if (session.date === null) continue;
    if (
      latest === undefined ||
      session.date > (latest.date ?? '') ||
      (session.date === latest.date && session.number > latest.number)
    )
      latest = session;
  }
  if (latest?.date == null) return null;
  return {
    date: latest.date,
    session: latest.number,
    status: latest.status === 'complete' ? 'Complete' : 'In Progress',
  };
}

/**
 * Where overall coverage stood: at the end of each earlier phase, after each session that
 * completed a module, then the targets still ahead.
 */
function coverageJourney(
  project: Project,
  sessions: readonly SessionView[],
  phase: Phase,
): JourneyPoint[] {
  const points: JourneyPoint[] = [];
  for (const earlier of project.phases) {
    if (earlier.number >= phase.number) break;
    const end = earlier.history?.endCoverage;
    if (end !== undefined)
      points.push({ label: `Phase ${earlier.number} End`, percent: end, delta: null });
  }
  for (const session of sessions) {
    if (
      session.phase.number !== phase.number ||
      session.status !== 'complete' ||
      session.projectCoverage.final === null
    )
      continue;
    const label =
      session.completedModules.length > 0
        ? `After ${session.completedModules.map((module) => module.name.replace(/\.py$/, '')).join(', ')}`
        : `After Session ${session.number}`;
    points.push({
      label,
      percent: session.projectCoverage.final,
      delta: session.projectCoverage.delta,
    });
  }
  return points;
}

function uniqueByName(entries: readonly NamedEntry[]): NamedEntry[] {
  const seen = new Set<string>();
  return entries.filter((entry) => (seen.has(entry.name) ? false : (seen.add(entry.name), true)));
}

/** Whether a recorded figure is zero; null when it was not recorded. */
function isZero(figure: number | null | undefined): boolean | null {
  return figure === null || figure === undefined ? null : figure === 0;
}
