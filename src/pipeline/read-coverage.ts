/**
 * Finds and reads the coverage report(s): a flag or the config file wins over project.json.
 * A missing or unreadable report is a positioned problem in the file that named it.
 */
import type { Settings } from '../config/settings.js';
import { pathsMatch, readCoverageReports, type CoverageReport } from '../coverage/index.js';
import { locate } from '../data/json-text.js';
import type { ProjectData } from '../data/load.js';
import { UsageError, type Diagnostic } from '../diagnostics.js';
import { reportPaths } from './report-paths.js';
import { shownPath } from '../text/paths.js';

export function readProjectCoverage(
  settings: Settings,
  data: ProjectData,
  cwd: string,
): { report: CoverageReport | undefined; diagnostics: Diagnostic[] } {
  const paths = reportPaths(settings, data.project.coverageReport);
  if (paths.length === 0) {
    const source = data.projectSource;
    return {
      report: undefined,
      diagnostics: [
        {
          file: source.file,
          line: 1,
          column: 1,
          severity: 'warning',
          rule: 'no-report',
          message:
            'expected "coverageReport" naming a coverage report, found none: figures a report gives show as n/a',
        },
      ],
    };
  }
  const shown = paths.map((path) => shownPath(cwd, path));
  try {
    const tracked = data.project.phases.flatMap((phase) =>
      (phase.modules ?? []).map((module) => module.path),
    );
    // Only the tracked modules' missing ranges are named, so only their sources are looked up.
    const report = readCoverageReports(paths, shown, {
      sourcesFor: (path) => tracked.some((module) => pathsMatch(path, module)),
    });
    return { report, diagnostics: [...report.warnings] };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    // The report's own message names the report (and its line:column); attach it where the report was named.
    const namedIn = settings.coverageReports === undefined ? data.projectSource : undefined;
    const place =
      namedIn === undefined
        ? { line: 1, column: 1 }
        : namedIn.lines.position(locate(namedIn, ['coverageReport']).offset);
    return {
      report: undefined,
      // Named by a flag or the config: the report itself is the file in question.
      diagnostics: [
        {
          file: namedIn?.file ?? shown[0] ?? 'coverage report',
          ...place,
          severity: 'error',
          rule: 'coverage-report',
          message: error.message,
        },
      ],
    };
  }
}
