import { moduleFigures, sumTotals } from './figures.js';
import { shortNames } from './naming.js';
import type { RawReport } from './raw-report.js';
import type { CoverageReport } from './types.js';

/** Per-line facts -> the typed report: figures per module and in total, modules sorted by path. */
export function buildReport(
  raw: RawReport,
  sources: readonly string[] = [raw.source],
): CoverageReport {
  const files = [...raw.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const names = shortNames(files.map((file) => file.path));
  const modules = files.map((file) =>
    moduleFigures(file, names.get(file.path) ?? file.path, raw.hasBranchData),
  );
  return {
    source: raw.source,
    sources,
    sourceRoots: raw.sourceRoots,
    totals: sumTotals(modules, raw.hasBranchData),
    modules,
  };
}
