import type { CoverageReport } from '../figures/report.js';
import type { CoverageTotals } from '../figures/totals.js';
import { reportRows } from './rows.js';

/**
 * `trackgen coverage --format json`: a public contract, these names and no others.
 * `percent` is unrounded (coverage.py's percent_covered); `missingLines` is the range string;
 * branch figures are null when the report has no branch data.
 */
export interface CoverageJsonTotals {
  readonly statements: number;
  readonly missed: number;
  readonly branches: number | null;
  readonly coveredBranches: number | null;
  readonly partialBranches: number | null;
  readonly percent: number;
  readonly true100: boolean;
}

export interface CoverageJsonModule extends CoverageJsonTotals {
  readonly name: string;
  readonly path: string;
  readonly missingLines: string;
  readonly partialArcs: readonly string[];
  /** Present when the functions are known (coverage.py 7.5+ JSON, or the source beside the report). */
  readonly missingAreas?: readonly { readonly lines: string; readonly label: string }[];
}

export interface CoverageJson {
  readonly totals: CoverageJsonTotals;
  readonly modules: readonly CoverageJsonModule[];
}

export function toCoverageJson(report: CoverageReport): CoverageJson {
  // The contract lists modules in the report's own order (by path), not the tables' human order.
  const rows = reportRows(report, 'path');
  return {
    totals: jsonTotals(rows.total.figures),
    modules: rows.modules.map((row) => ({
      name: row.name,
      path: row.path,
      ...jsonTotals(row.figures),
      missingLines: row.missingRanges,
      partialArcs: [...row.partialArcs],
      ...(row.missingAreas === undefined
        ? {}
        : {
            missingAreas: row.missingAreas.map(({ start, end, label }) => ({
              lines: start === end ? String(start) : `${start}-${end}`,
              label,
            })),
          }),
    })),
  };
}

function jsonTotals(figures: CoverageTotals): CoverageJsonTotals {
  const { statements, missed, branches, coveredBranches, partialBranches, percent, true100 } =
    figures;
  return { statements, missed, branches, coveredBranches, partialBranches, percent, true100 };
}
