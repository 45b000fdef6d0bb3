import { gfmTable, type ColumnAlign } from '../../markdown/table.js';
import { escapeText } from '../../markdown/text.js';
import { formatPercent } from '../figures/percent.js';
import type { CoverageReport } from '../figures/report.js';
import { reportRows, type ReportRow, type RowOptions } from './rows.js';
import { skipNotes } from './text-table.js';

/** The same table as a GFM table, padded so the Markdown source reads as a table too. */
export function formatMarkdownTable(
  report: CoverageReport,
  precision: number,
  options: RowOptions = {},
): string {
  const rows = reportRows(report, 'human', options);
  const header = [
    'Name',
    'Stmts',
    'Miss',
    ...(rows.hasBranchData ? ['Branch', 'BrPart'] : []),
    'Cover',
    'Missing',
  ];
  const cells = (name: string, { figures, missing }: ReportRow): string[] => [
    name,
    String(figures.statements),
    String(figures.missed),
    ...(rows.hasBranchData
      ? [String(figures.branches ?? 0), String(figures.partialBranches ?? 0)]
      : []),
    `${formatPercent(figures.percent, precision)}%`,
    missing,
  ];
  const table = rows.modules.map((row) => cells(escapeText(row.path), row));
  table.push(
    cells('**TOTAL**', rows.total).map((cell, index) =>
      index === 0 || cell === '' ? cell : `**${cell}**`,
    ),
  );
  const numeric = (column: number) => column > 0 && column < header.length - 1;
  const align = header.map((_, column): ColumnAlign => (numeric(column) ? 'right' : 'none'));
  const notes = skipNotes(rows);
  return `${gfmTable(header, table, { align })}\n${notes.length > 0 ? `${notes.join('\n')}\n` : ''}`;
}
