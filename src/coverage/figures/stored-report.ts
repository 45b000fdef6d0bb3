/**
 * A CoverageReport as plain JSON and back. The run cache keeps one, so that a run whose report
 * did not change neither parses it nor counts its figures again (the hook reads the report at
 * every commit that changes a record).
 */
import type { Diagnostic } from '../../diagnostics.js';
import type { ReportTime } from '../time/report-time.js';
import type { MissingArea } from './areas.js';
import type { LineRange } from './ranges.js';
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

interface StoredModule extends StoredCounts {
  readonly path: string;
  readonly name: string;
  readonly missingLines: readonly number[];
  readonly missingRanges: string;
  readonly missingLineRanges: readonly LineRange[];
  readonly partialArcs: readonly string[];
  readonly missing: string;
  readonly lastLine: number;
  readonly missingAreas?: readonly MissingArea[];
}

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

export function storeReport(report: CoverageReport): StoredReport {
  return {
    version: STORED_REPORT_VERSION,
    source: report.source,
    sources: report.sources,
    sourceRoots: report.sourceRoots,
    totals: countsOf(report.totals),
    modules: report.modules.map((module) => ({
      ...countsOf(module),
      path: module.path,
      name: module.name,
      missingLines: module.missingLines,
      missingRanges: module.missingRanges,
      missingLineRanges: module.missingLineRanges,
      partialArcs: module.partialArcs,
      missing: module.missing,
      lastLine: module.lastLine,
      ...(module.missingAreas === undefined ? {} : { missingAreas: module.missingAreas }),
    })),
    warnings: report.warnings,
    ...(report.time === undefined ? {} : { time: report.time }),
  };
}

export function restoreReport(stored: StoredReport): CoverageReport {
  const slabs = new Slabs();
  const modules: ModuleCoverage[] = stored.modules.map(({ hasBranchData, ...module }) =>
    moduleCoverage(
      module,
      hasBranchData,
      {
        path: module.path,
        name: module.name,
        missingLines: module.missingLines,
        missingRanges: module.missingRanges,
        missingLineRanges: module.missingLineRanges,
        partialArcs: module.partialArcs,
        missing: module.missing,
        lastLine: module.lastLine,
        ...(module.missingAreas === undefined ? {} : { missingAreas: module.missingAreas }),
      },
      slabs,
    ),
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
