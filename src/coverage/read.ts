import { buildReport } from './build-report.js';
import { mergeRawReports } from './merge.js';
import { readRawReport } from './read-report.js';
import type { CoverageReport } from './types.js';

/**
 * Reads one report file (Cobertura XML or coverage.py JSON, recognised by content) into a
 * CoverageReport. Throws ReportFileError (a UsageError: one line, file:line:column) for any
 * problem with the file.
 */
export function readCoverageReport(path: string, displayName: string = path): CoverageReport {
  return buildReport(readRawReport(path, displayName));
}

/** Reads several reports of the same code (split CI jobs) and merges them by file and line. */
export function readCoverageReports(
  paths: readonly string[],
  displayNames: readonly string[] = paths,
): CoverageReport {
  const raws = paths.map((path, index) => readRawReport(path, displayNames[index] ?? path));
  return buildReport(
    mergeRawReports(raws),
    raws.map((raw) => raw.source),
  );
}
