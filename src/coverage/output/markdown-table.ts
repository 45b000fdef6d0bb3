import { formatPercent } from '../figures/percent.js';
import type { CoverageReport } from '../figures/report.js';
import type { CoverageTotals } from '../figures/totals.js';
import { humanCompare } from './rows.js';

/** The same table as a GFM table, padded so the Markdown source reads as a table too. */
export function formatMarkdownTable(report: CoverageReport, precision: number): string {
  const branches = report.totals.hasBranchData;
  const header = [
    'Name',
    'Stmts',
    'Miss',
    ...(branches ? ['Branch', 'BrPart'] : []),
    'Cover',
    'Missing',
  ];
  const cells = (name: string, figures: CoverageTotals, missing: string): string[] => [
    name,
    String(figures.statements),
    String(figures.missed),
    ...(branches ? [String(figures.branches ?? 0), String(figures.partialBranches ?? 0)] : []),
    `${formatPercent(figures.percent, precision)}%`,
    missing,
  ];
  const modules = [...report.modules].sort((a, b) => humanCompare(a.path, b.path));
  const rows = modules.map((module) => cells(escapeMarkdown(module.path), module, module.missing));
  rows.push(
    cells('**TOTAL**', report.totals, '').map((cell, index) =>
      index === 0 || cell === '' ? cell : `**${cell}**`,
    ),
  );
  const widths = header.map((title, column) =>
    Math.max(title.length, 3, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const numeric = (column: number) => column > 0 && column < header.length - 1;
  const line = (row: readonly string[]) =>
    `| ${row.map((cell, column) => (numeric(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0))).join(' | ')} |`;
  const rule = `| ${widths.map((size, column) => (numeric(column) ? `${'-'.repeat(size - 1)}:` : '-'.repeat(size))).join(' | ')} |`;
  return `${[line(header), rule, ...rows.map(line)].join('\n')}\n`;
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1');
}
