/** Connects the hand-kept module list with the coverage report. */
import type { CoverageReport, LineRange, ModuleCoverage } from '../coverage/index.js';
import { pathsMatch } from '../coverage/figures/naming.js';
import { rangesText } from '../coverage/figures/ranges.js';

/** Finds a module's entry in the report (coverage's pathsMatch); the longest match wins. */
export function findModuleCoverage(
  report: CoverageReport | undefined,
  path: string,
): ModuleCoverage | undefined {
  if (report === undefined) return undefined;
  let best: ModuleCoverage | undefined;
  for (const module of report.modules) {
    if (
      pathsMatch(module.path, path) &&
      (best === undefined || module.path.length > best.path.length)
    )
      best = module;
  }
  return best;
}

export interface LabelledArea {
  /** The report's missing ranges inside the area: "323, 340-350". */
  readonly lines: string;
  /** null for missing ranges no labelled area covers (consecutive ones form one group). */
  readonly label: string | null;
}

/**
 * Groups the report's missing ranges under the labels a person gave to line areas. The report
 * decides what is missing; a label whose lines are all covered now simply disappears.
 */
export function labelMissingRanges(
  missingRanges: readonly LineRange[],
  areas: readonly { from: number; to: number; label: string }[],
  named: readonly { start: number; label: string }[] = [],
): LabelledArea[] {
  // A person's label wins; otherwise the functions the report's source names (coverage.py
  // code_regions), which exist only where the report or the source beside it says.
  const byStart = new Map(named.map((area) => [area.start, area.label]));
  const groups: { label: string | null; ranges: LineRange[] }[] = [];
  for (const range of missingRanges) {
    const [start] = range;
    const area = areas.find((candidate) => start >= candidate.from && start <= candidate.to);
    const label = area?.label ?? byStart.get(start) ?? null;
    const last = groups.at(-1);
    if (last !== undefined && last.label === label) last.ranges.push(range);
    else groups.push({ label, ranges: [range] });
  }
  return groups.map(({ label, ranges: grouped }) => ({ lines: rangesText(grouped), label }));
}
