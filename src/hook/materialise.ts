/**
 * Copies what the index holds (the staged inputs, documents and reports) into the hook's
 * temporary folder, with git's own checkout, so a run there sees what will be committed.
 */
import { cp } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Settings } from '../config/settings.js';
import { gitOutput, splitNul, type GitOptions } from '../git/run.js';
import { unvalidatedReportPaths } from '../pipeline/report-paths.js';
import { toSlashes } from '../text/paths.js';

/**
 * The reports the settings name, into the copy: project.json names the report, and one git does
 * not track (coverage.xml is often ignored) is taken from the working tree, as generate would.
 */
export async function materialiseReports(
  temp: string,
  settings: Settings,
  copied: ReadonlySet<string>,
  atTop: GitOptions,
): Promise<void> {
  const reports = unvalidatedReportPaths(settings).map((path) => toSlashes(relative(temp, path)));
  await materialise(
    temp,
    reports.filter((path) => !copied.has(path)),
    atTop,
    { fromWorkingTree: true },
  );
}

/**
 * Copies the index's version of every file under `paths` (files, or folders ending in "/") to
 * `temp`, keeping repository-relative paths. With `fromWorkingTree`, a path the index does not
 * have is copied from the working tree when it exists there.
 */
export async function materialise(
  temp: string,
  paths: readonly string[],
  atTop: GitOptions,
  options: { fromWorkingTree?: boolean } = {},
): Promise<Set<string>> {
  const inside = paths.filter((path) => path !== '' && !path.startsWith('../') && path !== '..');
  if (inside.length === 0) return new Set();
  const listed = splitNul(
    await gitOutput(['--literal-pathspecs', 'ls-files', '-z', '--', ...inside], atTop),
  );
  if (listed.length > 0)
    await gitOutput(['checkout-index', '-z', '--stdin', `--prefix=${temp}${sep}`], {
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
