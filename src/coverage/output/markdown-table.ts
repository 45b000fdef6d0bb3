import { formatPercent } from '../figures/percent.js';
import type { CoverageReport } from '../figures/report.js';
import { reportRows, type ReportRow } from './rows.js';

/** The same table as a GFM table, padded so the Markdown source reads as a table too. */
export function formatMarkdownTable(report: CoverageReport, precision: number): string {
  const rows = reportRows(report);
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
  const table = rows.modules.map((row) => cells(escapeMarkdown(row.path), row));
  table.push(
    cells('**TOTAL**', rows.total).map((cell, index) =>
      index === 0 || cell === '' ? cell : `**${cell}**`,
    ),
  );
  const widths = header.map((title, column) =>
    Math.max(title.length, 3, ...table.map((row) => (row[column] ?? '').length)),
  );
  const numeric = (column: number) => column > 0 && column < header.length - 1;
  const line = (row: readonly string[]) =>
    `| ${row.map((cell, column) => (numeric(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0))).join(' | ')} |`;
  const rule = `| ${widths.map((size, column) => (numeric(column) ? `${'-'.repeat(size - 1)}:` : '-'.repeat(size))).join(' | ')} |`;
  return `${[line(header), rule, ...table.map(line)].join('\n')}\n`;
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1');
}
