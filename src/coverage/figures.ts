import type { FileLines } from './file-lines.js';
import { percentCovered } from './percent.js';
import { arcItems, lineRanges, missingColumn, rangesText } from './ranges.js';
import type { CoverageTotals, ModuleCoverage } from './types.js';

/** One file's figures, counted as coverage.py's Analysis counts them. */
export function moduleFigures(
  file: FileLines,
  name: string,
  hasBranchData: boolean,
): ModuleCoverage {
  const missingLines: number[] = [];
  let branches = 0;
  let coveredBranches = 0;
  let partialBranches = 0;
  for (let index = 0; index < file.lines.length; index++) {
    const ran = file.covered[index] === 1;
    if (!ran) missingLines.push(file.lines[index] ?? 0);
    const total = file.branchTotal[index] ?? -1;
    if (total < 0) continue;
    const taken = file.branchTaken[index] ?? 0;
    branches += total;
    coveredBranches += taken;
    if (ran) partialBranches += total - taken;
  }
  const statements = file.lines.length;
  const missed = missingLines.length;
  const arcs =
    hasBranchData && file.missingArcs.size > 0
      ? arcItems(file.missingArcs, new Set(missingLines))
      : [];
  const ranges = missed === 0 ? [] : lineRanges(file.lines, missingLines);
  const missingRanges = rangesText(ranges);
  return {
    path: file.path,
    name,
    ...totals(statements, missed, hasBranchData, branches, coveredBranches, partialBranches),
    missingLines,
    missingRanges,
    partialArcs: arcs.map(([, text]) => text),
    missing: arcs.length === 0 ? missingRanges : missingColumn(ranges, arcs),
    lastLine: lastLine(file),
  };
}

function lastLine(file: FileLines): number {
  let last = file.lines.length === 0 ? 0 : (file.lines[file.lines.length - 1] ?? 0);
  for (const destinations of file.missingArcs.values()) {
    for (const destination of destinations) last = Math.max(last, destination);
  }
  return last;
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

function totals(
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
