/**
 * The placeholders of the `outputs.*` settings, filled in one place: the renderer decides where
 * each document goes with these, and the view model names the summary file with the same call,
 * so a custom `outputs.summary` cannot send the file one way and the view model another.
 */
import { paddedSessionId, type SessionId } from '../data/session-id.js';

/** `outputs.tracker` for one phase: `{phase}` is the phase number as it is. */
export function trackerPath(pattern: string, phase: number): string {
  return pattern.replaceAll('{phase}', String(phase));
}

/**
 * `outputs.summary` for one session: `{session}` is padded to two digits, a split session's
 * letter kept (SESSION_07_SUMMARY.md, SESSION_61a_SUMMARY.md).
 */
export function summaryPath(pattern: string, session: SessionId): string {
  return pattern.replaceAll('{session}', paddedSessionId(session, 2));
}
