import { percentCovered } from './percent.js';

/** What a module's figures are counted from; branch counts are 0 when branches were not measured. */
export interface CoverageCounts {
  readonly statements: number;
  readonly missed: number;
  readonly branches: number;
  readonly coveredBranches: number;
  readonly partialBranches: number;
}

/** A module's or a roll-up's figures, counted the way coverage.py counts them. */
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
  /** Whether branches were measured (false: branch figures are null and percent is statements only). */
  readonly hasBranchData: boolean;
  /** Unrounded percent, 0–100: (covered statements + covered branches) / (statements + branches). */
  readonly percent: number;
  /** Every statement and every branch covered; false when there is no branch data. */
  readonly true100: boolean;
}

/**
 * CoverageTotals as the coverage stage makes them. Like coverage.py's Numbers (results.py), only
 * counts are kept: percent and TRUE 100 are derived from them, so they never disagree with the
 * counts, and a roll-up adds counts, never percents.
 */
export class Totals implements CoverageTotals {
  readonly statements: number;
  readonly missed: number;
  readonly branches: number | null;
  readonly coveredBranches: number | null;
  readonly partialBranches: number | null;

  constructor(
    counts: CoverageCounts,
    readonly hasBranchData: boolean,
  ) {
    this.statements = counts.statements;
    this.missed = counts.missed;
    this.branches = hasBranchData ? counts.branches : null;
    this.coveredBranches = hasBranchData ? counts.coveredBranches : null;
    this.partialBranches = hasBranchData ? counts.partialBranches : null;
  }

  get percent(): number {
    return percentCovered(
      this.statements,
      this.statements - this.missed,
      this.branches ?? 0,
      this.coveredBranches ?? 0,
    );
  }

  get true100(): boolean {
    return this.hasBranchData && this.missed === 0 && this.coveredBranches === this.branches;
  }
}

/** Totals over modules (or any subset of them), as coverage.py adds Numbers: count by count. */
export function sumTotals(
  modules: readonly CoverageTotals[],
  hasBranchData: boolean,
): CoverageTotals {
  const sum = { statements: 0, missed: 0, branches: 0, coveredBranches: 0, partialBranches: 0 };
  for (const module of modules) {
    sum.statements += module.statements;
    sum.missed += module.missed;
    sum.branches += module.branches ?? 0;
    sum.coveredBranches += module.coveredBranches ?? 0;
    sum.partialBranches += module.partialBranches ?? 0;
  }
  return new Totals(sum, hasBranchData);
}
