/** The coverage stage's public API: read reports into a CoverageReport, format and compare them. */
export type { CoverageReport, CoverageTotals, ModuleCoverage } from './types.js';
export type { RawReport } from './raw-report.js';
export type { FileLines } from './file-lines.js';
export type { CoverageJson, CoverageJsonModule, CoverageJsonTotals } from './report-json.js';
export type { CoverageDiff, ModuleDiff, ModuleChange } from './diff.js';
export { readCoverageReport, readCoverageReports } from './read.js';
export { readRawReport, readRawReportBytes, ReportFileError } from './read-report.js';
export { mergeRawReports } from './merge.js';
export { buildReport } from './build-report.js';
export { formatPercent, percentCovered, DEFAULT_PRECISION } from './percent.js';
export { formatRanges, formatPartialArcs, formatMissing } from './ranges.js';
export { shortNames } from './naming.js';
export { formatTextTable } from './report-text.js';
export { formatMarkdownTable } from './report-markdown.js';
export { toCoverageJson } from './report-json.js';
export { diffReports, formatDiff } from './diff.js';
export { selectModules } from './select.js';
