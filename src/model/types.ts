/**
 * The view model: every figure a template shows, computed once, with no formatting applied
 * (templates format through helpers). Absent facts are `null`, never missing, because templates
 * run in Handlebars' strict mode where a missing field is an error. `trackgen generate
 * --print-context` prints this as JSON for template authors.
 */
import type { CoverageFigures, ModuleOutcome, RiskLevel, SessionStatus } from '../data/schema.js';
import type { SessionId } from '../data/session-id.js';

export type { SessionId };

export interface Figures {
  readonly percent: number;
  /** The percent was recorded as an estimate ({ "value", "estimated": true }). */
  readonly estimated: boolean;
  readonly statements: number | null;
  readonly missed: number | null;
  readonly branches: number | null;
  readonly coveredBranches: number | null;
  readonly partialBranches: number | null;
}

export interface CurrentCoverage extends Omit<Figures, 'estimated'> {
  readonly statements: number;
  readonly missed: number;
  readonly covered: number;
  readonly true100: boolean;
  readonly missingRanges: string;
  /** The missed statement lines themselves, ascending (`{{ranges coverage.missingLines}}`). */
  readonly missingLines: readonly number[];
  readonly partialArcs: readonly string[];
  readonly lastLine: number;
}

export interface NamedEntry {
  readonly name: string;
  readonly description: string;
}

export interface TitledList {
  readonly title: string;
  readonly items: readonly string[];
}

export interface ChallengeView {
  readonly title: string;
  readonly problem: string | null;
  readonly solution: string;
  /** The module the challenge names, or null (then it shows on each module card of its session). */
  readonly module: string | null;
}

/**
 * Where a module stands: a session's outcome, or `regressed` (marked complete, below TRUE 100%
 * now or recorded so). `maintained` never is a status: it keeps the module complete.
 */
export type ModuleStatus = Exclude<ModuleOutcome, 'maintained'>;

/** Every session that worked on a module, summed (issue 12: modules across sessions). */
export interface ModuleWork {
  /** Sessions (complete or in progress) that worked on it, oldest first. */
  readonly sessions: readonly SessionId[];
  /** Tests created for it, over all those sessions; null when no session recorded any. */
  readonly testsCreated: number | null;
  /** The first recorded start and the last recorded final. */
  readonly firstStart: Figures | null;
  readonly lastFinal: Figures | null;
  readonly firstDate: string | null;
  readonly lastDate: string | null;
}

export interface ModuleView {
  /** 1-based position in the phase. */
  readonly index: number;
  readonly id: string;
  readonly path: string;
  /** File name as trackers show it: "budget_manager.py". */
  readonly name: string;
  readonly status: ModuleStatus;
  /** Marked complete by a session (it may have regressed since). */
  readonly markedComplete: boolean;
  readonly regressed: boolean;
  /**
   * From the coverage report when it was taken after the last session that worked on the
   * module; else the figures that session recorded (no line detail); null when neither has any.
   */
  readonly coverage: CurrentCoverage | null;
  readonly coverageSource: 'report' | 'record' | null;
  /** The date the figures describe: the report's date, or the recording session's. */
  readonly coverageAsOf: string | null;
  readonly listedInReport: boolean;
  /** At TRUE 100% in the report, but no session marked it complete (its card keeps the records). */
  readonly unrecordedComplete: boolean;
  readonly completedIn: { readonly session: SessionId; readonly date: string | null } | null;
  /** Accepted below 100%: the session that accepted it and the reason it gave. */
  readonly accepted: { readonly session: SessionId; readonly reason: string } | null;
  readonly work: ModuleWork;
  /** Figures recorded when work on the module began, and the gain since. */
  readonly start: Figures | null;
  readonly improvement: number | null;
  readonly tests: TestsView | null;
  readonly testClasses: number | null;
  readonly testFile: string | null;
  readonly testFileSize: string | null;
  /** Counted in the test file when it is there (then testClasses is counted too). */
  readonly testFileLines: number | null;
  readonly testFunctions: number | null;
  readonly achievements: readonly string[];
  readonly challenges: readonly ChallengeView[];
  readonly documentation: readonly string[];
  readonly estimatedEffort: string | null;
  readonly estimatedTests: string | null;
  readonly lines: number | null;
  readonly focus: string | null;
  readonly features: readonly string[];
  readonly missingAreas: readonly { readonly lines: string; readonly label: string | null }[];
  readonly lists: readonly TitledList[];
  readonly risk: RiskLevel | null;
  readonly riskNote: string | null;
}

/**
 * A session's test counts: each figure is null when nobody recorded it, and the templates say
 * "not recorded" rather than guess. `allPassing` is null unless the figures settle it.
 */
