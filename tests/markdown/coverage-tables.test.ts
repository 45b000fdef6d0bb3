/**
 * The coverage stage's Markdown tables (the report and the --diff) are laid out by gfmTable:
 * whatever the module paths hold, Prettier leaves them as they are and each row keeps its cells.
 */
import fc from 'fast-check';
import { format } from 'prettier';
import { describe, expect, it } from 'vitest';
import {
  diffReports,
  formatMarkdownDiff,
  formatMarkdownTable,
  type CoverageReport,
  type CoverageTotals,
  type ModuleCoverage,
} from '../../src/coverage/index.js';

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

const prettier = (markdown: string) => format(markdown, { parser: 'markdown' });

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
    .array(fc.constantFrom(...'abz09./-'.split(''), ...Array.from(special)), {
      minLength: 1,
      maxLength: 24,
    })
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
      statements: figures.statements,
      missed: figures.missed,
      branches: figures.branches,
      coveredBranches: figures.coveredBranches,
      partialBranches: figures.partialBranches,
      hasBranchData: figures.hasBranchData,
      percent: figures.percent,
      true100: figures.true100,
      path,
      name: path,
      missingLines: [],
      missingRanges: '',
      missingLineRanges: [],
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
      warnings: [],
      totals,
      modules,
    }));
}

describe('the coverage Markdown table', () => {
  it('is Prettier-stable and keeps one cell per column in every row, whatever the paths', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean().chain((branches) => report(branches)),
        fc.integer({ min: 0, max: 3 }),
        async (coverage, precision) => {
          const table = formatMarkdownTable(coverage, precision);
          expect(await prettier(table)).toBe(table);
          const columns = coverage.totals.hasBranchData ? 7 : 5;
          for (const row of rowsOf(table)) expect(row).toHaveLength(columns);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('the coverage diff in Markdown', () => {
  it('is Prettier-stable and keeps one cell per column in every row, whatever the paths', async () => {
    await fc.assert(
      fc.asyncProperty(
        report(false),
        report(false),
        fc.integer({ min: 0, max: 3 }),
        async (before, after, precision) => {
          const table = formatMarkdownDiff(diffReports(before, after), precision);
          expect(await prettier(table)).toBe(table);
          const tableLines = table.split('\n').filter((line) => line.startsWith('|'));
          expect(tableLines.length).toBeGreaterThanOrEqual(3);
          for (const row of rowsOf(tableLines.join('\n'))) expect(row).toHaveLength(5);
        },
      ),
      { numRuns: 100 },
    );
  });
});
