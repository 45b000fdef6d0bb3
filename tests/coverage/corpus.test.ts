import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCoverageReport } from '../../src/coverage/index.js';

const corpus = fileURLToPath(new URL('../fixtures/coverage/corpus/', import.meta.url));

/**
 * Figures computed independently of trackgen, with a Python script over xml.etree: distinct
 * (filename, line) pairs per file; a class's own <lines>, else its methods' lines; a line is
 * covered if any copy has hits > 0; branches from the (n/m) of condition-coverage unless
 * branch="false"; partial = exits not taken on covered branch lines (coverage.py's BrPart).
 * Branch data is null where no line has (n/m) and the root does not declare branch mode
 * (branch-rate > 0 with branches-valid 0 or absent): only the OpenCover file declares it.
 * Cross-checked against SOURCES.md (dotnet-coverage 221 unique lines, 158 covered; gcovr-8.6
 * 17 unique lines; grcov 69/58; gcovr-5.0 cond sum 100/252; multi-source XML holds 29 lines).
 */
const expected: ReadonlyArray<readonly [string, Record<string, number | null>]> = [
  [
    'coveragepy/coveragepy-3.7.1_no-sources_dtd03.xml',
    {
      modules: 4,
      statements: 12,
      missed: 7,
      branches: null,
      coveredBranches: null,
      partialBranches: null,
    },
  ],
  [
    'coveragepy/coveragepy-5.0a2_branch_gold.xml',
    { modules: 1, statements: 5, missed: 1, branches: 2, coveredBranches: 1, partialBranches: 1 },
  ],
  [
    'coveragepy/coveragepy-7.10.6_windows-source_line-only.xml',
    {
      modules: 1,
      statements: 143,
      missed: 0,
      branches: null,
      coveredBranches: null,
      partialBranches: null,
    },
  ],
  [
    'coveragepy/coveragepy-7.16.1_branch_relative-source.xml',
    { modules: 4, statements: 27, missed: 5, branches: 10, coveredBranches: 5, partialBranches: 3 },
  ],
  [
    'coveragepy/coveragepy-7.16.2_multi-source_branch_LOCALLY-GENERATED.xml',
    { modules: 4, statements: 29, missed: 8, branches: 14, coveredBranches: 8, partialBranches: 4 },
  ],
  [
    'coveragepy/coveragepy-7.8.0_line-only_labrea.xml',
    {
      modules: 26,
      statements: 2017,
      missed: 107,
      branches: null,
      coveredBranches: null,
      partialBranches: null,
    },
  ],
  [
    'dotnet/coverlet_capitalized-bool_bom.xml',
    {
      modules: 18,
      statements: 255,
      missed: 99,
      branches: 14,
      coveredBranches: 9,
      partialBranches: 3,
    },
  ],
  [
    'dotnet/dotnet-coverage_no-sources_abs-windows-paths.xml',
    {
      modules: 18,
      statements: 221,
      missed: 63,
      branches: 18,
      coveredBranches: 15,
      partialBranches: 3,
    },
  ],
  [
    'dotnet/opencover-converted_bom_padded-source.xml',
    { modules: 1, statements: 12, missed: 3, branches: 0, coveredBranches: 0, partialBranches: 0 },
  ],
  [
    'gcovr/gcovr-2.5-prerelease_nested_2013.xml',
    { modules: 3, statements: 16, missed: 4, branches: 6, coveredBranches: 3, partialBranches: 3 },
  ],
  [
    'gcovr/gcovr-5.0_redis-ipc.xml',
    {
      modules: 1,
      statements: 572,
      missed: 227,
      branches: 252,
      coveredBranches: 100,
      partialBranches: 78,
    },
  ],
  [
    'gcovr/gcovr-8.6_gcc14_duplicate-line-numbers.xml',
    { modules: 3, statements: 17, missed: 2, branches: 10, coveredBranches: 8, partialBranches: 2 },
  ],
  [
    'gcovr/gcovr-8.6_windows_empty-source.xml',
    { modules: 1, statements: 9, missed: 2, branches: 4, coveredBranches: 2, partialBranches: 2 },
  ],
  [
    'go/gocover-cobertura_mux-1.8.1.xml',
    {
      modules: 5,
      statements: 946,
      missed: 148,
      branches: null,
      coveredBranches: null,
      partialBranches: null,
    },
  ],
  [
    'istanbul/istanbul_classes-without-package_100pct.xml',
    {
      modules: 2,
      statements: 51,
      missed: 0,
      branches: 16,
      coveredBranches: 16,
      partialBranches: 0,
    },
  ],
  [
    'jacoco-converters/jcc2c_jacoco-to-cobertura_bad-percent.xml',
    {
      modules: 2,
      statements: 200,
      missed: 30,
      branches: 58,
      coveredBranches: 46,
      partialBranches: 6,
    },
  ],
  [
    'java-cobertura/cobertura-1.9_maven-example_windows-source.xml',
    { modules: 4, statements: 34, missed: 3, branches: 12, coveredBranches: 9, partialBranches: 3 },
  ],
  [
    'java-cobertura/cobertura-2.1.1_multi-source_complexity-NaN.xml',
    { modules: 7, statements: 36, missed: 12, branches: 4, coveredBranches: 1, partialBranches: 3 },
  ],
  [
    'lua/luacov-cobertura_backslash-paths_sources-last.xml',
    {
      modules: 2,
      statements: 11,
      missed: 1,
      branches: null,
      coveredBranches: null,
      partialBranches: null,
    },
  ],
  [
    'matlab/matlab_NaN-rates_fractional-timestamp.xml',
    {
      modules: 9,
      statements: 278,
      missed: 175,
      branches: null,
      coveredBranches: null,
      partialBranches: null,
    },
  ],
  [
    'php/phpunit_path-coverage_no-line-branch-data.xml',
    {
      modules: 1,
      statements: 8,
      missed: 3,
      branches: null,
      coveredBranches: null,
      partialBranches: null,
    },
  ],
  [
    'ruby/simplecov-cobertura-2.1.0_no-branch-attrs.xml',
    {
      modules: 13,
      statements: 362,
      missed: 12,
      branches: null,
      coveredBranches: null,
      partialBranches: null,
    },
  ],
  [
    'rust/grcov_package-per-file_duplicate-methods.xml',
    {
      modules: 1,
      statements: 69,
      missed: 11,
      branches: null,
      coveredBranches: null,
      partialBranches: null,
    },
  ],
  [
    'rust/tarpaulin_minified_empty-package.xml',
    {
      modules: 1,
      statements: 11,
      missed: 11,
      branches: null,
      coveredBranches: null,
      partialBranches: null,
    },
  ],
  [
    'swift/swift_no-classes-wrapper_method-only-lines.xml',
    {
      modules: 1,
      statements: 2,
      missed: 1,
      branches: null,
      coveredBranches: null,
      partialBranches: null,
    },
  ],
];

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
