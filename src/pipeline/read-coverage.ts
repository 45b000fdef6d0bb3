/**
 * Finds and reads the coverage report(s): a flag or the config file wins over project.json.
 * A missing or unreadable report is a positioned problem in the file that named it.
 */
import type { Settings } from '../config/settings.js';
import type { CoverageReport } from '../coverage/figures/report.js';
import { pathsMatch } from '../coverage/figures/naming.js';
import { restoreReport, storeReport } from '../coverage/figures/stored-report.js';
import type { ReportCache, ReportRequest } from './cache/report-cache.js';
import { locate } from '../data/json-text.js';
import type { ProjectData } from '../data/load.js';
import { UsageError, type Diagnostic } from '../diagnostics.js';
import { reportPaths } from './report-paths.js';
import { shownPath } from '../text/paths.js';

/**
 * With a cache, a report whose bytes (and the sources read beside it) are as the last run found
 * them is not read again: neither the readers nor the XML parser are even loaded.
 */
export async function readProjectCoverage(
  settings: Settings,
  data: ProjectData,
  cwd: string,
  cache?: ReportCache,
): Promise<{ report: CoverageReport | undefined; diagnostics: Diagnostic[] }> {
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
    const tracked = [
      ...new Set(
        data.project.phases.flatMap((phase) => (phase.modules ?? []).map((module) => module.path)),
      ),
    ].sort();
    const request: ReportRequest = { paths, shownAs: shown, tracked };
    const stored = cache?.lookUp(request);
    if (stored !== undefined) {
      const report = restoreReport(stored);
      return { report, diagnostics: [...report.warnings] };
    }
    const { readCoverageReports } = await import('../coverage/read.js');
    const wanted: string[] = [];
    // Only the tracked modules' missing ranges are named, so only their sources are looked up.
    const report = readCoverageReports(paths, shown, {
      sourcesFor: (path) => {
        const isTracked = tracked.some((module) => pathsMatch(path, module));
        if (isTracked) wanted.push(path);
        return isTracked;
      },
    });
    // A timestamp judged against today (one in the future) may read otherwise tomorrow.
    if (!report.warnings.some((warning) => warning.rule === 'report-time'))
      cache?.remember(request, storeReport(report), wanted);
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
