/** The phase tracker's context: modules, sessions and every cumulative figure of one phase. */
import { riskLevels } from '../data/enums.js';
import { compareSessionIds, type SessionId } from '../data/session-id.js';
import type { Phase, Project } from '../data/schema.js';
import { difference } from './sessions.js';
import type {
  DocumentationView,
  JourneyChart,
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
  // An accepted module is done with for the phase, though not at TRUE 100%.
  const modulesComplete = modules.filter(
    (module) => module.status === 'complete' || module.status === 'accepted',
  ).length;
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
  const nextModuleId = nextSession?.modules[0]?.id ?? nextSession?.candidates[0]?.id;
  const nextModule =
    modules.find((module) => module.id === nextModuleId) ??
    modules.find((module) => module.status !== 'complete' && module.status !== 'accepted') ??
    null;
  const firstStart =
    worked.find((session) => session.projectCoverage.start !== null)?.projectCoverage.start ?? null;
  const lastFinal =
    [...worked].reverse().find((session) => session.projectCoverage.final !== null)?.projectCoverage
      .final ?? null;

  const journey = coverageJourney(project, input.sessions, phase);
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
      // null: not recorded, which the tracker says rather than claiming the opposite.
      zeroWarnings: recordedIs(latest?.tests?.warnings, 0),
      noSkipped: recordedIs(latest?.tests?.skipped, 0),
      qualityMetrics: phase.qualityMetrics ?? [],
    },
    milestones: {
      phases: input.phaseSummaries,
      journey,
      chart: journeyChart(journey),
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
    documentation: carriedDocumentation(worked, latestComplete),
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
      achieved: achievedCelebrations(complete, modules),
      upcoming: nextSession?.celebrations ?? [],
    },
  };
}

function recordedIs(value: number | null | undefined, expected: number): boolean | null {
  return value === null || value === undefined ? null : value === expected;
}

function latestDated(sessions: readonly SessionView[]): TrackerContext['lastUpdated'] {
  let latest: SessionView | undefined;
  for (const session of sessions) {
    if (session.date === null) continue;
    if (
      latest === undefined ||
      session.date > (latest.date ?? '') ||
      (session.date === latest.date && compareSessionIds(session.number, latest.number) > 0)
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
      points.push({
        label: `Phase ${earlier.number} End`,
        percent: end,
        delta: null,
        session: null,
        date: null,
        true100: null,
      });
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
      session: session.number,
      date: session.date,
      true100: session.true100CountAfter,
    });
  }
  return points;
}

/**
 * The latest complete session's done items, and every item still pending: an item marked pending
 * stays until a later session marks the same item done (issue 12: open items carry over).
 */
function carriedDocumentation(
  worked: readonly SessionView[],
  latestComplete: SessionView | undefined,
): TrackerContext['documentation'] {
  const pending = new Map<string, DocumentationView>();
  for (const session of worked) {
    for (const item of session.documentation.done) pending.delete(item.item);
    for (const item of session.documentation.pending) pending.set(item.item, item);
  }
  return { done: latestComplete?.documentation.done ?? [], pending: [...pending.values()] };
}

/**
 * What the sessions typed as celebrations; when none did, the modules the records show at TRUE
 * 100%, so a tracker never says "nothing yet" beside a complete module.
 */
function achievedCelebrations(
  complete: readonly SessionView[],
  modules: readonly ModuleView[],
): string[] {
  const typed = complete.flatMap((session) => session.celebrations);
  if (typed.length > 0) return typed;
  return modules.flatMap((module) =>
    module.status === 'complete' && module.completedIn !== null
      ? [`${module.name} at TRUE 100% (Session ${String(module.completedIn.session)})`]
      : [],
  );
}

/**
 * The Coverage Journey as a chart: overall coverage after each complete session of the phase
 * (its recorded figures) and the modules at TRUE 100% then; null before any complete session.
 */
function journeyChart(journey: readonly JourneyPoint[]): JourneyChart | null {
  const points = journey.filter(
    (point): point is JourneyPoint & { session: SessionId; true100: number } =>
      point.session !== null && point.true100 !== null,
  );
  if (points.length === 0) return null;
  const true100 = points.map((point) => point.true100);
  return {
    sessions: points.map((point) => `"S${point.session}"`),
    coverage: points.map((point) => point.percent),
    true100,
    yMax: Math.max(100, ...true100),
  };
}

function uniqueByName(entries: readonly NamedEntry[]): NamedEntry[] {
  const seen = new Set<string>();
  return entries.filter((entry) => (seen.has(entry.name) ? false : (seen.add(entry.name), true)));
}
