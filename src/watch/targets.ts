/**
 * What `generate --watch` watches: exactly what a run reads — the data directory, your templates,
 * the config (and every place a config would be found instead) and the coverage report(s), by the
 * one rule for which reports a run reads. What trackgen writes itself (the documents in outDir,
 * the run cache) is never watched, so a run cannot set off another.
 */
import { basename, join, sep } from 'node:path';
import { CONFIG_FILE, findConfig, type Settings } from '../config/settings.js';
import { cacheDirectory } from '../pipeline/cache/store.js';
import { unvalidatedReportPaths } from '../pipeline/report-paths.js';
import { shownPath } from '../text/paths.js';
import { isWithin } from './paths.js';
import type { WatchTargets } from './watch.js';

/** Editors' backup and swap files, sed's and trackgen's own temporary files are not saves. */
const isNoise = (name: string) =>
  /^(\.trackgen-tmp-|\.#|#|sed[A-Za-z0-9]{6}$)|~$|\.sw[a-p]$/.test(name);

/** Each folder the config was looked for in can hold one that would be found instead. */
function configCandidates(cwd: string): string[] {
  return findConfig(cwd).searched.flatMap((dir) => [
    join(dir, CONFIG_FILE),
    join(dir, 'package.json'),
  ]);
}

/** Until the config is readable, only the config (wherever it may be found) is watched. */
export function configTargets(cwd: string): WatchTargets {
  const files = configCandidates(cwd);
  return { dirs: [], files, counts: (path) => files.includes(path), ignored: () => false };
}

export function watchTargets(
  settings: Settings,
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
): WatchTargets {
  const { dataDir, templatesDir, outDir } = settings;
  const files = [...configCandidates(cwd), ...unvalidatedReportPaths(settings)];
  const own = [outDir, cacheDirectory(settings.root, env)].filter(
    (dir): dir is string => dir !== undefined,
  );
  const ignored = (path: string) =>
    own.some((dir) => isWithin(dir, path)) ||
    // Never inputs, and large: a data folder that is the project's root must not walk them.
    path.split(sep).some((part) => part === '.git' || part === 'node_modules');
  const counts = (path: string) => {
    if (ignored(path)) return false;
    // A watched folder or file appearing or going: the run says what is missing, or runs again.
    if (path === dataDir || path === templatesDir || files.includes(path)) return true;
    if (isNoise(basename(path))) return false;
    if (isWithin(dataDir, path)) return /\.(json|xml)$/i.test(path);
    return templatesDir !== undefined && isWithin(templatesDir, path) && /\.hbs$/i.test(path);
  };
  return {
    dirs: templatesDir === undefined ? [dataDir] : [dataDir, templatesDir],
    files,
    counts,
    ignored,
  };
}

/** What the `watching …` line lists, from the cwd: the folders, the config, reports elsewhere. */
export function watchedSummary(settings: Settings, cwd: string): string[] {
  const shown = (path: string) => shownPath(cwd, path);
  const dirs = [settings.dataDir, settings.templatesDir].flatMap((dir) =>
    dir === undefined ? [] : [`${shown(dir)}/`],
  );
  const reports = unvalidatedReportPaths(settings).filter(
    (path) => !isWithin(settings.dataDir, path),
  );
  return [...dirs, shown(settings.configFile ?? join(cwd, CONFIG_FILE)), ...reports.map(shown)];
}
