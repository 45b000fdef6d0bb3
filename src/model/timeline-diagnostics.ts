/** What placing the report in time tells the user, each said once per run. */
import { locate, type JsonPath, type ParsedJson } from '../data/json-text.js';
import type { ProjectData } from '../data/load.js';
import type { CoverageReport } from '../coverage/index.js';
import type { Diagnostic } from '../diagnostics.js';
import { plural } from '../text/plural.js';
import type { Timeline } from './timeline.js';
import type { ModuleView } from './types.js';

export function timelineDiagnostics(
  input: { readonly data: ProjectData; readonly report: CoverageReport | undefined },
  timeline: Timeline,
  modules: readonly ModuleView[],
): Diagnostic[] {
  const { report, data } = input;
  if (report === undefined) return [];
  const diagnostics: Diagnostic[] = [];
  const at = (source: ParsedJson, path: JsonPath) => {
    try {
      return { file: source.file, ...source.lines.position(locate(source, path).offset) };
    } catch {
      return { file: source.file, line: 1, column: 1 };
    }
  };
  // Where the report is named: project.json's coverageReport, else the report itself.
  const place =
    data.project.coverageReport === undefined
      ? { file: report.sources[0] ?? report.source, line: 1, column: 1 }
      : at(data.projectSource, ['coverageReport']);
  const warn = (rule: Diagnostic['rule'], message: string) =>
    diagnostics.push({ ...place, severity: 'warning', rule, message });

  if (report.time === undefined && timeline.latestSessionDate !== null)
    warn(
      'untimed-report',
      `${report.source} has no timestamp: treated as current (taken after the latest session, ${timeline.latestSessionDate})`,
    );
  if (timeline.stale && timeline.reportDate !== null) {
    const later = timeline.laterSessions;
    const first = later[0];
    const last = later.at(-1);
    const span =
      first === undefined || last === undefined
        ? ''
        : first === last
          ? `session ${first.number}`
          : `sessions ${first.number}-${last.number}`;
    warn(
      'stale-report',
      `${report.source} was taken on ${timeline.reportDate}, before ${span} (latest ${timeline.latestSessionDate ?? 'undated'}): ${plural(later.length, 'later session')} show their recorded figures, and regressions are judged only against sessions up to ${timeline.reportDate}; run pytest --cov again for a current report`,
    );
  }
  const unrecorded = modules.filter((module) => module.unrecordedComplete);
  if (unrecorded.length > 0)
    warn(
      'unrecorded-complete',
      `${plural(unrecorded.length, 'module')} no session marked complete ${unrecorded.length === 1 ? 'is' : 'are'} at TRUE 100% in ${report.source}${timeline.reportDate === null ? '' : ` of ${timeline.reportDate}`}: ${unrecorded.map((module) => module.name).join(', ')}; the tracker shows them as the records do until a session records them complete`,
    );
  return diagnostics;
}
