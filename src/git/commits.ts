/**
 * The git stage of the pipeline: hashes for the record commits that have none. Lazy (git runs only
 * when some commit lacks a hash), one `git log` per run, and one warning — not one per commit —
 * when git history is not available. Rendering for a commit being made, the first commit of a
 * session it records that history does not hold yet is that very commit.
 */
import { sessionFileName, type ProjectData } from '../data/load.js';
import { locate } from '../data/json-text.js';
import type { Session } from '../data/schema.js';
import type { Diagnostic } from '../diagnostics.js';
import { plural } from '../text/plural.js';
import { describeBeingMade, type CommitBeingMade } from './being-made.js';
import { isShallowRepository, readGitLog, type GitCommit } from './log.js';
import { matchCommits, matchKey } from './match.js';

export interface CommitLookup {
  readonly findCommit: (session: Session, message: string) => string | undefined;
  /** Whether the record commit is the commit being made (a hook run): shown as "this commit". */
  readonly isThisCommit: (session: Session, message: string) => boolean;
  readonly diagnostics: readonly Diagnostic[];
}

export interface CommitLookupOptions {
  /** Directory to run git in: the project root inside the repository. */
  readonly repository: string;
  /** The sessions directory relative to `repository`, forward slashes. */
  readonly sessionsPath: string;
  /** Render for this commit rather than for the history HEAD has. */
  readonly beingMade?: CommitBeingMade;
}

const NONE: CommitLookup = {
  findCommit: () => undefined,
  isThisCommit: () => false,
  diagnostics: [],
};

export async function lookUpCommits(
  data: ProjectData,
  options: CommitLookupOptions,
): Promise<CommitLookup> {
  const missing = data.sessions.flatMap((record) =>
    (record.session.commits ?? []).flatMap((commit, index) =>
      commit.hash === undefined ? [{ record, index }] : [],
    ),
  );
  const first = missing[0];
  if (first === undefined) return NONE;
  const warnOnce = (message: string): Diagnostic => {
    const source = first.record.source;
    return {
      file: source.file,
      ...source.lines.position(locate(source, ['commits', first.index, 'message']).offset),
      severity: 'warning',
      rule: 'git-history',
      message,
    };
  };
  const count = `${plural(missing.length, 'commit')} without "hash"`;

  const beingMade =
    options.beingMade === undefined
      ? undefined
      : await describeBeingMade(options.beingMade, options.repository, options.sessionsPath).catch(
          () => undefined, // no git: the log below says so
        );
  // Asked while the log is read: the answer is only wanted when a commit is not found, which
  // is common (sessions committed since), and a git process costs more waited for in turn.
  const known = options.beingMade?.kind === 'staged' ? options.beingMade.known : undefined;
  const shallow =
    known === undefined
      ? isShallowRepository(options.repository).catch(() => false)
      : Promise.resolve(known.shallow);
  const log =
    beingMade?.revisions.length === 0
      ? ({ ok: true, commits: [] } as const)
      : await readGitLog(
          beingMade === undefined ? options : { ...options, revisions: beingMade.revisions },
        );
  if (!log.ok && !(log.reason === 'no-commits' && beingMade !== undefined)) {
    const why =
      log.reason === 'not-a-repository'
        ? 'not inside a git repository'
        : log.reason === 'no-git'
          ? 'git is not installed'
          : log.reason === 'no-commits'
            ? 'the repository has no commits yet'
            : `git log failed (${log.detail})`;
    return {
      ...NONE,
      diagnostics:
        log.reason === 'no-commits'
          ? []
          : [
              warnOnce(
                `expected git history to find the ${count}, but ${why}: they show as TBD (add "hash", or run trackgen in the repository)`,
              ),
            ],
    };
  }
  const history: readonly GitCommit[] = log.ok ? log.commits : [];
  const sessions = data.sessions.map((record) => record.session);
  const match = matchCommits(sessions, history);
  const thisCommit = new Set<string>();
  for (const session of sessions) {
    if (!beingMade?.records.has(sessionFileName(session.number))) continue;
    const next = (session.commits ?? []).find(
      (commit) =>
        commit.hash === undefined && !match.hashes.has(matchKey(session.number, commit.message)),
    );
    if (next !== undefined) thisCommit.add(matchKey(session.number, next.message));
  }
  const diagnostics: Diagnostic[] = [];
  const unmatched = match.unmatched - thisCommit.size;
  if (unmatched > 0 && (await shallow)) {
    diagnostics.push(
      warnOnce(
        `shallow clone: ${unmatched} of the ${count} not found in the fetched history show as TBD (git fetch --unshallow to see them all)`,
      ),
    );
  }
  return {
    findCommit: (session, message) => match.hashes.get(matchKey(session.number, message)),
    isThisCommit: (session, message) => thisCommit.has(matchKey(session.number, message)),
    diagnostics,
  };
}
