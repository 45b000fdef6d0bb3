import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCoverageReport } from '../../src/coverage/index.js';

const corpus = fileURLToPath(new URL('../fixtures/coverage/corpus/', import.meta.url));

/**
 * Figures computed independently of trackgen by scripts/corpus-figures.py (Python, xml.etree;
 * corpus-script.test.ts checks that it still prints them): distinct (filename, line) pairs per
 * file; a class's own <lines>, else its methods' lines; a line is covered if any copy has
 * hits > 0; branches from the (n/m) of condition-coverage unless branch="false"; partial = exits
 * not taken on covered branch lines (coverage.py's BrPart). Branch data is null where no line has
 * (n/m) and the root does not declare branch mode (branch-rate > 0 with branches-valid 0 or
 * absent): only the OpenCover file declares it. Cross-checked against SOURCES.md
 * (dotnet-coverage 221 unique lines, 158 covered; gcovr-8.6 17 unique lines; grcov 69/58;
 * gcovr-5.0 cond sum 100/252; multi-source XML holds 29 lines).
 */
const expected = Object.entries(
  JSON.parse(
    readFileSync(
      fileURLToPath(new URL('../fixtures/coverage/corpus-figures.json', import.meta.url)),
      'utf8',
    ),
  ) as Record<string, Record<string, number | null>>,
);

describe('every report in the Cobertura corpus parses to independently computed figures', () => {
  it('covers every file of the corpus', () => {
    const files = readdirSync(corpus, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.xml'))
      .map((file) => file.replace(/\\/g, '/'))
      .sort();
    expect(files).toEqual(expected.map(([file]) => file).sort());
  });

  it.each(expected)('%s', (file, figures) => {
    const report = readCoverageReport(corpus + file, file);
    const { modules, ...totals } = figures;
    expect(report.modules).toHaveLength(modules ?? -1);
    expect({
      statements: report.totals.statements,
      missed: report.totals.missed,
      branches: report.totals.branches,
      coveredBranches: report.totals.coveredBranches,
      partialBranches: report.totals.partialBranches,
    }).toEqual(totals);
    const covered =
      report.totals.statements - report.totals.missed + (report.totals.coveredBranches ?? 0);
    const all = report.totals.statements + (report.totals.branches ?? 0);
    expect(report.totals.percent).toBe(all === 0 ? 100 : (100 * covered) / all);
    for (const module of report.modules) {
      expect(module.path).not.toMatch(/\\|^\.\//);
      expect(module.missingLines).toHaveLength(module.missed);
    }
  });
});

describe('corpus quirks', () => {
  const read = (file: string) => readCoverageReport(corpus + file, file);

  it('coverage.py 7.16.1, relative source: missing ranges, names, partial arcs to missing lines left out', () => {
    const report = read('coveragepy/coveragepy-7.16.1_branch_relative-source.xml');
    expect(report.sourceRoots).toEqual(['myPackage']);
    expect(report.modules.map((module) => [module.path, module.name])).toEqual([
      ['Shapes.py', 'Shapes.py'],
      ['Units/Length.py', 'Length.py'],
      ['Units/__init__.py', 'Units/__init__.py'],
      ['__init__.py', '__init__.py'],
    ]);
    const length = report.modules[1];
    // Line 14 never ran (0/2): missed, not partial; line 12's arc goes to missing line 14.
    expect(length).toMatchObject({
      statements: 8,
      missed: 3,
      branches: 6,
      coveredBranches: 3,
      partialBranches: 1,
      missingRanges: '14-17',
      partialArcs: [],
    });
    expect(report.modules[2]).toMatchObject({ statements: 0, percent: 100, true100: true });
  });

  it('coverage.py 7.16.2, two sources: a loop back-edge arc is listed', () => {
    const report = read('coveragepy/coveragepy-7.16.2_multi-source_branch_LOCALLY-GENERATED.xml');
    const core = report.modules.find((module) => module.path === 'alpha/core.py');
    expect(core).toMatchObject({
      missingRanges: '6, 16, 21-25',
      partialArcs: ['30->29'],
      missing: '6, 16, 21-25, 30->29',
      partialBranches: 3,
    });
  });

  it('gcovr 8.6: the same line twice in one class counts once, covered if either copy ran', () => {
    const report = read('gcovr/gcovr-8.6_gcc14_duplicate-line-numbers.xml');
    expect(
      report.modules.find((module) => module.path === 'exclude-line-branch/foo.cpp'),
    ).toMatchObject({ statements: 9, missed: 2, missingRanges: '8, 10' });
  });

  it('Swift: lines only under methods count; luacov: backslash paths lose their .\\ prefix', () => {
    expect(read('swift/swift_no-classes-wrapper_method-only-lines.xml').modules[0]).toMatchObject({
      path: 'test_folder/firstTest.swift',
      statements: 2,
      missed: 1,
    });
    expect(
      read('lua/luacov-cobertura_backslash-paths_sources-last.xml').modules.map(
        (module) => module.path,
      ),
    ).toEqual(['scripts/maths.lua', 'tests/test.lua']);
  });

  it('istanbul: TRUE 100% from the lines, whatever branches-valid says', () => {
    const report = read('istanbul/istanbul_classes-without-package_100pct.xml');
    expect(report.totals).toMatchObject({
      branches: 16,
      coveredBranches: 16,
      percent: 100,
      true100: true,
    });
  });

  it('reports without branch data say so instead of claiming 0 or 100% of branches', () => {
    for (const file of [
      'ruby/simplecov-cobertura-2.1.0_no-branch-attrs.xml',
      'matlab/matlab_NaN-rates_fractional-timestamp.xml',
      'php/phpunit_path-coverage_no-line-branch-data.xml',
    ]) {
      expect(read(file).totals).toMatchObject({
        hasBranchData: false,
        branches: null,
        true100: false,
      });
    }
  });

  it('absolute Windows file names stay whole when no <source> matches', () => {
    const report = read('dotnet/dotnet-coverage_no-sources_abs-windows-paths.xml');
    expect(report.modules.map((module) => module.path)).toContain('C:/temp/AbstractClass.cs');
    expect(report.modules.find((module) => module.path === 'C:/temp/AbstractClass.cs')?.name).toBe(
      'AbstractClass.cs',
    );
  });
});
