/** What `generate --watch` watches: the data, your templates, the config file and the coverage report(s). */
import { readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parse } from 'jsonc-parser';
import { CONFIG_FILE, type Settings } from '../config/load.js';
import { PROJECT_FILE } from '../data/load.js';
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
    ...reportFiles(settings),
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

/** The report(s) the next run will read: from the config or flags, else project.json's (read leniently: it may be mid-edit). */
export function reportFiles(settings: Settings): string[] {
  if (settings.coverageReports !== undefined) return [...settings.coverageReports];
  try {
    const value = parse(readFileSync(join(settings.dataDir, PROJECT_FILE), 'utf8')) as
      { coverageReport?: unknown } | undefined;
    const configured = value?.coverageReport;
    const list = Array.isArray(configured) ? configured : [configured];
    return list
      .filter((path): path is string => typeof path === 'string')
      .map((path) => resolve(settings.dataDir, path));
  } catch {
    return [];
  }
}
