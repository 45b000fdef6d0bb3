/**
 * gfmTable can write the coverage stage's two hand-laid-out Markdown tables byte for byte, so
 * src/coverage can switch to it: each table is split back into the rows its formatter built and
 * laid out again with gfmTable and the column alignment the formatter uses.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  diffReports,
  formatDiff,
  formatMarkdownTable,
  type CoverageReport,
  type CoverageTotals,
  type ModuleCoverage,
} from '../../src/coverage/index.js';
import { gfmTable, type ColumnAlign } from '../../src/markdown/table.js';

/** The cells of each line of a padded GFM table (a backslash-escaped `|` stays in its cell). */
function rowsOf(table: string): string[][] {
  return table
    .trimEnd()
    .split('\n')
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
}

function relaidOut(table: string, align: readonly ColumnAlign[]): string {
  const [header = [], , ...body] = rowsOf(table);
  return `${gfmTable(header, body, { align })}\n`;
}

const count = fc.integer({ min: 0, max: 120_000 });

function totals(branches: boolean): fc.Arbitrary<CoverageTotals> {
  return fc
    .record({
      statements: count,
      missed: count,
      branches: count,
      partialBranches: count,
      percent: fc.double({ min: 0, max: 100, noNaN: true }),
    })
    .map((figures) => ({
      ...figures,
      branches: branches ? figures.branches : null,
      coveredBranches: branches ? figures.branches : null,
      partialBranches: branches ? figures.partialBranches : null,
      true100: false,
      hasBranchData: branches,
    }));
}

/** Module paths with every character the coverage table escapes. */
function pathOf(special: string): fc.Arbitrary<string> {
  return fc
    .array(fc.constantFrom(...'abz09./-'.split(''), ...special), { minLength: 1, maxLength: 24 })
    .map((chars) => chars.join(''));
}

function report(branches: boolean, path = pathOf('_*|\\`[]<>')): fc.Arbitrary<CoverageReport> {
  const module = fc
    .record({
      path,
      figures: totals(branches),
      missing: fc.constantFrom('', '3', '12-19, 40', '5-7, 26->30, 54->exit'),
    })
    .map(({ path, figures, missing }): ModuleCoverage => ({
      ...figures,
      path,
      name: path,
      missingLines: [],
      missingRanges: '',
      partialArcs: [],
      missing,
      lastLine: 0,
    }));
  return fc
    .record({
      totals: totals(branches),
      modules: fc.uniqueArray(module, { selector: (entry) => entry.path, maxLength: 6 }),
    })
    .map(({ totals, modules }) => ({
      source: 'coverage.xml',
      sources: ['coverage.xml'],
      sourceRoots: [],
      totals,
      modules,
    }));
}

describe('the coverage Markdown table through gfmTable', () => {
  it('is byte-identical: Name and Missing as they are, the figures right-aligned', () => {
    fc.assert(
      fc.property(
        fc.boolean().chain(report),
        fc.integer({ min: 0, max: 3 }),
        (coverage, precision) => {
          const table = formatMarkdownTable(coverage, precision);
          const columns = coverage.totals.hasBranchData ? 7 : 5;
          const align = Array.from({ length: columns }, (_, column): ColumnAlign =>
            column > 0 && column < columns - 1 ? 'right' : 'none',
          );
          expect(relaidOut(table, align)).toBe(table);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('the coverage diff table through gfmTable', () => {
  it('is byte-identical: Before, After and Delta right-aligned', () => {
    const align: ColumnAlign[] = ['none', 'right', 'right', 'right', 'none'];
    fc.assert(
      fc.property(
        // The diff writes paths unescaped: a `|` in one would split the row before any layout.
        report(false, pathOf('_*\\`[]<>')),
        report(false, pathOf('_*\\`[]<>')),
        fc.integer({ min: 0, max: 3 }),
        (before, after, precision) => {
          const table = formatDiff(diffReports(before, after), precision, true);
          expect(relaidOut(table, align)).toBe(table);
        },
      ),
      { numRuns: 150 },
    );
  });
});
