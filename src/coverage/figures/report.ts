import type { ReportTime } from '../time/report-time.js';
import type { Diagnostic } from '../../diagnostics.js';
import type { FileLines, RawReport } from '../raw/raw-report.js';
import { Slabs } from '../slabs.js';
import { shortNames } from './naming.js';
import { labelAreas, type MissingArea } from './areas.js';
import { resolveStatements } from './statements.js';
import {
  arcItems,
  forEachArc,
  lineRanges,
  missingColumn,
  rangesText,
  sortedMembers,
  type LineRange,
} from './ranges.js';
import { sumTotals, Totals, type CoverageCounts, type CoverageTotals } from './totals.js';

/** One file's figures, and the lines and branches it misses. */
export interface ModuleCoverage extends CoverageTotals {
  /** Path relative to the report's source root, with forward slashes: `app/services/sync.py`. */
  readonly path: string;
  /** Short name for trackers: the basename where unique, otherwise the shortest unique path suffix. */
  readonly name: string;
  /** Missed statement line numbers, ascending. */
  readonly missingLines: readonly number[];
  /** coverage.py's `report -m` grouping of missingLines: `109-166, 170-179, 323`. */
  readonly missingRanges: string;
  /** The same grouping as data, for code that works with the ranges: `[[109, 166], [323, 323]]`. */
  readonly missingLineRanges: readonly LineRange[];
  /** Partial branch arcs as `report -m` lists them: `26->30`, `54->exit`. */
  readonly partialArcs: readonly string[];
  /** The Missing column of `report -m`: ranges and arcs interleaved by line, `16, 26->30, 36, 42-43, 54->exit`. */
  readonly missing: string;
  /** The last line number the report mentions (a lower bound for the file's length). */
  readonly lastLine: number;
  /** Each missing range named by its enclosing functions; only where the regions are known. */
  readonly missingAreas?: readonly MissingArea[];
}

const NO_RANGES = new Int32Array(0);

/**
 * ModuleCoverage as a report holds it. A large report has hundreds of thousands of missing
 * ranges: as [start, end] arrays they would cost some 20 MB per 100 MB of report, so they are
 * kept flat (start, end, start, end…) in one Int32Array and made into pairs when asked for.
 */
class PackedModuleCoverage extends Totals implements ModuleCoverage {
  readonly path: string;
  readonly name: string;
  readonly missingLines: readonly number[];
  readonly missingRanges: string;
  readonly partialArcs: readonly string[];
  readonly missing: string;
  readonly lastLine: number;
  readonly missingAreas?: readonly MissingArea[];
  readonly #rangeBounds: Int32Array;

  constructor(
    counts: CoverageCounts,
    hasBranchData: boolean,
    details: Omit<ModuleCoverage, keyof CoverageTotals | 'missingLineRanges'>,
    rangeBounds: Int32Array,
  ) {
    super(counts, hasBranchData);
    this.path = details.path;
    this.name = details.name;
    this.missingLines = details.missingLines;
    this.missingRanges = details.missingRanges;
    this.partialArcs = details.partialArcs;
    this.missing = details.missing;
    this.lastLine = details.lastLine;
    if (details.missingAreas !== undefined) this.missingAreas = details.missingAreas;
    this.#rangeBounds = rangeBounds;
  }

