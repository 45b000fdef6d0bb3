/**
 * Copies what the index holds (the staged inputs, documents and reports) into the hook's
 * temporary folder, with git's own checkout, so a run there sees what will be committed.
 */
import { rmSync } from 'node:fs';
import { cp, mkdtemp, realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import type { Settings } from '../config/settings.js';
import { gitOutput, splitNul, type GitOptions } from '../git/run.js';
import { unvalidatedReportPaths } from '../pipeline/report-paths.js';
import { toSlashes } from '../text/paths.js';

/**
 * Runs `use` on a new temporary folder (named `prefix`…) for a copy of what is staged, and
 * removes the folder afterwards. `rewrite` makes a message name the repository's files, never
 * the temporary copy.
 */
export async function inTemporaryCopy<T>(
  prefix: string,
  top: string,
  use: (temp: string, rewrite: (line: string) => string) => Promise<T>,
): Promise<T> {
  const temp = await realpath(await mkdtemp(join(tmpdir(), prefix)));
  const rewrite = (line: string) => line.split(`${temp}${sep}`).join('').split(temp).join(top);
  try {
    return await use(temp, rewrite);
  } finally {
    // At once: a promise per file removed costs the commit a thread-pool round trip each.
    rmSync(temp, { recursive: true, force: true });
  }
}

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

export interface MaterialiseOptions {
  /** A path the index does not have is copied from the working tree when it exists there. */
  readonly fromWorkingTree?: boolean;
  /**
   * Called once git's checkout has started (or at once when there is nothing to check out): work
   * started there, such as loading code, runs while git copies instead of delaying its start.
   */
  readonly whileCopying?: () => void;
}

/**
 * Copies the index's version of every file under `paths` (files, or folders ending in "/") to
 * `temp`, keeping repository-relative paths.
 */
export async function materialise(
  temp: string,
  paths: readonly string[],
  atTop: GitOptions,
  options: MaterialiseOptions = {},
): Promise<Set<string>> {
  const inside = paths.filter((path) => path !== '' && !path.startsWith('../') && path !== '..');
  const listed =
    inside.length === 0
      ? []
      : splitNul(
          await gitOutput(['--literal-pathspecs', 'ls-files', '-z', '--', ...inside], atTop),
        );
  const copying =
    listed.length === 0
      ? undefined
      : gitOutput(['checkout-index', '-z', '--stdin', `--prefix=${temp}${sep}`], {
          ...atTop,
          input: listed.map((path) => `${path}\0`).join(''),
        });
  options.whileCopying?.();
  await copying;
  const tracked = new Set(listed);
  if (options.fromWorkingTree !== true) return tracked;
  for (const path of inside) {
    if (tracked.has(path)) continue;
    await cp(join(atTop.cwd, path), join(temp, path), { recursive: true }).catch(() => undefined);
  }
  return tracked;
}
