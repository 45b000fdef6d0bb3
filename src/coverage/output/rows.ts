import type { MissingArea } from '../figures/areas.js';
import type { CoverageReport, ModuleCoverage } from '../figures/report.js';
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
  /** Missing ranges named by their functions, where known. */
  readonly missingAreas?: readonly MissingArea[];
}

export interface ReportRows {
  /** Whether the report measured branches: the Branch and BrPart columns exist. */
  readonly hasBranchData: boolean;
  readonly modules: readonly ReportRow[];
  readonly total: ReportRow;
  /** Modules in the report, shown or skipped (coverage.py writes TOTAL when there is one). */
  readonly fileCount: number;
  /** Modules left out by skipCovered / skipEmpty. */
  readonly skippedCovered: number;
  readonly skippedEmpty: number;
}

/** `human`: coverage.py's table order; `path`: the report's own order, by path. */
export type RowOrder = 'human' | 'path';

/** coverage.py's `report` options (summary.py SummaryReporter). */
export interface RowOptions {
  /** `--skip-covered`: leave out modules with no missing line and no partial branch. */
  readonly skipCovered?: boolean;
  /** `--skip-empty`: leave out modules with no statements. */
  readonly skipEmpty?: boolean;
  /** `--sort`: a column (name, stmts, miss, branch, brpart, cover), `-` first for descending. */
  readonly sort?: string;
}

export const SORT_COLUMNS = ['name', 'stmts', 'miss', 'branch', 'brpart', 'cover'] as const;

/**
 * The rows, skipped and sorted as coverage.py's SummaryReporter does: a skipped module still
 * counts in the total (report_one_file adds its Numbers before deciding); --skip-covered wins
 * over --skip-empty; a sort on a column compares (value, row text) and `-` reverses both.
 * Throws RangeError for a sort column the table does not have (coverage.py's ConfigError).
 */
export function reportRows(
  report: CoverageReport,
  order: RowOrder = 'human',
  options: RowOptions = {},
): ReportRows {
  let skippedCovered = 0;
  let skippedEmpty = 0;
  const shown = report.modules.filter((module) => {
    if (options.skipCovered === true && module.missed === 0 && !(module.partialBranches ?? 0)) {
      skippedCovered++;
      return false;
    }
    if (options.skipEmpty === true && module.statements === 0) {
      skippedEmpty++;
      return false;
    }
    return true;
  });
  const modules =
    options.sort !== undefined
      ? sortModules(shown, options.sort, report.totals.hasBranchData)
      : order === 'human'
        ? [...shown].sort((a, b) => humanCompare(a.path, b.path))
        : shown;
  return {
    hasBranchData: report.totals.hasBranchData,
    fileCount: report.modules.length,
    skippedCovered,
    skippedEmpty,
    modules: modules.map((module) => ({
      path: module.path,
      name: module.name,
      figures: module,
      missing: module.missing,
      missingRanges: module.missingRanges,
      partialArcs: module.partialArcs,
      ...(module.missingAreas === undefined ? {} : { missingAreas: module.missingAreas }),
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

function sortModules(
  modules: readonly ModuleCoverage[],
  sort: string,
  hasBranchData: boolean,
): ModuleCoverage[] {
  let column = sort.toLowerCase();
  const reverse = column.startsWith('-');
  if (reverse || column.startsWith('+')) column = column.slice(1);
  const value = columnValue(column, hasBranchData);
  if (value === undefined) throw new RangeError(`Invalid sorting option: ${JSON.stringify(sort)}`);
  const sign = reverse ? -1 : 1;
  if (column === 'name') return [...modules].sort((a, b) => sign * humanCompare(a.path, b.path));
  // Python sorts (value, line text); the text starts with the name, so ties go by path.
  return [...modules].sort(
    (a, b) => sign * (value(a) - value(b) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  );
}

function columnValue(
  column: string,
  hasBranchData: boolean,
): ((module: ModuleCoverage) => number) | undefined {
  switch (column) {
    case 'name':
      return () => 0;
    case 'stmts':
      return (module) => module.statements;
    case 'miss':
      return (module) => module.missed;
    case 'cover':
      return (module) => module.percent;
    case 'branch':
      return hasBranchData ? (module) => module.branches ?? 0 : undefined;
    case 'brpart':
      return hasBranchData ? (module) => module.partialBranches ?? 0 : undefined;
    default:
      return undefined;
  }
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
