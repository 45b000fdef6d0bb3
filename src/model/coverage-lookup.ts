/** Connects the hand-kept module list with the coverage report. */
import type { CoverageReport, ModuleCoverage } from '../coverage/index.js';

/**
 * Finds a module's entry in the report. Reports name files relative to their source root, which
 * need not be the project root (`services/sync.py` vs `app/services/sync.py`), so a path suffix
 * on a directory boundary matches too — the longest match wins.
 */
export function findModuleCoverage(
  report: CoverageReport | undefined,
  path: string,
): ModuleCoverage | undefined {
  if (report === undefined) return undefined;
  const wanted = normalise(path);
  let best: ModuleCoverage | undefined;
  for (const module of report.modules) {
    const candidate = normalise(module.path);
    const matches =
      candidate === wanted || wanted.endsWith(`/${candidate}`) || candidate.endsWith(`/${wanted}`);
    if (matches && (best === undefined || candidate.length > best.path.length)) best = module;
  }
  return best;
}

function normalise(path: string): string {
  return path.replaceAll('\\', '/').replace(/^\.\//, '');
}

export interface LineRange {
  readonly start: number;
  readonly end: number;
}

/** Parses coverage.py's "109-166, 170-179, 323" into ranges. */
export function parseRanges(ranges: string): LineRange[] {
  return ranges
    .split(',')
    .map((part) => part.trim())
    .filter((part) => /^\d+(-\d+)?$/.test(part))
    .map((part) => {
      const [start, end] = part.split('-').map(Number);
      return { start: start ?? 0, end: end ?? start ?? 0 };
    });
}

export function formatRanges(ranges: readonly LineRange[]): string {
  return ranges
    .map(({ start, end }) => (start === end ? `${start}` : `${start}-${end}`))
    .join(', ');
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
  missingRanges: string,
  areas: readonly { from: number; to: number; label: string }[],
): LabelledArea[] {
  const ranges = parseRanges(missingRanges);
  const groups: { label: string | null; ranges: LineRange[] }[] = [];
  for (const range of ranges) {
    const area = areas.find(
      (candidate) => range.start >= candidate.from && range.start <= candidate.to,
    );
    const label = area?.label ?? null;
    const last = groups.at(-1);
    if (last !== undefined && last.label === label) last.ranges.push(range);
    else groups.push({ label, ranges: [range] });
  }
  return groups.map(({ label, ranges: grouped }) => ({ lines: formatRanges(grouped), label }));
}
