/**
 * Stage 3: the view model (pure). From validated data and the coverage report to every figure
 * the documents show, plus drift warnings: a module a session marked complete that the report
 * no longer shows at TRUE 100%.
 */
import type { Settings } from '../config/settings.js';
import type { CoverageReport } from '../coverage/index.js';
// Not through the coverage index: its readers would load with the model (see read-coverage.ts).
import { formatPercent } from '../coverage/figures/percent.js';
import type { ProjectData } from '../data/load.js';
import { locate, type JsonPath, type ParsedJson } from '../data/json-text.js';
import type { Module, Session } from '../data/schema.js';
import type { Diagnostic } from '../diagnostics.js';
import { buildModuleView } from './modules.js';
import {
  buildSessionView,
  earlierTrue100,
  modulesCompletedBy,
  type SessionContext,
} from './sessions.js';
import { placeReport, type Timeline } from './timeline.js';
import { timelineDiagnostics } from './timeline-diagnostics.js';
import { buildTrackerContext, summarisePhase } from './tracker.js';
import type {
  LessonsContext,
  ModuleView,
  OverallCoverage,
  SessionSummaryContext,
  SessionView,
  TrackerContext,
} from './types.js';
import { plural } from '../text/plural.js';
import type { TestFileFacts } from '../test-results/index.js';
import type { CommitChanges } from '../git/changes.js';

export interface ViewModelInput {
  readonly data: ProjectData;
  readonly report: CoverageReport | undefined;
  /** Hash of a session's commit found in git history, if any. */
  readonly findCommit?: (session: Session, message: string) => string | undefined;
  /** Facts counted in the sessions' test files that are there, by session key. */
  readonly testFiles?: ReadonlyMap<string, TestFileFacts>;
  /** What each session's commits changed, by session key, where git knows them. */
  readonly changes?: ReadonlyMap<string, CommitChanges>;
  /** Whether a session's commit is the one being made (the pre-commit hook's rendering). */
  readonly isThisCommit?: (session: Session, message: string) => boolean;
  /** Where documents go; the view model names each session's summary file from it. */
  readonly outputs: Pick<Settings['outputs'], 'summary'>;
  /** What "Modules at TRUE 100%" counts (the config's true100Count; default: the campaign). */
  readonly true100Count?: Settings['true100Count'];
}

export interface ViewModel {
  readonly trackers: readonly { readonly phase: number; readonly context: TrackerContext }[];
  readonly summaries: readonly SessionSummaryContext[];
  readonly lessons: LessonsContext;
  readonly diagnostics: readonly Diagnostic[];
}

export function buildViewModel(input: ViewModelInput): ViewModel {
  const { project } = input.data;
  const sessions = input.data.sessions.map((record) => record.session);
  const modulesById = new Map<string, Module>(
    project.phases.flatMap((phase) =>
      (phase.modules ?? []).map((module) => [module.id, module] as const),
    ),
  );
  const sessionContext: SessionContext = {
    project,
    modulesById,
    sessions,
    findCommit: input.findCommit ?? (() => undefined),
    testFiles: input.testFiles ?? new Map(),
    changes: input.changes ?? new Map(),
    isThisCommit: input.isThisCommit ?? (() => false),
    summaryPattern: input.outputs.summary,
  };
  const sessionViews = sessions.map((session) => buildSessionView(session, sessionContext));
  const timeline = placeReport(input.report, sessions);
  const overall = overallCoverage(input, sessionViews, timeline);

  const modulesByPhase = new Map<number, ModuleView[]>();
  for (const phase of project.phases) {
    if (phase.modules !== undefined)
      modulesByPhase.set(
        phase.number,
        phase.modules.map((module, index) =>
          buildModuleView(
            module,
            index + 1,
            sessions,
            input.report,
            timeline,
            sessionContext.testFiles,
          ),
        ),
      );
  }
  const phaseSummaries = project.phases.map((phase) =>
    summarisePhase(phase, modulesByPhase.get(phase.number), sessionViews),
  );
  const trackers = project.phases.flatMap((phase) => {
    const modules = modulesByPhase.get(phase.number);
    if (modules === undefined) return [];
    return [
      {
        phase: phase.number,
        context: buildTrackerContext({
          project,
          phase,
          modules,
          sessions: sessionViews,
          overall,
          phaseSummaries,
        }),
      },
    ];
  });
  const allModules = [...modulesByPhase.values()].flat();
  return {
    trackers,
    summaries: sessionViews
      .filter((session) => session.status === 'complete')
      .map((session) => ({
        project: { name: project.name },
        session,
        overall: overallAfter(session, overall.true100Definition),
      })),
    lessons: buildLessonsContext(input, sessionViews, allModules, overall),
    diagnostics: [
      ...timelineDiagnostics(input, timeline, allModules),
      ...driftDiagnostics(input, allModules, timeline),
    ],
  };
}

