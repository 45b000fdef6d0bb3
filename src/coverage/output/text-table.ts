import { formatPercent } from '../figures/percent.js';
import type { CoverageReport } from '../figures/report.js';
import { reportRows, type ReportRow, type ReportRows, type RowOptions } from './rows.js';

/**
 * The table `coverage report -m --precision=N` prints (coverage.py 6.5's layout): Name,
 * Stmts, Miss, [Branch, BrPart,] Cover, Missing; names in human order; trailing blanks trimmed.
 * Branch columns appear only when the report measured branches.
 */
export function formatTextTable(
  report: CoverageReport,
  precision: number,
  options: RowOptions = {},
): string {
  const rows = reportRows(report, 'human', options);
  // A loop, not Math.max(...rows): spreading 130,000 rows as arguments overflows the stack.
  const nameWidth = rows.modules.reduce((widest, row) => Math.max(widest, width(row.path)), 5);
  const coverWidth = 3 + (precision > 0 ? 1 + precision : 0);
  let header = `${padEnd('Name', nameWidth)}   Stmts   Miss`;
  if (rows.hasBranchData) header += ' Branch BrPart';
  header += `${'Cover'.padStart(coverWidth + 4)}   Missing`;
  const rule = '-'.repeat(header.length);
  const line = ({ path, figures, missing }: ReportRow): string => {
    let text = `${padEnd(path, nameWidth)}  ${number(figures.statements)} ${number(figures.missed)}`;
    if (rows.hasBranchData)
      text += ` ${number(figures.branches ?? 0)} ${number(figures.partialBranches ?? 0)}`;
    text += `${formatPercent(figures.percent, precision).padStart(coverWidth + 3)}%   ${missing}`;
    return text.trimEnd();
  };
  const lines = [header, rule, ...rows.modules.map(line)];
  if (rows.fileCount > 0) lines.push(rule, line(rows.total));
  lines.push(...skipNotes(rows));
  return `${lines.join('\n')}\n`;
}

/** summary.py's closing lines: `\n1 file skipped due to complete coverage.` and the empty ones. */
export function skipNotes(rows: ReportRows): string[] {
  const plural = (count: number) => (count > 1 ? 's' : '');
  const notes: string[] = [];
  if (rows.skippedCovered > 0)
    notes.push(
      '',
      `${rows.skippedCovered} file${plural(rows.skippedCovered)} skipped due to complete coverage.`,
    );
  if (rows.skippedEmpty > 0)
    notes.push('', `${rows.skippedEmpty} empty file${plural(rows.skippedEmpty)} skipped.`);
  return notes;
}

function number(value: number): string {
  return String(value).padStart(6);
}

/** Python pads by code points, not UTF-16 units. */
function width(text: string): number {
  return Array.from(text).length;
}

function padEnd(text: string, size: number): string {
  return text + ' '.repeat(Math.max(0, size - width(text)));
}
