/**
 * A CoverageReport as plain JSON and back. The run cache keeps one, so that a run whose report
 * did not change neither parses it nor counts its figures again (the hook reads the report at
 * every commit that changes a record).
 */
import type { Diagnostic } from '../../diagnostics.js';
import type { ReportTime } from '../time/report-time.js';
import { moduleCoverage, type CoverageReport, type ModuleCoverage } from './report.js';
import { Slabs } from '../slabs.js';
import { Totals, type CoverageCounts, type CoverageTotals } from './totals.js';

export const STORED_REPORT_VERSION = 1;

export interface StoredReport {
  readonly version: typeof STORED_REPORT_VERSION;
  readonly source: string;
  readonly sources: readonly string[];
  readonly sourceRoots: readonly string[];
  readonly totals: StoredCounts;
  readonly modules: readonly StoredModule[];
  readonly warnings: readonly Diagnostic[];
  readonly time?: ReportTime;
}

interface StoredCounts extends CoverageCounts {
  readonly hasBranchData: boolean;
}

type ModuleDetails = Omit<ModuleCoverage, keyof CoverageTotals>;
type StoredModule = StoredCounts & ModuleDetails;

function countsOf(totals: CoverageTotals): StoredCounts {
  return {
    statements: totals.statements,
    missed: totals.missed,
    branches: totals.branches ?? 0,
    coveredBranches: totals.coveredBranches ?? 0,
    partialBranches: totals.partialBranches ?? 0,
    hasBranchData: totals.hasBranchData,
  };
}

/** The figures a module has besides its counts; getters (the ranges) read into plain data. */
function detailsOf(module: ModuleDetails): ModuleDetails {
  return {
    path: module.path,
    name: module.name,
    missingLines: module.missingLines,
    missingRanges: module.missingRanges,
    missingLineRanges: module.missingLineRanges,
    partialArcs: module.partialArcs,
    missing: module.missing,
    lastLine: module.lastLine,
    ...(module.missingAreas === undefined ? {} : { missingAreas: module.missingAreas }),
  };
}

export function storeReport(report: CoverageReport): StoredReport {
  return {
    version: STORED_REPORT_VERSION,
    source: report.source,
    sources: report.sources,
    sourceRoots: report.sourceRoots,
    totals: countsOf(report.totals),
    modules: report.modules.map((module) => ({ ...countsOf(module), ...detailsOf(module) })),
    warnings: report.warnings,
    ...(report.time === undefined ? {} : { time: report.time }),
  };
}

export function restoreReport(stored: StoredReport): CoverageReport {
  const slabs = new Slabs();
  const modules: ModuleCoverage[] = stored.modules.map((module) =>
    moduleCoverage(module, module.hasBranchData, detailsOf(module), slabs),
  );
  return {
    source: stored.source,
    sources: stored.sources,
    sourceRoots: stored.sourceRoots,
    totals: new Totals(stored.totals, stored.totals.hasBranchData),
    modules,
    warnings: stored.warnings,
    ...(stored.time === undefined ? {} : { time: stored.time }),
  };
}
