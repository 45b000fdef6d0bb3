/**
 * The hook's full path, loaded only when the staged change touches an input: materialise the
 * staged inputs and documents into a temporary folder, run the pipeline there (so the docs are
 * made from what will be committed, not from the working tree), then write and stage the
 * documents that changed — unless that would stage something behind the person's back.
 */
import { cp, mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { printConflicts } from '../cli/print-plan.js';
import { plural, printDiagnostics } from '../cli/print-diagnostics.js';
import {
  EXIT_OK,
  EXIT_PROBLEMS,
  EXIT_USAGE,
  writeLine,
  type CliContext,
  type OutputStream,
} from '../cli/io.js';
import { loadSettings } from '../config/load.js';
import { hasErrors, UsageError } from '../diagnostics.js';
import { planDocuments, type PlannedFile } from '../pipeline/plan.js';
import { unvalidatedReportPaths } from '../pipeline/report-paths.js';
import { writeFilesAtomically } from '../write/index.js';
import { git, gitRaw, splitNul, type RepoLocation } from './git.js';
import type { ProjectInputs } from './inputs.js';

const BLOCKED = 'trackgen: commit blocked';

export async function regenerateStaged(
  context: CliContext,
  location: RepoLocation,
  project: ProjectInputs,
): Promise<number> {
  const temp = await realpath(await mkdtemp(join(tmpdir(), 'trackgen-hook-')));
  // Messages name the repository's files, never the temporary copy.
  const rewrite = (text: string) =>
    text.split(`${temp}${sep}`).join('').split(temp).join(location.top);
  const stdout = rewriting(context.stdout, rewrite);
  const stderr = rewriting(context.stderr, rewrite);
  try {
    return await regenerateIn(temp, { ...context, stdout, stderr }, location, project);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    writeLine(stderr, `trackgen hook: ${error.message}`);
    writeLine(stderr, `${BLOCKED} (run trackgen generate to see the problem in the working tree)`);
    return EXIT_USAGE;
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

async function regenerateIn(
  temp: string,
  context: CliContext,
  location: RepoLocation,
  project: ProjectInputs,
): Promise<number> {
  const { top, prefix } = location;
  const atTop = { cwd: top, env: context.env };
  const copied = await materialise(temp, [...project.inputs, project.outDir], atTop);

  const projectDir = join(temp, prefix);
  const settingsResult = loadSettings(projectDir, {});
  if (settingsResult.settings === undefined) {
    printDiagnostics(
      context.stderr,
      settingsResult.diagnostics.map((diagnostic) => ({
        ...diagnostic,
        file: `${prefix}${diagnostic.file}`,
      })),
    );
    writeLine(context.stderr, `${BLOCKED}: fix the configuration above and stage it`);
    return EXIT_PROBLEMS;
  }
  const settings = settingsResult.settings;
  // project.json names the report; a report git does not track (coverage.xml is often ignored) is
  // taken from the working tree, as trackgen generate would.
  const reports = unvalidatedReportPaths(settings).map((path) =>
    relative(temp, path).split(sep).join('/'),
  );
  await materialise(
    temp,
    reports.filter((path) => !copied.has(path)),
    atTop,
    { fromWorkingTree: true },
  );

  // Shown paths are relative to the temporary top, which is the repository's top. Git history
  // (the commits log) is looked up in the real project, not in the temporary copy: the option
  // `repository` is the one planDocuments takes for that (ignored by a pipeline without it).
  const planOptions = { cwd: temp, repository: join(top, prefix) };
  const plan = await planDocuments(settings, planOptions);
  printDiagnostics(context.stderr, plan.diagnostics);
  if (!plan.valid) {
    writeLine(
      context.stderr,
      `${BLOCKED}: the staged data or templates have problems (above); fix them, git add the files, and commit again`,
    );
    return EXIT_PROBLEMS;
  }
  const conflicts = plan.files.reduce((sum, file) => sum + file.merge.conflicts.length, 0);
  if (conflicts > 0) {
    printConflicts(context.stderr, plan);
    writeLine(
      context.stderr,
      `${BLOCKED}: ${plural(conflicts, 'hand edit')} in generated sections conflict with the staged data; run one of the commands above in ${prefix === '' ? 'the repository' : prefix}, git add the document, and commit again`,
    );
    return EXIT_PROBLEMS;
  }
  const unwritable = plan.files.filter((file) => file.merge.content === null);
  if (unwritable.length > 0 || hasErrors(plan.diagnostics)) {
    writeLine(
      context.stderr,
      `${BLOCKED}: ${unwritable.length > 0 ? `${unwritable.map((file) => file.shownAs).join(', ')} cannot be regenerated` : 'problems found'} (see above)`,
    );
    return EXIT_PROBLEMS;
  }

  const changed = plan.files.filter((file) => file.merge.changed);
  if (changed.length === 0) return EXIT_OK;
  const refusals = await unstagedEdits(changed, top, atTop);
  if (refusals.length > 0) {
    for (const refusal of refusals) writeLine(context.stderr, refusal);
    writeLine(
      context.stderr,
      `${BLOCKED}: the staged data changes ${plural(refusals.length, 'document')} that ${refusals.length === 1 ? 'has' : 'have'} unstaged edits, and the hook never stages your edits for you; git add (or git restore) ${refusals.length === 1 ? 'it' : 'them'} first, or run trackgen generate and review the result`,
    );
    return EXIT_PROBLEMS;
  }
  await writeFilesAtomically(
    changed.map((file) => ({ path: join(top, file.shownAs), content: file.merge.content ?? '' })),
  );
  await git(['--literal-pathspecs', 'add', '--', ...changed.map((file) => file.shownAs)], atTop);
  writeLine(
    context.stdout,
    `trackgen: regenerated from the staged data and staged ${changed.map((file) => file.shownAs).join(', ')}`,
  );
  return EXIT_OK;
}

/**
 * Copies the index's version of every file under `paths` (files, or folders ending in "/") to
 * `temp`, keeping repository-relative paths. With `fromWorkingTree`, a path the index does not
 * have is copied from the working tree when it exists there.
 */
async function materialise(
  temp: string,
  paths: readonly string[],
  atTop: { cwd: string; env: CliContext['env'] },
  options: { fromWorkingTree?: boolean } = {},
): Promise<Set<string>> {
  const inside = paths.filter((path) => path !== '' && !path.startsWith('../') && path !== '..');
  if (inside.length === 0) return new Set();
  const listed = splitNul(
    await git(['--literal-pathspecs', 'ls-files', '-z', '--', ...inside], atTop),
  );
  if (listed.length > 0)
    await git(['checkout-index', '-z', '--stdin', `--prefix=${temp}${sep}`], {
      ...atTop,
      input: listed.map((path) => `${path}\0`).join(''),
    });
  const tracked = new Set(listed);
  if (options.fromWorkingTree !== true) return tracked;
  for (const path of inside) {
    if (tracked.has(path)) continue;
    await cp(join(atTop.cwd, path), join(temp, path), { recursive: true }).catch(() => undefined);
  }
  return tracked;
}

/**
 * Documents the hook would write whose working-tree file is not the staged one: writing would
 * destroy the unstaged edit, and staging it would commit what the person did not stage.
 */
async function unstagedEdits(
  changed: readonly PlannedFile[],
  top: string,
  atTop: { cwd: string; env: CliContext['env'] },
): Promise<string[]> {
  const paths = changed.map((file) => file.shownAs);
  const modified = new Set(
    splitNul(
      (
        await gitRaw(
          ['--literal-pathspecs', 'diff', '--name-only', '-z', '--no-relative', '--', ...paths],
          atTop,
        )
      ).stdout,
    ),
  );
  const refusals: string[] = [];
  for (const file of changed) {
    if (modified.has(file.shownAs)) {
      refusals.push(
        `${file.shownAs}: has unstaged changes (the working tree differs from what is staged): not regenerated, not staged`,
      );
      continue;
    }
    if (file.existing !== undefined) continue;
    // Not in the index: a file in the working tree is someone's, unless it is exactly the rendering.
    const onDisk = await readFile(join(top, file.shownAs), 'utf8').catch(() => undefined);
    if (onDisk !== undefined && onDisk !== file.merge.content) {
      refusals.push(
        `${file.shownAs}: exists in the working tree but is not staged (untracked): not overwritten; git add it, or move it away`,
      );
    }
  }
  return refusals;
}

function rewriting(stream: OutputStream, rewrite: (text: string) => string): OutputStream {
  return { write: (chunk: string) => stream.write(rewrite(chunk)) };
}
