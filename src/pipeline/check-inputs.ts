/**
 * Every file and folder a check reads, for the check cache: the config candidates, the records
 * and their folder's listing, the coverage report(s), the templates (built-in and the user's)
 * and the documents themselves. Listing more than is read only costs a hash.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONFIG_FILE, DEFAULTS, type Settings } from '../config/load.js';
import { PROJECT_FILE, SESSIONS_DIR } from '../data/load.js';
import { BUILT_IN_TEMPLATES } from '../render/templates.js';
import type { CheckInputs } from './check-cache.js';
import type { Plan } from './plan.js';

export function checkInputs(cwd: string, settings: Settings, plan: Plan): CheckInputs {
  const files = [join(cwd, CONFIG_FILE), join(cwd, 'package.json'), join(settings.dataDir, PROJECT_FILE)];
  const sessionsDir = join(settings.dataDir, SESSIONS_DIR);
  const dirs = [settings.dataDir, sessionsDir];
  files.push(...listed(sessionsDir).filter((name) => name.toLowerCase().endsWith('.json')).map((name) => join(sessionsDir, name)));
  files.push(...reportFiles(settings));
  for (const templates of new Set([BUILT_IN_TEMPLATES.replace(/[\\/]$/, ''), resolve(cwd, DEFAULTS.templates), ...(settings.templatesDir === undefined ? [] : [settings.templatesDir])])) {
    for (const dir of [templates, join(templates, 'partials')]) {
      dirs.push(dir);
      files.push(...listed(dir).filter((name) => name.endsWith('.hbs')).map((name) => join(dir, name)));
    }
  }
  files.push(...plan.files.map((file) => file.path));
  return { files, dirs };
}

function reportFiles(settings: Settings): string[] {
  if (settings.coverageReports !== undefined) return [...settings.coverageReports];
  try {
    const configured = (JSON.parse(readFileSync(join(settings.dataDir, PROJECT_FILE), 'utf8').replace(/^\uFEFF/, '')) as { coverageReport?: unknown }).coverageReport;
    const paths = typeof configured === 'string' ? [configured] : Array.isArray(configured) ? configured.filter((path): path is string => typeof path === 'string') : [];
    return paths.map((path) => resolve(settings.dataDir, path));
  } catch {
    return [];
  }
}

function listed(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
