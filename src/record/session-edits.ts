/**
 * Pure: starting and ending a session as edits of its record's text. Each edit changes only
 * its own values (data/edit-json.ts), so the person's formatting stays byte for byte. Ending a
 * session is a list of edits applied in turn; recording test results (pytest JUnit) joins it
 * as one more edit.
 */
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { CoverageReport } from '../coverage/index.js';
import { setJsonValue } from '../data/edit-json.js';
import type { Capture, Module, Project, Session } from '../data/schema.js';
import { sameSession } from '../data/session-id.js';
import { captureFrom, standingOf } from './capture.js';
import { sessionFigures, type SessionFigures } from './figures.js';
import { writeFigures, type Stage } from './write-figures.js';

export type RecordEdit = (text: string) => string;

export interface SessionChange {
  /** The session as it will read once written (for figures that depend on it). */
  readonly session: Session;
  readonly edits: readonly RecordEdit[];
  readonly figures: SessionFigures;
  /** Ids of modules the report shows at TRUE 100% that the record now marks complete. */
  readonly completed: readonly string[];
}

export interface SessionInput {
  readonly session: Session;
  readonly project: Project;
  /** Every record, sorted by number. */
  readonly sessions: readonly Session[];
  readonly report: CoverageReport;
}

function modulesById(project: Project): Map<string, Module> {
  return new Map(
    project.phases.flatMap((phase) =>
      (phase.modules ?? []).map((module) => [module.id, module] as const),
    ),
  );
}

function has(text: string, path: readonly (string | number)[]): boolean {
  const tree = parseTree(text);
  return tree !== undefined && findNodeAtLocation(tree, [...path]) !== undefined;
}

/** Sets a top-level key, keeping the record's key order: after `after` when it is new. */
const setKey =
  (key: string, value: unknown, after?: string): RecordEdit =>
  (text) =>
    setJsonValue(text, [key], value, after === undefined ? {} : { after });

/** captured.start or captured.final. */
export const setCapture =
  (stage: Stage, capture: Capture): RecordEdit =>
  (text) =>
    has(text, ['captured'])
      ? setJsonValue(
          text,
          ['captured', stage],
          capture,
          stage === 'final' ? { after: 'start' } : {},
        )
      : setJsonValue(text, ['captured'], { [stage]: capture });

/** The figures `record-coverage` writes, plus the capture of the report's totals and time. */
export function recordCoverageChange(input: SessionInput, stage: Stage): SessionChange {
  const figures = sessionFigures(input.session, modulesById(input.project), input.report);
  const sessions = input.sessions.map((candidate) =>
    sameSession(candidate.number, input.session.number) ? input.session : candidate,
  );
  return {
    session: input.session,
    figures,
    completed: [],
    edits: [
      (text) => writeFigures(text, figures, stage),
      setCapture(stage, captureFrom(input.report, input.project, sessions, input.session.number)),
    ],
  };
}

/** A planned session started: in progress, its date, its start figures from the report. */
export function startSessionChange(
  input: Omit<SessionInput, 'report'> & { readonly report: CoverageReport | undefined },
  date: string,
): SessionChange {
  const session: Session = { ...input.session, status: 'in-progress', date };
  const base: RecordEdit[] = [
    setKey('status', 'in-progress'),
    setKey('date', date, 'number'),
    // A planned module has not been started; the session starts it.
    ...(input.session.modules ?? []).flatMap((entry, index): RecordEdit[] =>
      entry.outcome === 'not-started'
        ? [(text) => setJsonValue(text, ['modules', index, 'outcome'], 'in-progress')]
        : [],
    ),
  ];
  if (input.report === undefined)
    return {
      session,
      edits: base,
      completed: [],
      figures: { projectPercent: 0, modules: [], missing: [] },
    };
  const change = recordCoverageChange({ ...input, session, report: input.report }, 'start');
  return { ...change, edits: [...base, ...change.edits] };
}

/**
 * An in-progress session ended: complete, dated, its final figures and capture, the modules the
 * report shows at TRUE 100% marked complete, and the project as it stands (its "standing").
 */
export function endSessionChange(input: SessionInput, date: string): SessionChange {
  const figures = sessionFigures(input.session, modulesById(input.project), input.report);
  const completed = figures.modules
    .filter((module) => module.figures.percent === 100)
    .map((module) => module.id);
  const session: Session = {
    ...input.session,
    status: 'complete',
    date,
    ...(input.session.modules === undefined
      ? {}
      : {
          modules: input.session.modules.map((entry) =>
            completed.includes(entry.module) ? { ...entry, outcome: 'complete' } : entry,
          ),
        }),
  };
  const sessions = input.sessions.map((candidate) =>
    sameSession(candidate.number, session.number) ? session : candidate,
  );
  const edits: RecordEdit[] = [
    setKey('status', 'complete'),
    setKey('date', date, 'number'),
    ...figures.modules
      .filter((module) => completed.includes(module.id))
      .map(
        (module): RecordEdit =>
          (text) =>
            setJsonValue(text, ['modules', module.index, 'outcome'], 'complete'),
      ),
    (text) => writeFigures(text, figures, 'final'),
    setCapture('final', captureFrom(input.report, input.project, sessions, session.number)),
    setKey('standing', standingOf(session, input.project, sessions)),
  ];
  return { session, edits, figures, completed };
}

export function applyEdits(text: string, edits: readonly RecordEdit[]): string {
  return edits.reduce((current, edit) => edit(current), text);
}
