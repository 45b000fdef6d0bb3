/**
 * The git stage of the pipeline: hashes for the record commits that have none. Lazy (git runs only
 * when some commit lacks a hash), one `git log` per run, and one warning — not one per commit —
 * when git history is not available.
 */
import type { ProjectData } from '../data/load.js';
import { locate } from '../data/json-text.js';
import type { Session } from '../data/schema.js';
import type { Diagnostic } from '../diagnostics.js';
import { plural } from '../text/plural.js';
import { isShallowRepository, readGitLog } from './log.js';
import { matchCommits, matchKey } from './match.js';

export interface CommitLookup {
  readonly findCommit: (session: Session, message: string) => string | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

export interface CommitLookupOptions {
  /** Directory to run git in: the project root inside the repository. */
  readonly repository: string;
  /** The sessions directory relative to `repository`, forward slashes. */
  readonly sessionsPath: string;
}

const NONE: CommitLookup = { findCommit: () => undefined, diagnostics: [] };

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

  const log = await readGitLog(options);
  if (!log.ok) {
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
  const match = matchCommits(
    data.sessions.map((record) => record.session),
    log.commits,
  );
  const diagnostics: Diagnostic[] = [];
  if (match.unmatched > 0 && (await isShallowRepository(options.repository))) {
    diagnostics.push(
      warnOnce(
        `shallow clone: ${match.unmatched} of the ${count} not found in the fetched history show as TBD (git fetch --unshallow to see them all)`,
      ),
    );
  }
  return {
    findCommit: (session, message) => match.hashes.get(matchKey(session.number, message)),
    diagnostics,
  };
}
