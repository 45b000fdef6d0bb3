/**
 * Pure: what a session captures from a report at its start or end — the project's totals as
 * coverage.py counts them, both TRUE 100% counts and the report's own time — and where the
 * project stands once it ends. Records typed by hand have none of it; documents then follow
 * what the records say (see docs/data-model.md, "Past documents stay past").
 */
import type { CoverageReport } from '../coverage/index.js';
import type { Capture, Project, Session, Standing } from '../data/schema.js';
import type { SessionId } from '../data/session-id.js';
import { earlierTrue100, modulesCompletedBy } from '../model/sessions.js';
import { toRecordedFigures } from './figures.js';

/** Files at TRUE 100% in the report; files without statements (an empty __init__.py) do not count. */
export function true100InReport(report: CoverageReport): number {
  return report.modules.filter((module) => module.statements > 0 && module.true100).length;
}

/**
 * `sessions` are every record with this session as it will be written (its outcomes updated),
 * so the campaign count includes what the session completed.
 */
export function captureFrom(
  report: CoverageReport,
  project: Project,
  sessions: readonly Session[],
  upTo: SessionId,
): Capture {
  return {
    ...(report.time === undefined ? {} : { reportTime: report.time.instant }),
    project: toRecordedFigures(report.totals),
    true100: earlierTrue100(project) + modulesCompletedBy(sessions, upTo).size,
    true100InReport: true100InReport(report),
  };
}

/** The project as it stands once `session` ends: its phase's size and progress, the campaign count. */
export function standingOf(
  session: Session,
  project: Project,
  sessions: readonly Session[],
): Standing {
  const phase = project.phases.find((candidate) => candidate.number === session.phase);
  const ids = new Set((phase?.modules ?? []).map((module) => module.id));
  const completed = modulesCompletedBy(sessions, session.number);
  return {
    phaseModules: ids.size,
    phaseModulesComplete: [...completed].filter((id) => ids.has(id)).length,
    true100: earlierTrue100(project) + completed.size,
  };
}

/**
 * A report from a failed or empty run: nothing executed at all, or modules the session's
 * previous capture had figures for are gone from it. Empty when the report looks whole.
 */
export function emptyRunProblems(
  report: CoverageReport,
  expectedPaths: readonly string[],
  isListed: (path: string) => boolean,
): string[] {
  const problems: string[] = [];
  const executed = report.totals.statements - report.totals.missed;
  if (report.modules.length === 0 || executed === 0)
    problems.push(
      `${report.source} records nothing executed: the test run failed or collected no tests`,
    );
  const gone = expectedPaths.filter((path) => !isListed(path));
  if (gone.length > 0 && problems.length === 0)
    problems.push(
      `${report.source} lacks ${gone.join(', ')}, which earlier figures had: was the run cut short?`,
    );
  return problems;
}
