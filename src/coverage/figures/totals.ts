import { percentCovered } from './percent.js';

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
  /** Unrounded percent, 0–100: (covered statements + covered branches) / (statements + branches). */
  readonly percent: number;
  /** Every statement and every branch covered; false when there is no branch data. */
  readonly true100: boolean;
  /** Whether branches were measured (false: branch figures are null and percent is statements only). */
  readonly hasBranchData: boolean;
}

/** Totals over modules (or any subset of them), as coverage.py adds Numbers. */
export function sumTotals(
  modules: readonly CoverageTotals[],
  hasBranchData: boolean,
): CoverageTotals {
  let statements = 0;
  let missed = 0;
  let branches = 0;
  let coveredBranches = 0;
  let partialBranches = 0;
  for (const module of modules) {
    statements += module.statements;
    missed += module.missed;
    branches += module.branches ?? 0;
    coveredBranches += module.coveredBranches ?? 0;
    partialBranches += module.partialBranches ?? 0;
  }
  return totals(statements, missed, hasBranchData, branches, coveredBranches, partialBranches);
}

export function totals(
  statements: number,
  missed: number,
  hasBranchData: boolean,
  branches: number,
  coveredBranches: number,
  partialBranches: number,
): CoverageTotals {
  if (!hasBranchData) {
    return {
      statements,
      missed,
      branches: null,
      coveredBranches: null,
      partialBranches: null,
      percent: percentCovered(statements, statements - missed, 0, 0),
      true100: false,
      hasBranchData,
    };
  }
  return {
    statements,
    missed,
    branches,
    coveredBranches,
    partialBranches,
    percent: percentCovered(statements, statements - missed, branches, coveredBranches),
    true100: missed === 0 && coveredBranches === branches,
    hasBranchData,
  };
}
