/**
 * Pure: pairs the commit messages of the records with commits from git history. For each record
 * commit without a hash, first a commit whose subject is exactly the message, then the best
 * candidate among the session's own commits — those whose subject names the session ("Session 54:",
 * not "Session 540") or that changed its record — when it is similar enough to be the same commit.
 * A git commit is given to at most one record commit.
 */
import { sessionFileName, sessionKey, type SessionId } from '../data/session-id.js';
import type { Session } from '../data/schema.js';
import type { GitCommit } from './log.js';

/** Dice coefficient on words below which a candidate is not taken: a wrong hash is worse than TBD. */
export const MIN_SIMILARITY = 0.5;

export function namesSession(subject: string, sessionNumber: SessionId): boolean {
  return new RegExp(`\\bsession[\\s_#-]*0*${String(sessionNumber)}(?![0-9A-Za-z])`, 'i').test(
    subject,
  );
}

export interface CommitMatch {
  /** `${session}\u0000${message}` → abbreviated hash. */
  readonly hashes: ReadonlyMap<string, string>;
  /** Record commits without a hash that no git commit matched. */
  readonly unmatched: number;
}

export const matchKey = (sessionNumber: SessionId, message: string): string =>
  `${sessionKey(sessionNumber)}\u0000${message}`;

export function matchCommits(
  sessions: readonly Session[],
  history: readonly GitCommit[],
): CommitMatch {
  const used = new Set<string>(
    sessions.flatMap((session) =>
      (session.commits ?? []).flatMap((commit) => (commit.hash === undefined ? [] : [commit.hash])),
    ),
  );
  const isUsed = (commit: GitCommit) =>
    used.has(commit.hash) || [...used].some((hash) => commit.hash.startsWith(hash));
  const wanted = sessions.flatMap((session) =>
    (session.commits ?? [])
      .filter((commit) => commit.hash === undefined)
      .map((commit) => ({ session, message: commit.message })),
  );
  const candidatesOf = new Map<string, GitCommit[]>();
  const candidates = (session: Session): GitCommit[] => {
    let found = candidatesOf.get(sessionKey(session.number));
    if (found === undefined) {
      const record = sessionFileName(session.number);
      found = history.filter(
        (commit) => namesSession(commit.subject, session.number) || commit.records.includes(record),
      );
      candidatesOf.set(sessionKey(session.number), found);
    }
    return found;
  };

  const hashes = new Map<string, string>();
  const take = (session: Session, message: string, commit: GitCommit) => {
    used.add(commit.hash);
    hashes.set(matchKey(session.number, message), commit.shortHash);
  };
  const left: typeof wanted = [];
  for (const item of wanted) {
    const subject = item.message.trim();
    const exact = history.filter((commit) => !isUsed(commit) && commit.subject.trim() === subject);
    const own = candidates(item.session);
    const best = [...exact].sort((a, b) => preference(a, b, own, item.session.date))[0];
    if (best === undefined) left.push(item);
    else take(item.session, item.message, best);
  }
  let unmatched = 0;
  for (const item of left) {
    const scored = candidates(item.session)
      .filter((commit) => !isUsed(commit))
      .map((commit) => ({
        commit,
        score: similarity(
          withoutSessionName(item.message, item.session.number),
          withoutSessionName(commit.subject, item.session.number),
        ),
      }))
      .filter((entry) => entry.score >= MIN_SIMILARITY)
      .sort((a, b) => b.score - a.score);
    const best = scored[0];
    if (best === undefined) unmatched++;
    else take(item.session, item.message, best.commit);
  }
  return { hashes, unmatched };
}

/** Among commits with the very same subject: the session's own first, then the nearest in date. */
function preference(
  a: GitCommit,
  b: GitCommit,
  own: readonly GitCommit[],
  date: string | undefined,
): number {
  const ownA = own.includes(a) ? 0 : 1;
  const ownB = own.includes(b) ? 0 : 1;
  if (ownA !== ownB) return ownA - ownB;
  if (date === undefined) return 0;
  return dayDistance(a.date, date) - dayDistance(b.date, date);
}

function dayDistance(a: string, b: string): number {
  const days = Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000;
  return Number.isNaN(days) ? Number.MAX_SAFE_INTEGER : days;
}

/** Every candidate names the session, so "Session 54" says nothing about which commit it is. */
function withoutSessionName(text: string, sessionNumber: SessionId): string {
  return text.replace(
    new RegExp(`\\bsession[\\s_#-]*0*${String(sessionNumber)}(?![0-9A-Za-z])`, 'gi'),
    ' ',
  );
}

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? []);
}

/** Dice coefficient of the two texts' word sets, 0 to 1. */
export function similarity(a: string, b: string): number {
  const left = words(a);
  const right = words(b);
  if (left.size + right.size === 0) return 0;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return (2 * shared) / (left.size + right.size);
}