export interface TestsView {
  readonly created: number | null;
  readonly total: number | null;
  readonly passing: number | null;
  readonly failed: number | null;
  readonly errors: number | null;
  readonly skipped: number | null;
  readonly xfailed: number | null;
  readonly xpassed: number | null;
  readonly warnings: number | null;
  /** total - created, when both are recorded. */
  readonly existing: number | null;
  /** total - passing, when both are recorded. */
  readonly notPassing: number | null;
  readonly allPassing: boolean | null;
}

export interface CommitView {
  /** null until the hash is known (from the record or from git). */
  readonly hash: string | null;
  readonly message: string;
  /** The commit being made while the pre-commit hook renders: its hash cannot be known yet. */
  readonly thisCommit: boolean;
}

export interface LessonView {
  readonly title: string;
  readonly problem: string | null;
  readonly failedApproach: string | null;
  readonly solution: string | null;
  readonly insight: readonly string[];
  readonly whenToUse: readonly string[];
}

export interface AntiPatternView {
  readonly title: string;
  readonly bad: string | null;
  readonly good: string | null;
}

export interface SessionModuleView {
  readonly id: string;
  readonly name: string;
  readonly path: string;
  readonly outcome: ModuleOutcome;
  readonly start: Figures | null;
  readonly final: Figures | null;
  readonly improvement: number | null;
  readonly reason: string | null;
  readonly testsCreated: number | null;
  /** The challenges of the session that belong to this module (named, or the session's only one). */
  readonly challenges: readonly ChallengeView[];
}

export interface SessionView {
  readonly number: SessionId;
  readonly date: string | null;
  readonly status: SessionStatus;
  readonly phase: { readonly number: number; readonly name: string };
  readonly title: string;
  readonly duration: string | null;
  readonly timeInvested: string | null;
  readonly modules: readonly SessionModuleView[];
  readonly completedModules: readonly SessionModuleView[];
  readonly projectCoverage: {
    readonly start: number | null;
    readonly final: number | null;
    readonly delta: number | null;
    readonly startEstimated: boolean;
    readonly finalEstimated: boolean;
  };
  readonly tests: TestsView | null;
  readonly testClasses: number | null;
  readonly testFile: string | null;
  readonly testFileSize: string | null;
  /** Counted in the test file when it is there (then testClasses is counted too). */
  readonly testFileLines: number | null;
  readonly testFunctions: number | null;
  readonly overview: string | null;
  readonly achievements: readonly string[];
  readonly completed: readonly string[];
  readonly technicalWin: string | null;
  readonly challenges: readonly ChallengeView[];
  readonly lessons: readonly LessonView[];
  readonly patterns: readonly NamedEntry[];
  readonly techniques: readonly NamedEntry[];
  readonly antiPatterns: readonly AntiPatternView[];
  readonly commits: readonly CommitView[];
  readonly documentation: {
    readonly done: readonly DocumentationView[];
    readonly pending: readonly DocumentationView[];
  };
  readonly celebrations: readonly string[];
  /** From the session's commits when git knows them, else as typed. */
  readonly filesCreated: readonly string[];
  readonly filesModified: readonly string[];
  /** Lines the session's commits added and removed; null when no commit of it is known. */
  readonly linesAdded: number | null;
  readonly linesRemoved: number | null;
  readonly plan: {
    readonly preparation: readonly string[];
    readonly tasks: readonly string[];
    readonly successCriteria: readonly string[];
  } | null;
  readonly nextSteps: readonly string[];
  /** Modules a planned session may take up. */
  readonly candidates: readonly { readonly id: string; readonly name: string }[];
  readonly notes: string | null;
  /** Modules at TRUE 100% across the project once this session ended (earlier phases included). */
  readonly true100CountAfter: number;
  /** Files at TRUE 100% in the report captured when the session ended, where one was. */
  readonly true100InReportAfter: number | null;
  /** Phase progress once this session ended. */
  readonly phaseModulesCompleteAfter: number;
  /**
   * The phase's size as it stood: from the record's "standing" once complete (null when the
   * record has none: run trackgen migrate), the phase as it is while the session is open.
   */
  readonly phaseModuleCount: number | null;
  /** File name of the session's summary document. */
  readonly summaryFile: string;
}

export interface DocumentationView {
  readonly item: string;
  readonly note: string | null;
  /** The session that recorded the item's status (a pending item stays until one marks it done). */
  readonly session: SessionId;
}

export interface PhaseSummary {
  readonly number: number;
  readonly name: string;
  readonly modules: number;
  readonly modulesComplete: number;
  /** A phase moves through the same three stages as a module in a session. */
  readonly status: ModuleOutcome;
}