  get missingLineRanges(): readonly LineRange[] {
    const ranges: LineRange[] = [];
    for (let index = 0; index + 1 < this.#rangeBounds.length; index += 2)
      ranges.push([this.#rangeBounds[index] ?? 0, this.#rangeBounds[index + 1] ?? 0]);
    return ranges;
  }
}

/**
 * A module's figures from its counts and details, as a stored report gives them back; the
 * modules of one report share `slabs`.
 */
export function moduleCoverage(
  counts: CoverageCounts,
  hasBranchData: boolean,
  details: Omit<ModuleCoverage, keyof CoverageTotals>,
  slabs: Slabs = new Slabs(),
): ModuleCoverage {
  const { missingLineRanges, ...rest } = details;
  return new PackedModuleCoverage(
    counts,
    hasBranchData,
    rest,
    packRanges(missingLineRanges, slabs),
  );
}

/**
 * [start, end] pairs laid flat, cut from the report's slabs (an ArrayBuffer per module cost
 * more than its ranges); a loop, as Array.prototype.flat costs more than the pairs.
 */
function packRanges(ranges: readonly LineRange[], slabs: Slabs): Int32Array {
  if (ranges.length === 0) return NO_RANGES;
  const bounds = slabs.int32(ranges.length * 2);
  for (let index = 0; index < ranges.length; index++) {
    const range = ranges[index] ?? [0, 0];
    bounds[index * 2] = range[0];
    bounds[index * 2 + 1] = range[1];
  }
  return bounds;
}

/**
 * One coverage report, whatever produced it (Cobertura XML from any tool, coverage.py JSON),
 * with figures counted the way coverage.py counts them.
 */
export interface CoverageReport {
  /** Where the report was read from, for messages (several files: joined with ", "). */
  readonly source: string;
  /** Every file the report was read (merged) from. */
  readonly sources: readonly string[];
  /** The `<source>` roots module paths are relative to (empty for coverage.py JSON). */
  readonly sourceRoots: readonly string[];
  readonly totals: CoverageTotals;
  /** Sorted by path. */
  readonly modules: readonly ModuleCoverage[];
  /** Where the report contradicts itself (its lists against its summary), one diagnostic each. */
  readonly warnings: readonly Diagnostic[];
  /** When the report says it was taken; absent when it does not say (or not readably). */
  readonly time?: ReportTime;
}

/** Per-line facts -> the typed report: figures per module and in total, modules sorted by path. */
export function buildReport(
  raw: RawReport,
  sources: readonly string[] = [raw.source],
): CoverageReport {
  const files = [...raw.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const names = shortNames(files.map((file) => file.path));
  const slabs = new Slabs();
  const modules = files.map((file) =>
    moduleFigures(file, names.get(file.path) ?? file.path, raw.hasBranchData, slabs),
  );
  return {
    source: raw.source,
    sources,
    sourceRoots: raw.sourceRoots,
    totals: sumTotals(modules, raw.hasBranchData),
    modules,
    warnings: (raw.warnings ?? []).map(({ message, place }): Diagnostic => ({
      ...(place ?? { file: raw.source, line: 1, column: 1 }),
      severity: 'warning',
      rule: 'report-mismatch',
      message,
    })),
  };
}

/**
 * One file's figures, counted as coverage.py's Analysis counts them. Where the report states
 * the file's statement and branch counts (coverage.py JSON's summary), those are the counts:
 * branches from `_total_branches()`, covered ones as n_branches − n_missing_branches.
 */
function moduleFigures(
  reported: FileLines,
  name: string,
  hasBranchData: boolean,
  slabs: Slabs,
): ModuleCoverage {
  const file = reported.uncertain === undefined ? reported : resolveStatements(reported);
  const missingLines: number[] = [];
  let branches = 0;
  let coveredBranches = 0;
  let partialBranches = 0;
  const { lines, covered, branchTotal, branchTaken } = file;
  for (let index = 0; index < lines.length; index++) {
    const ran = covered[index] === 1;
    if (!ran) missingLines.push(lines[index] ?? 0);
    const total = branchTotal[index] ?? -1;
    if (total < 0) continue;
    const taken = branchTaken[index] ?? 0;
    branches += total;
    coveredBranches += taken;
    if (ran) partialBranches += total - taken;
  }
  const missed = missingLines.length;
  const declared = file.declared;
  if (declared?.branches !== undefined) {
    const missingBranches = branches - coveredBranches;
    branches = declared.branches;
    coveredBranches = declared.coveredBranches ?? branches - missingBranches;
    if (declared.partialBranches !== undefined) partialBranches = declared.partialBranches;
  }
  const arcs =
    hasBranchData && file.missingArcs.size > 0
      ? arcItems(file.missingArcs, sortedMembers(missingLines))
      : [];
  const ranges = missed === 0 ? [] : lineRanges(file.lines, missingLines);
  const missingRanges = rangesText(ranges);
  const counts = {
    statements: file.lines.length,
    missed,
    branches,
    coveredBranches,
    partialBranches,
  };
  return new PackedModuleCoverage(
    counts,
    hasBranchData,
    {
      path: file.path,
      name,
      missingLines,
      missingRanges,
      partialArcs: arcs.map(([, text]) => text),
      missing: arcs.length === 0 ? missingRanges : missingColumn(ranges, arcs),
      lastLine: lastLine(file),
      ...(file.regions === undefined
        ? {}
        : { missingAreas: labelAreas(ranges, missingLines, file.regions) }),
    },
    packRanges(ranges, slabs),
  );
}

function lastLine(file: FileLines): number {
  let last = file.lines.length === 0 ? 0 : (file.lines[file.lines.length - 1] ?? 0);
  forEachArc(file.missingArcs, (_, destination) => {
    last = Math.max(last, destination);
  });
  return last;
}
