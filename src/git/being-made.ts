/**
 * The commit a rendering is made for. The pre-commit hook (and `check --staged`) renders for the
 * commit the index is about to become: its history is the parents that commit will have, and a
 * session record it changes names a commit that cannot be in history yet — the one being made.
 * `check` asks the same question of a commit already made, to see whether a document is exactly
 * what the hook (or `generate`) wrote then, before its hash could be known.
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { toSlashes } from '../text/paths.js';
import { isAmending } from './amend.js';
import { findGitDirectory } from './directory.js';
import type { RepoFacts } from './repository.js';
import { runGit, splitNul, type GitOptions } from './run.js';

export type CommitBeingMade =
  /**
   * The index, about to be committed (by `git commit`, `--amend` included, or after a merge), as
   * the hook renders it (`marked`: the session commit it records shown as this commit) or as
   * `generate` would just before (TBD).
   */
  | {
      readonly kind: 'staged';
      readonly marked: boolean;
      readonly env?: GitOptions['env'];
      /** HEAD and shallowness when the caller already asked git (the hook's first question). */
      readonly known?: KnownRepository;
    }
  /**
   * A commit already made, as it was rendered while being made: by the hook (`marked`: its
   * session commit shown as this commit) or by `generate` just before (`marked` false: TBD).
   */
  | { readonly kind: 'made'; readonly commit: string; readonly marked: boolean };

/** What the caller's first questions to git found (locateRepoWithHead), and its staged list. */
export interface KnownRepository extends Pick<RepoFacts, 'head' | 'shallow'> {
  /** What `git diff --cached --name-only --no-relative` listed: paths from `top`. */
  readonly staged?: { readonly top: string; readonly paths: readonly string[] };
}

export interface BeingMade {
  /** Revisions whose history the new commit will have; empty: none (a first commit). */
  readonly revisions: readonly string[];
  /** Record files (`054.json`) the new commit changes, when its session commit is shown as this one. */
  readonly records: ReadonlySet<string>;
}

/** Where the new commit stands; `repository` is the project root, `sessionsPath` relative to it. */
export async function describeBeingMade(
  beingMade: CommitBeingMade,
  repository: string,
  sessionsPath: string,
): Promise<BeingMade> {
  const sessionsDir = join(repository, sessionsPath);
  const inSessions = existsSync(sessionsDir);
  // --relative from the sessions folder: names come as "054.json", other changes left out.
  const env = beingMade.kind === 'staged' ? beingMade.env : undefined;
  const names = async (args: readonly string[]): Promise<Set<string>> => {
    if (!inSessions) return new Set();
    const result = await runGit([...args], { cwd: sessionsDir, env });
    if (result.code !== 0) return new Set();
    return new Set(splitNul(result.stdout).filter(isRecordName));
  };
  const listed = ['-c', 'core.quotePath=false'];
  if (beingMade.kind === 'made') {
    return {
      revisions: [`${beingMade.commit}^@`],
      records: beingMade.marked
        ? await names([
            ...listed,
            'diff-tree',
            '-r',
            '--root',
            '--no-commit-id',
            '--name-only',
            '--no-renames',
            '-z',
            '--relative',
            beingMade.commit,
          ])
        : new Set(),
    };
  }
  const verified = async (revision: string): Promise<string | undefined> => {
    const result = await runGit(['rev-parse', '-q', '--verify', `${revision}^{commit}`], {
      cwd: repository,
      env,
    });
    return result.code === 0 ? result.stdout.trim() : undefined;
  };
  // Asked at once (each answer is a git process the commit waits for); MERGE_HEAD is only used
  // when not amending.
  const known = beingMade.known;
  const [head, mergeHeadIfAny] = await Promise.all([
    known === undefined ? verified('HEAD') : known.head,
    mayBeMerging(repository, env) ? verified('MERGE_HEAD') : undefined,
  ]);
  const amending = head !== undefined && (await isAmending());
  // An amended commit takes the place of HEAD: its history is HEAD's parents, its changes are
  // counted from the first of them.
  const base = amending ? await verified('HEAD^') : head;
  const mergeHead = amending ? undefined : mergeHeadIfAny;
  const revisions = amending
    ? ['HEAD^@']
    : [...(head === undefined ? [] : ['HEAD']), ...(mergeHead === undefined ? [] : [mergeHead])];
  const diff = [...listed, 'diff', '--cached', '--name-only', '--no-renames', '-z', '--relative'];
  // Not amending, the records changed are those staged against HEAD (or all, before the first
  // commit): the diff the caller already has, when it has one.
  const staged = amending || !inSessions ? undefined : stagedRecords(known, sessionsDir);
  const [records, fromMerged] = await Promise.all([
    !beingMade.marked
      ? new Set<string>()
      : staged !== undefined
        ? staged
        : base !== undefined
          ? names([...diff, base])
          : head === undefined
            ? names(diff) // no commit yet: everything staged is new
            : names([...listed, 'ls-files', '-z']), // amending the first commit
    mergeHead === undefined ? undefined : names([...diff, mergeHead]),
  ]);
  if (fromMerged === undefined) return { revisions, records };
  // Concluding a merge: a record the merged branch brought was made by that branch's commits;
  // only a record that differs from every parent is changed by the merge commit itself.
  return { revisions, records: new Set([...records].filter((name) => fromMerged.has(name))) };
}

/**
 * False only when the git directory is known and holds no MERGE_HEAD (the file git writes while
 * a merge is concluded, never packed): then no git process is started to ask.
 */
function mayBeMerging(
  repository: string,
  env: Readonly<Record<string, string | undefined>> | undefined,
): boolean {
  const named = env?.['GIT_DIR'];
  const gitDir = named === undefined ? findGitDirectory(repository) : resolve(repository, named);
  return gitDir === undefined || existsSync(join(gitDir, 'MERGE_HEAD'));
}

const isRecordName = (name: string): boolean => /^\d{3,}\.json$/.test(name);

/** The record files (`054.json`) directly in the sessions folder among the staged paths. */
function stagedRecords(
  known: KnownRepository | undefined,
  sessionsDir: string,
): Set<string> | undefined {
  if (known?.staged === undefined) return undefined;
  const folder = toSlashes(relative(known.staged.top, sessionsDir));
  const inFolder = folder === '' ? '' : `${folder}/`;
  return new Set(
    known.staged.paths
      .filter((path) => path.startsWith(inFolder))
      .map((path) => path.slice(inFolder.length))
      .filter(isRecordName),
  );
}
