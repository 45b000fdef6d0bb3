/** The coverage stage's public API: read reports into a CoverageReport, format and compare them. */
export type { CoverageReport, ModuleCoverage } from './figures/report.js';
export type { CoverageTotals } from './figures/totals.js';
export type { LineRange } from './figures/ranges.js';
export type { MissingArea } from './figures/areas.js';
export { pythonRegions } from './source/python-regions.js';
export type { RawReport, FileLines } from './raw/raw-report.js';
export type { CoverageJson, CoverageJsonModule, CoverageJsonTotals } from './output/json.js';
export type { CoverageDiff, ModuleDiff, ModuleChange } from './output/diff.js';
export type { ReadOptions } from './read.js';
export {
  readCoverageReport,
  readCoverageReports,
  readRawReport,
  readRawReportBytes,
  ReportFileError,
} from './read.js';
export { mergeRawReports } from './raw/merge.js';
export { buildReport } from './figures/report.js';
export { formatPercent, percentCovered, DEFAULT_PRECISION } from './figures/percent.js';
export { formatRanges, formatPartialArcs, formatMissing, rangesText } from './figures/ranges.js';
export { pathsMatch, shortNames } from './figures/naming.js';
export { selectModules } from './figures/select.js';
export { formatTextTable } from './output/text-table.js';
export { SORT_COLUMNS, type RowOptions } from './output/rows.js';
export { shouldFailUnder } from './figures/fail-under.js';
export { formatMarkdownTable } from './output/markdown-table.js';
export { toCoverageJson } from './output/json.js';
export { diffReports, formatDiff } from './output/diff.js';
export type { ReportTime } from './time/report-time.js';
export { parseReportTime } from './time/report-time.js';
export { formatMarkdownDiff } from './output/markdown-diff.js';
export { coverageBadge, badgeColour, BADGE_COLOURS, textWidth } from './output/badge.js';