/**
 * The living figures of the tracker, lessons file and your own documents. A report taken after
 * the latest session gives them "as of" its date; a stale one gives way to the latest session's
 * recorded figures. "Modules at TRUE 100%" has one definition, the config's.
 */
function overallCoverage(
  input: ViewModelInput,
  sessions: readonly SessionView[],
  timeline: Timeline,
): OverallCoverage {
  const { report } = input;
  const definition = input.true100Count ?? 'campaign';
  const counted = report?.modules.filter((module) => module.statements > 0) ?? [];
  const tracked = input.data.project.phases.reduce(
    (sum, phase) => sum + (phase.modules?.length ?? phase.history?.modules ?? 0),
    0,
  );
  const campaign =
    earlierTrue100(input.data.project) +
    modulesCompletedBy(
      input.data.sessions.map((record) => record.session),
      Number.MAX_SAFE_INTEGER,
    ).size;
  const true100 =
    definition === 'campaign'
      ? { true100Count: campaign, moduleCount: tracked }
      : report === undefined
        ? { true100Count: null, moduleCount: null }
        : {
            true100Count: counted.filter((module) => module.true100).length,
            moduleCount: counted.length,
          };
  const latestRecorded = [...sessions]
    .reverse()
    .find(
      (session) =>
        session.status !== 'planned' &&
        (session.projectCoverage.final ?? session.projectCoverage.start) !== null,
    );
  // A stale report gives way to the latest recorded figures (when there are any).
  const recorded =
    (report === undefined || timeline.stale) && latestRecorded !== undefined
      ? latestRecorded
      : undefined;
  return {
    percent:
      recorded === undefined
        ? (report?.totals.percent ?? null)
        : (recorded.projectCoverage.final ?? recorded.projectCoverage.start),
    ...true100,
    hasReport: report !== undefined,
    asOf: recorded === undefined ? timeline.reportDate : recorded.date,
    percentSource: recorded !== undefined ? 'record' : report === undefined ? null : 'report',
    true100Definition: definition,
  };
}

/** A complete session's summary shows the figures of its own time, never today's report. */
function overallAfter(
  session: SessionView,
  definition: OverallCoverage['true100Definition'],
): OverallCoverage {
  const percent = session.projectCoverage.final;
  const inReport = definition === 'report' ? session.true100InReportAfter : null;
  return {
    percent,
    true100Count: inReport ?? session.true100CountAfter,
    moduleCount: null,
    hasReport: false,
    asOf: session.date,
    percentSource: percent === null ? null : 'record',
    true100Definition: inReport === null ? 'campaign' : 'report',
  };
}

function buildLessonsContext(
  input: ViewModelInput,
  sessions: readonly SessionView[],
  modules: readonly ModuleView[],
  overall: OverallCoverage,
): LessonsContext {
  const { project } = input.data;
  const newestFirst = [...sessions].reverse();
  const withDate = newestFirst.find(
    (session) => session.date !== null && session.status === 'complete',
  );
  const completedIn = new Map(
    modules.flatMap((module) =>
      module.completedIn === null ? [] : [[module.path, module.completedIn.session] as const],
    ),
  );
  const phaseOf = new Map(
    project.phases.flatMap((phase) =>
      (phase.modules ?? []).map((module) => [module.path, phase.number] as const),
    ),
  );
  const seenPatterns = new Set<string>();
  return {
    project: { name: project.name },
    lastUpdated: withDate?.date == null ? null : { date: withDate.date, session: withDate.number },
    sessions: newestFirst.filter((session) => session.lessons.length > 0),
    patterns: sessions.flatMap((session) =>
      session.patterns
        .filter((pattern) =>
          seenPatterns.has(pattern.name) ? false : (seenPatterns.add(pattern.name), true),
        )
        .map((pattern) => ({ ...pattern, session: session.number })),
    ),
    antiPatterns: newestFirst.flatMap((session) =>
      session.antiPatterns.map((anti) => ({ ...anti, session: session.number })),
    ),
    true100Modules: (input.report?.modules ?? [])
      .filter((module) => module.true100 && module.statements > 0)
      .map((module) => {
        const tracked = modules.find(
          (candidate) => candidate.coverage !== null && candidate.path.endsWith(module.path),
        );
        const path = tracked?.path ?? module.path;
        return {
          name: module.name,
          path: module.path,
          session: completedIn.get(path) ?? null,
          phase: phaseOf.get(path) ?? null,
        };
      }),
    earlierTrue100: earlierTrue100(project),
    overall,
    commands: project.commands ?? [],
  };
}

