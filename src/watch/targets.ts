/** What `generate --watch` watches: the data, your templates, the config file and the coverage report(s). */
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { CONFIG_FILE, type Settings } from '../config/settings.js';
import { unvalidatedReportPaths } from '../pipeline/report-paths.js';
import type { WatchTarget } from './watch.js';

/** Editors' backup and swap files, and trackgen's own temporary files, are not saves. */
const isNoise = (name: string) => /(^|\/)(\.trackgen-tmp-|\.#|#)|~$|\.sw[a-p]$/.test(name);

/** Whether a path lies inside a directory: not above it, not on another drive, not a sibling named "..x". */
function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

export function watchTargets(settings: Settings, cwd: string): WatchTarget[] {
  const outside = (dir: string) => (name: string) => {
    const path = join(dir, name);
    const inOut = isInside(settings.outDir, path);
    return !inOut && !isNoise(name);
  };
  const targets: WatchTarget[] = [
    {
      dir: settings.dataDir,
      recursive: true,
      accept: (name) => /\.(json|xml)$/i.test(name) && outside(settings.dataDir)(name),
    },
  ];
  if (settings.templatesDir !== undefined) {
    targets.push({
      dir: settings.templatesDir,
      recursive: true,
      accept: (name) => /\.hbs$/i.test(name) && outside(settings.templatesDir ?? '')(name),
    });
  }
  const configDir = settings.configFile === undefined ? cwd : dirname(settings.configFile);
  const files = [
    join(configDir, CONFIG_FILE),
    join(configDir, 'package.json'),
    ...unvalidatedReportPaths(settings),
  ];
  const byDir = new Map<string, Set<string>>();
  for (const file of files) {
    if (isInside(settings.dataDir, file)) continue;
    const names = byDir.get(dirname(file)) ?? new Set<string>();
    names.add(basename(file));
    byDir.set(dirname(file), names);
  }
  for (const [dir, names] of byDir)
    targets.push({ dir, recursive: false, accept: (name) => names.has(name) });
  return targets;
}
