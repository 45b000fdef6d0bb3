/**
 * Which coverage reports a run reads: `--report` or the config's `coverageReport` wins; else
 * project.json's, relative to the data directory that holds it. No schema library here: the run
 * cache and the pre-commit hook ask before anything is validated.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Settings } from '../config/settings.js';

export function reportPaths(settings: Settings, coverageReport: unknown): string[] {
  if (settings.coverageReports !== undefined) return [...settings.coverageReports];
  const configured = Array.isArray(coverageReport)
    ? coverageReport
    : coverageReport === undefined
      ? []
      : [coverageReport];
  return configured
    .filter((path): path is string => typeof path === 'string')
    .map((path) => resolve(settings.dataDir, path));
}

/** The same from project.json's text as it is, unvalidated (a BOM is tolerated, as validation does). */
export function unvalidatedReportPaths(settings: Settings): string[] {
  if (settings.coverageReports !== undefined) return [...settings.coverageReports];
  try {
    const project = JSON.parse(
      readFileSync(join(settings.dataDir, 'project.json'), 'utf8').replace(/^\uFEFF/, ''),
    ) as unknown;
    return reportPaths(
      settings,
      project !== null && typeof project === 'object'
        ? (project as { coverageReport?: unknown }).coverageReport
        : undefined,
    );
  } catch {
    return [];
  }
}
