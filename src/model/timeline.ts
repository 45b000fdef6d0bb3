/**
 * A coverage report placed among the sessions by its own date. A report tells the truth about
 * the sessions up to the day it was taken, and nothing about later ones: their figures come from
 * their own records. A report with no readable time is treated as current.
 */
import type { CoverageReport } from '../coverage/index.js';
import type { Session } from '../data/schema.js';

export interface Timeline {
  /** The report's calendar date; null without a report or without a readable timestamp. */
  readonly reportDate: string | null;
  /** The latest date of a started session. */
  readonly latestSessionDate: string | null;
  /** Started sessions dated after the report, oldest first. */
  readonly laterSessions: readonly Session[];
  /** A report taken before some sessions: they are beyond what it can tell. */
  readonly stale: boolean;
  /** Whether the report describes the project after `session` (taken on its day or later). */
  covers(session: Session): boolean;
}

export function placeReport(
  report: CoverageReport | undefined,
  sessions: readonly Session[],
): Timeline {
  const reportDate = report?.time?.date ?? null;
  const started = sessions.filter((session) => session.status !== 'planned');
  const dates = started.flatMap((session) => (session.date === undefined ? [] : [session.date]));
  const latestSessionDate = dates.length === 0 ? null : dates.reduce((a, b) => (b > a ? b : a));
  const covers = (session: Session): boolean =>
    reportDate === null || session.date === undefined || session.date <= reportDate;
  const laterSessions = report === undefined ? [] : started.filter((session) => !covers(session));
  return {
    reportDate,
    latestSessionDate,
    laterSessions,
    stale: laterSessions.length > 0,
    covers,
  };
}