export interface JourneyPoint {
  readonly label: string;
  readonly percent: number;
  readonly delta: number | null;
  /** The session the point ends (null for an earlier phase's end). */
  readonly session: SessionId | null;
  readonly date: string | null;
  /** Modules at TRUE 100% once the session ended (campaign count, as its summary shows). */
  readonly true100: number | null;
}

/** The Coverage Journey's Mermaid xychart: one entry per complete session of the phase. */
export interface JourneyChart {
  /** x-axis labels, quoted for Mermaid: "S54". */
  readonly sessions: readonly string[];
  readonly coverage: readonly number[];
  readonly true100: readonly number[];
  /** Top of the y-axis: 100, or more when more modules than that are at TRUE 100%. */
  readonly yMax: number;
}

export interface OverallCoverage {
  readonly percent: number | null;
  /** By the config's definition (true100Definition); null when it needs a report and has none. */
  readonly true100Count: number | null;
  readonly moduleCount: number | null;
  readonly hasReport: boolean;
  /** The date the figures describe: the report's, or the recording session's when the report is stale. */
  readonly asOf: string | null;
  readonly percentSource: 'report' | 'record' | null;
  /** "campaign": modules the campaign finished; "report": files at TRUE 100% in the report. */
  readonly true100Definition: 'campaign' | 'report';
}

export interface TrackerContext {
  readonly project: { readonly name: string; readonly coverageGoal: number };
  readonly phase: PhaseSummary & {
    readonly objective: string | null;
    readonly successCriteria: readonly string[];
    readonly qualityStandards: readonly NamedEntry[];
    readonly coverageTarget: string | null;
    readonly statusNote: string | null;
  };
  readonly lastUpdated: {
    readonly date: string;
    readonly session: SessionId;
    readonly status: string;
  } | null;
  /** The phase the latest worked session belongs to. */
  readonly currentPhase: { readonly number: number; readonly name: string } | null;
  readonly overall: OverallCoverage;
  readonly modules: readonly ModuleView[];
  readonly completeModules: readonly ModuleView[];
  readonly sessions: readonly SessionView[];
  readonly cumulative: {
    readonly totalTests: number | null;
    /** null when the latest session recorded no tests. */
    readonly allTestsPassing: boolean | null;
    readonly testsCreated: number;
    readonly coverageGained: number | null;
    readonly sessionCount: number;
    readonly timeInvested: readonly { readonly session: SessionId; readonly time: string }[];
    /** null when the latest session did not record the figure. */
    readonly zeroWarnings: boolean | null;
    readonly noSkipped: boolean | null;
    readonly qualityMetrics: readonly string[];
  };
  readonly milestones: {
    readonly phases: readonly PhaseSummary[];
    readonly journey: readonly JourneyPoint[];
    readonly chart: JourneyChart | null;
  };
  readonly nextSession: SessionView | null;
  readonly nextModule: ModuleView | null;
  readonly commitLog: readonly {
    readonly session: SessionId;
    readonly date: string | null;
    readonly commits: readonly CommitView[];
  }[];
  readonly documentation: {
    readonly done: readonly DocumentationView[];
    readonly pending: readonly DocumentationView[];
  };
  readonly patterns: {
    readonly sessions: readonly SessionId[];
    readonly items: readonly NamedEntry[];
  };
  readonly techniques: readonly NamedEntry[];
  readonly risks: readonly {
    readonly level: RiskLevel;
    readonly modules: readonly ModuleView[];
  }[];
  readonly goals: readonly { readonly text: string; readonly done: boolean }[];
  readonly celebrations: {
    readonly achieved: readonly string[];
    readonly upcoming: readonly string[];
  };
}

export interface LessonsContext {
  readonly project: { readonly name: string };
  readonly lastUpdated: { readonly date: string; readonly session: SessionId } | null;
  /** Sessions that recorded lessons, newest first. */
  readonly sessions: readonly SessionView[];
  readonly patterns: readonly (NamedEntry & { readonly session: SessionId })[];
  readonly antiPatterns: readonly (AntiPatternView & { readonly session: SessionId })[];
  readonly true100Modules: readonly {
    readonly name: string;
    readonly path: string;
    readonly session: SessionId | null;
    readonly phase: number | null;
  }[];
  readonly earlierTrue100: number;
  readonly overall: OverallCoverage;
  readonly commands: readonly NamedEntry[];
}

export interface SessionSummaryContext {
  readonly project: { readonly name: string };
  readonly session: SessionView;
  readonly overall: OverallCoverage;
}

export type { CoverageFigures };
