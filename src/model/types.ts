/**
 * The view model: every figure a template shows, computed once, with no formatting applied
 * (templates format through helpers). Absent facts are `null`, never missing, because templates
 * run in Handlebars' strict mode where a missing field is an error. `trackgen generate
 * --print-context` prints this as JSON for template authors.
 */
import type { CoverageFigures, ModuleOutcome, RiskLevel, SessionStatus } from '../data/schema.js';

export interface Figures {
  readonly percent: number;
  readonly statements: number | null;
  readonly missed: number | null;
  readonly branches: number | null;
  readonly coveredBranches: number | null;
  readonly partialBranches: number | null;
}

export interface CurrentCoverage extends Figures {
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
}

/** A session's outcome for the module, or `regressed`: marked complete, below TRUE 100% now. */
export type ModuleStatus = ModuleOutcome | 'regressed';

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
  /** From the coverage report; null when the report does not list the module. */
  readonly coverage: CurrentCoverage | null;
  readonly completedIn: { readonly session: number; readonly date: string | null } | null;
  /** Figures recorded when work on the module began, and the gain since. */
  readonly start: Figures | null;
  readonly improvement: number | null;
  readonly tests: {
    readonly created: number;
    readonly total: number;
    readonly passing: number;
    readonly allPassing: boolean;
  } | null;
  readonly testClasses: number | null;
  readonly testFile: string | null;
  readonly testFileSize: string | null;
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
}

export interface SessionView {
  readonly number: number;
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
  };
  readonly tests: {
    readonly created: number;
    readonly total: number;
    readonly passing: number;
    readonly skipped: number | null;
    readonly warnings: number | null;
    readonly existing: number;
    readonly allPassing: boolean;
  } | null;
  readonly testClasses: number | null;
  readonly testFile: string | null;
  readonly testFileSize: string | null;
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
  readonly filesCreated: readonly string[];
  readonly filesModified: readonly string[];
  readonly plan: {
    readonly preparation: readonly string[];
    readonly tasks: readonly string[];
    readonly successCriteria: readonly string[];
  } | null;
  readonly nextSteps: readonly string[];
  readonly notes: string | null;
  /** Modules at TRUE 100% across the project once this session ended (earlier phases included). */
  readonly true100CountAfter: number;
  /** Phase progress once this session ended. */
  readonly phaseModulesCompleteAfter: number;
  readonly phaseModuleCount: number;
  /** File name of the session's summary document. */
  readonly summaryFile: string;
}

export interface DocumentationView {
  readonly item: string;
  readonly note: string | null;
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
}

export interface OverallCoverage {
  readonly percent: number | null;
  readonly true100Count: number | null;
  readonly moduleCount: number | null;
  readonly hasReport: boolean;
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
    readonly session: number;
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
    readonly allTestsPassing: boolean;
    readonly testsCreated: number;
    readonly coverageGained: number | null;
    readonly sessionCount: number;
    readonly timeInvested: readonly { readonly session: number; readonly time: string }[];
    readonly zeroWarnings: boolean;
    readonly noSkipped: boolean;
    readonly qualityMetrics: readonly string[];
  };
  readonly milestones: {
    readonly phases: readonly PhaseSummary[];
    readonly journey: readonly JourneyPoint[];
  };
  readonly nextSession: SessionView | null;
  readonly nextModule: ModuleView | null;
  readonly commitLog: readonly {
    readonly session: number;
    readonly date: string | null;
    readonly commits: readonly CommitView[];
  }[];
  readonly documentation: {
    readonly done: readonly DocumentationView[];
    readonly pending: readonly DocumentationView[];
  };
  readonly patterns: {
    readonly sessions: readonly number[];
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
  readonly lastUpdated: { readonly date: string; readonly session: number } | null;
  /** Sessions that recorded lessons, newest first. */
  readonly sessions: readonly SessionView[];
  readonly patterns: readonly (NamedEntry & { readonly session: number })[];
  readonly antiPatterns: readonly (AntiPatternView & { readonly session: number })[];
  readonly true100Modules: readonly {
    readonly name: string;
    readonly path: string;
    readonly session: number | null;
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
