/** Pure: the figures `record-coverage` stores, taken from a coverage report the way coverage.py shows them. */
import type { CoverageReport, CoverageTotals } from '../coverage/index.js';
import { formatPercent } from '../coverage/figures/percent.js';
import type { CoverageFigures, Module, Session } from '../data/schema.js';
import { findModuleCoverage } from '../model/coverage-lookup.js';

export interface SessionFigures {
  /** Overall coverage, as coverage.py displays it (two decimals). */
  readonly projectPercent: number;
  /** One entry per module of the session, by its index in the record's "modules". */
  readonly modules: readonly {
    readonly index: number;
    readonly id: string;
    readonly figures: CoverageFigures;
  }[];
  /** Modules of the session the report does not list. */
  readonly missing: readonly {
    readonly index: number;
    readonly id: string;
    readonly path: string;
  }[];
}

export const BRANCH_FIGURES = ['branches', 'coveredBranches', 'partialBranches'] as const;

/** percent with two decimals as coverage.py shows it: never 100 unless complete. */
export function recordedPercent(percent: number): number {
  return Number(formatPercent(percent, 2));
}

export function toRecordedFigures(totals: CoverageTotals): CoverageFigures {
  const figures: CoverageFigures = {
    percent: recordedPercent(totals.percent),
    statements: totals.statements,
    missed: totals.missed,
  };
  if (!totals.hasBranchData) return figures;
  return {
    ...figures,
    branches: totals.branches ?? 0,
    coveredBranches: totals.coveredBranches ?? 0,
    partialBranches: totals.partialBranches ?? 0,
  };
}

export function sessionFigures(
  session: Session,
  modulesById: ReadonlyMap<string, Module>,
  report: CoverageReport,
): SessionFigures {
  const modules: { index: number; id: string; figures: CoverageFigures }[] = [];
  const missing: { index: number; id: string; path: string }[] = [];
  (session.modules ?? []).forEach((entry, index) => {
    const path = modulesById.get(entry.module)?.path ?? entry.module;
    const coverage = findModuleCoverage(report, path);
    if (coverage === undefined) missing.push({ index, id: entry.module, path });
    else modules.push({ index, id: entry.module, figures: toRecordedFigures(coverage) });
  });
  return { projectPercent: recordedPercent(report.totals.percent), modules, missing };
}