/** Path of a module's entry in project.json. */
function modulePlace(input: ViewModelInput, module: ModuleView): JsonPath {
  const phaseIndex = input.data.project.phases.findIndex((phase) =>
    (phase.modules ?? []).some((candidate) => candidate.id === module.id),
  );
  return ['phases', phaseIndex, 'modules', module.index - 1];
}

function driftDiagnostics(
  input: ViewModelInput,
  modules: readonly ModuleView[],
  timeline: Timeline,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const warn = (
    source: ParsedJson,
    path: JsonPath,
    rule: Diagnostic['rule'],
    message: string,
  ): void => {
    diagnostics.push({
      file: source.file,
      ...source.lines.position(locate(source, path).offset),
      severity: 'warning',
      rule,
      message,
    });
  };
  const reportName = input.report?.source ?? 'the coverage report';
  // No branch data is not a regression (nor TRUE 100%): say once what to run instead.
  const complete = modules.filter(
    (module) => module.markedComplete && module.coverageSource === 'report',
  );
  if (input.report !== undefined && !input.report.totals.hasBranchData && complete.length > 0)
    warn(
      input.data.projectSource,
      ['coverageReport'],
      'no-branch-data',
      `${reportName} has no branch data: run pytest with --cov-branch (${plural(complete.length, 'module')} marked complete cannot be checked for TRUE 100% without it)`,
    );
  for (const module of modules) {
    // Only the report's regression here; one the records show is validate's (continuity rules).
    if (
      module.regressed &&
      module.completedIn !== null &&
      module.coverage !== null &&
      module.coverage.branches !== null &&
      !module.coverage.true100
    ) {
      const record = input.data.sessions.find(
        (candidate) => candidate.session.number === module.completedIn?.session,
      );
      const index = record?.session.modules?.findIndex((entry) => entry.module === module.id) ?? -1;
      if (record !== undefined) {
        warn(
          record.source,
          ['modules', index, 'outcome'],
          'regressed',
          `${module.name} was marked complete in session ${module.completedIn.session}${module.completedIn.date === null ? '' : ` (${module.completedIn.date})`} but is no longer at TRUE 100% in ${reportName}${timeline.reportDate === null ? '' : ` of ${timeline.reportDate}`} (${formatPercent(module.coverage.percent)}%, ${plural(module.coverage.missed, 'statement')} and ${plural(module.coverage.branches - (module.coverage.coveredBranches ?? 0), 'branch')} missed)`,
        );
      }
    }
    if (
      module.coverage !== null &&
      module.lines !== null &&
      module.coverage.lastLine > module.lines
    ) {
      // Only a hand-typed "lines" can fall behind the report (a derived one equals lastLine).
      const place = modulePlace(input, module);
      warn(
        input.data.projectSource,
        [...place, 'lines'],
        'stale-figure',
        `${module.path}: lines says ${module.lines}, but ${reportName} has a statement on line ${module.coverage.lastLine}; update or remove "lines"`,
      );
    }
    if (input.report !== undefined && !module.listedInReport) {
      warn(
        input.data.projectSource,
        [...modulePlace(input, module), 'path'],
        'not-in-report',
        `${module.path}: expected the coverage report to list this module, found no file with that path in ${reportName}`,
      );
    }
  }
  return diagnostics;
}
