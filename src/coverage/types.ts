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
  /**
   * coverage.py's BrPart: the exits not taken from branch lines that ran (a line that ran and
   * took 1 of its 3 exits counts 2). For the usual two-way branch, the number of such lines.
   */
  readonly partialBranches: number | null;
  /** Unrounded percent, 0–100: (covered statements + covered branches) / (statements + branches). */
  readonly percent: number;
  /** Every statement and every branch covered; false when there is no branch data. */
  readonly true100: boolean;
  /** Whether branches were measured (false: branch figures are null and percent is statements only). */
  readonly hasBranchData: boolean;
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
  /** The Missing column of `report -m`: ranges and arcs interleaved by line, `16, 26->30, 36, 42-43, 54->exit`. */
  readonly missing: string;
  /** The last line number the report mentions (a lower bound for the file's length). */
  readonly lastLine: number;
}

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
}
