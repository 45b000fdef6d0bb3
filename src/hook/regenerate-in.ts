/**
 * The hook's run in the temporary copy of what is staged: load the staged config, render and
 * merge every document for the commit being made, then write and stage those that changed.
 */
import { join, relative } from 'node:path';
import { loadSettings } from '../config/load.js';
import { diagnosticLines } from '../diagnostic-lines.js';
import { hasErrors } from '../diagnostics.js';
import type { KnownRepository } from '../git/being-made.js';
import type { RepoLocation } from '../git/repository.js';
import { gitOutput, runGit, splitNul, type GitOptions } from '../git/run.js';
import { conflictCount, conflictLines } from '../pipeline/describe.js';
import { reportCache } from '../pipeline/cache/report-cache.js';
import { cacheDirectory } from '../pipeline/cache/store.js';
import { planDocuments } from '../pipeline/plan.js';
import { dataOnlyPaths } from '../pipeline/output-paths.js';
import { plural } from '../text/plural.js';
import { writeFilesAtomically } from '../write/index.js';
import { materialiseReports } from './materialise.js';
import { unstagedEdits } from './unstaged-edits.js';
import { differingEntries, partialCommit, stageInRealIndex } from './partial-commit.js';
import { BLOCKED, done, refused, type HookOutcome } from './outcome.js';

export async function regenerateIn(
  temp: string,
  copied: ReadonlySet<string>,
  atTop: GitOptions,
  location: RepoLocation,
  known: KnownRepository,
): Promise<HookOutcome> {
  const { top, prefix } = location;

  const projectDir = join(temp, prefix);
  // The copy has no .git: the search for a config stops at the project's folder, never above it.
  const settingsResult = loadSettings(projectDir, {}, projectDir);
  if (settingsResult.settings === undefined) {
    return refused([
      ...diagnosticLines(
        settingsResult.diagnostics.map((diagnostic) => ({
          ...diagnostic,
          file: `${prefix}${diagnostic.file}`,
        })),
      ),
      `${BLOCKED}: fix the configuration above and stage it`,
    ]);
  }
  const settings = settingsResult.settings;
  await materialiseReports(temp, settings, copied, atTop);

  // Shown paths are relative to the temporary top, which is the repository's top. Git history
  // (the commits log) is looked up in the real project, not in the temporary copy: the option
  // `repository` is the one planDocuments takes for that (ignored by a pipeline without it).
  // The staged session commit is the commit being made: "this commit", not TBD.
  // The report the real project's runs read last is reused from its run cache when unchanged.
  const cacheDir = cacheDirectory(join(top, prefix), atTop.env ?? process.env);
  const planOptions = {
    cwd: temp,
    repository: join(top, prefix),
    beingMade: { kind: 'staged', marked: true, env: atTop.env, known },
    ...(cacheDir === undefined ? {} : { reportCache: reportCache(cacheDir) }),
  } as const;
  const plan = await planDocuments(settings, planOptions);
  const problems = diagnosticLines(plan.diagnostics);
  if (!plan.valid)
    return refused([
      ...problems,
      `${BLOCKED}: the staged data or templates have problems (above); fix them, git add the files, and commit again`,
    ]);
  const conflicts = conflictCount(plan);
  if (conflicts > 0)
    return refused([
      ...problems,
      ...conflictLines(plan),
      `${BLOCKED}: ${plural(conflicts, 'hand edit')} in generated sections conflict with the staged data; run one of the commands above in ${prefix === '' ? 'the repository' : prefix}, git add the document, and commit again`,
    ]);
  const unwritable = plan.files.filter((file) => file.merge.content === null);
  if (unwritable.length > 0 || hasErrors(plan.diagnostics))
    return refused([
      ...problems,
      `${BLOCKED}: ${unwritable.length > 0 ? `${unwritable.map((file) => file.shownAs).join(', ')} cannot be regenerated` : 'problems found'} (see above)`,
    ]);

  const changed = plan.files.filter((file) => file.merge.changed);
  if (changed.length === 0) return done([], problems);
  // Up to three questions to git at once: each is a process start the commit waits for.
  const paths = changed.map((file) => file.shownAs);
  const [refusals, ignored, partial] = await Promise.all([
    unstagedEdits(changed, { temp, top }, atTop),
    // git add refuses ignored paths: say so before anything is written, not after. A file the
    // index tracks is never refused, so only the others are asked about.
    ignoredPaths(
      paths.filter((path) => !copied.has(path)),
      atTop,
    ),
    partialCommit(atTop),
  ]);
  if (refusals.length > 0) {
    const one = refusals.length === 1;
    return refused([
      ...problems,
      ...refusals,
      `${BLOCKED}: the staged data changes ${plural(refusals.length, 'document')} that ${one ? 'has' : 'have'} unstaged edits, and the hook never stages your edits for you; git add (or git restore) ${one ? 'it' : 'them'} first, or run trackgen generate and review the result`,
    ]);
  }
  if (ignored.length > 0)
    return refused([
      ...problems,
      `${BLOCKED}: ${ignored.join(', ')} ${ignored.length === 1 ? 'is' : 'are'} ignored by git (.gitignore), so the hook cannot stage ${ignored.length === 1 ? 'it' : 'them'}; nothing written. Stop ignoring the documents (or git add -f them once), or uninstall the hook`,
    ]);
  // The plan's paths are in the temporary copy; its bounds, moved to the real project, guard
  // the writes against symlinks leading out of it or into the data folder.
  const real = (path: string): string => join(top, relative(temp, path));
  const differing = partial === undefined ? [] : await differingEntries(partial, paths, atTop);
  if (differing.length > 0)
    return refused([
      ...problems,
      `${BLOCKED}: git commit with paths commits only the files named, and the index holds another version of ${differing.join(', ')} than that commit: the regenerated documents would be committed but not staged, and the next commit would revert them; git add the files, then run git commit without paths`,
    ]);
  writeFilesAtomically(
    changed.map((file) => ({ path: join(top, file.shownAs), content: file.merge.content ?? '' })),
    { bounds: { inside: real(settings.root), notInside: dataOnlyPaths(settings).map(real) } },
  );
  await gitOutput(['--literal-pathspecs', 'add', '--', ...paths], atTop);
  // git keeps its real index after a commit with paths: it must hold the documents too.
  if (partial !== undefined) await stageInRealIndex(partial, paths, atTop);
  return done(
    [
      `trackgen: regenerated from the staged data and staged ${changed.map((file) => file.shownAs).join(', ')}`,
    ],
    problems,
  );
}

/** The paths (untracked ones; tracked files are never ignored) that git add would refuse. */
async function ignoredPaths(paths: readonly string[], atTop: GitOptions): Promise<string[]> {
  if (paths.length === 0) return [];
  const result = await runGit(['check-ignore', '-z', '--stdin'], {
    ...atTop,
    input: paths.map((path) => `${path}\0`).join(''),
  });
  // Exit 1: none ignored; 128: git could not tell (the add will say why).
  return result.code === 0 ? splitNul(result.stdout) : [];
}
