import type { CoverageReport } from '../figures/report.js';
import type { CoverageTotals } from '../figures/totals.js';

/**
 * The rows every output shows, built once (as coverage.py's tabular_report builds them before
 * rendering text or Markdown): one per module, then the total. The formats only lay them out.
 */
export interface ReportRow {
  /** The module's path (the Name column); `TOTAL` on the totals row. */
  readonly path: string;
  /** The module's short name; `TOTAL` on the totals row. */
  readonly name: string;
  readonly figures: CoverageTotals;
  /** The Missing column: ranges and partial arcs interleaved by line; empty on the totals row. */
  readonly missing: string;
  /** The Missing column's two parts apart: the missed ranges and the partial arcs. */
  readonly missingRanges: string;
  readonly partialArcs: readonly string[];
}

export interface ReportRows {
  /** Whether the report measured branches: the Branch and BrPart columns exist. */
  readonly hasBranchData: boolean;
  readonly modules: readonly ReportRow[];
  readonly total: ReportRow;
}

/** `human`: coverage.py's table order; `path`: the report's own order, by path. */
export type RowOrder = 'human' | 'path';

export function reportRows(report: CoverageReport, order: RowOrder = 'human'): ReportRows {
  const modules =
    order === 'human'
      ? [...report.modules].sort((a, b) => humanCompare(a.path, b.path))
      : report.modules;
  return {
    hasBranchData: report.totals.hasBranchData,
    modules: modules.map((module) => ({
      path: module.path,
      name: module.name,
      figures: module,
      missing: module.missing,
      missingRanges: module.missingRanges,
      partialArcs: module.partialArcs,
    })),
    total: {
      path: 'TOTAL',
      name: 'TOTAL',
      figures: report.totals,
      missing: '',
      missingRanges: '',
      partialArcs: [],
    },
  };
}

/**
 * coverage.py's human_key ordering (misc.py): names split into text and digit runs, digit runs
 * compared as numbers, text by code point — `file2.py` before `file10.py`.
 */
export function humanCompare(a: string, b: string): number {
  const partsA = a.split(/(\d+)/);
  const partsB = b.split(/(\d+)/);
  for (let index = 0; index < Math.min(partsA.length, partsB.length); index++) {
    const x = partsA[index] ?? '';
    const y = partsB[index] ?? '';
    if (index % 2 === 1) {
      const difference = Number(x) - Number(y);
      if (difference !== 0) return difference;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return partsA.length - partsB.length;
}
