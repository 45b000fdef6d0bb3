/**
 * One coverage report, whatever produced it (Cobertura XML from any tool, coverage.py JSON),
 * with figures counted the way coverage.py counts them.
 */
export interface CoverageTotals {
  readonly statements: number;
  readonly missed: number;
  /** null when the report carries no branch data at all (not the same as 0 branches). */
  readonly branches: number | null;
  readonly coveredBranches: number | null;
  readonly partialBranches: number | null;
  /** Unrounded percent, 0–100: (covered statements + covered branches) / (statements + branches). */
  readonly percent: number;
  /** Every statement and every branch covered; false when there is no branch data. */
  readonly true100: boolean;
}

export interface ModuleCoverage extends CoverageTotals {
  /** Path relative to the report's source root, with forward slashes: `app/services/sync.py`. */
  readonly path: string;
  /** Short name for trackers: the basename where unique, otherwise the shortest unique path suffix. */
  readonly name: string;
  /** Missed statement line numbers, ascending. */
  readonly missingLines: readonly number[];
  /** coverage.py's `report -m` grouping of missingLines: `109-166, 170-179, 323`. */
  readonly missingRanges: string;
  /** Partial branch arcs as `report -m` lists them: `26->30`, `54->exit`. */
  readonly partialArcs: readonly string[];
  /** The last line number the report mentions (a lower bound for the file's length). */
  readonly lastLine: number;
}

export interface CoverageReport {
  /** Where the report was read from, for messages. */
  readonly source: string;
  readonly totals: CoverageTotals;
  /** Sorted by path. */
  readonly modules: readonly ModuleCoverage[];
}
