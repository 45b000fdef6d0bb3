import { readCoverageReports, type CoverageReport, type ReadOptions } from '../coverage/index.js';
import { UsageError } from '../diagnostics.js';
import { InputProblem } from '../exit-codes.js';
import { relative, resolve } from 'node:path';
import type { Settings } from '../config/settings.js';
import { reportPaths } from '../pipeline/report-paths.js';
import { toSlashes } from '../text/paths.js';

/**
 * The reports a command was pointed at. One that is missing or unreadable is a problem in the
 * user's input (exit 1), wherever it was named: on the command line, in the config or in
 * project.json.
 */
export function readReports(
  paths: readonly string[],
  shown: readonly string[],
  options: ReadOptions = {},
): CoverageReport {
  try {
    return readCoverageReports(paths, shown, options);
  } catch (error) {
    if (error instanceof UsageError) throw new InputProblem(error.message);
    throw error;
  }
}

/**
 * The report a session command reads: REPORT arguments, else the config's or project.json's
 * coverageReport; undefined when none is named.
 */
export function sessionReport(
  cwd: string,
  settings: Settings,
  coverageReport: unknown,
  positionals: readonly string[],
): CoverageReport | undefined {
  const paths =
    positionals.length > 0
      ? positionals.map((file) => resolve(cwd, file))
      : reportPaths(settings, coverageReport);
  if (paths.length === 0) return undefined;
  return readReports(
    paths,
    paths.map((file) => toSlashes(relative(cwd, file))),
  );
}

/** Today's date where the command runs, YYYY-MM-DD. */
export function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
