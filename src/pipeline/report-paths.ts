/**
 * Which coverage reports a run reads — the one rule every part of trackgen follows: `--report`
 * or the config's `coverageReport` wins; else project.json's, relative to the data directory
 * that holds it. No schema library here: the run cache, the watch and the pre-commit hook ask
 * before anything is validated.
 */
import { join, resolve } from 'node:path';
import type { Settings } from '../config/settings.js';
import { readIfExistsSync } from '../fs/read-if-exists.js';

/** The paths a `coverageReport` value names: one path or a list; anything else names none. */
export function namedReports(coverageReport: unknown): string[] {
  const configured = Array.isArray(coverageReport) ? coverageReport : [coverageReport];
  return configured.filter((path): path is string => typeof path === 'string');
}

export function reportPaths(settings: Settings, coverageReport: unknown): string[] {
  if (settings.coverageReports !== undefined) return [...settings.coverageReports];
  return namedReports(coverageReport).map((path) => resolve(settings.dataDir, path));
}

/** The same from project.json's text as it is, unvalidated (a BOM is tolerated, as validation does). */
export function unvalidatedReportPaths(settings: Settings): string[] {
  if (settings.coverageReports !== undefined) return [...settings.coverageReports];
  return reportPaths(settings, coverageReportOf(projectText(settings)));
}

/** project.json's `coverageReport` as written, from its text; undefined when it does not parse. */
export function coverageReportOf(projectJson: string | undefined): unknown {
  if (projectJson === undefined) return undefined;
  try {
    const project = JSON.parse(projectJson.replace(/^\uFEFF/, '')) as unknown;
    return project !== null && typeof project === 'object'
      ? (project as { coverageReport?: unknown }).coverageReport
      : undefined;
  } catch {
    return undefined;
  }
}

function projectText(settings: Settings): string | undefined {
  try {
    return readIfExistsSync(join(settings.dataDir, 'project.json'));
  } catch {
    return undefined;
  }
}
