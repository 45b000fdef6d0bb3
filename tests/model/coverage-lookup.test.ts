import { describe, expect, it } from 'vitest';
import type { CoverageReport, ModuleCoverage } from '../../src/coverage/index.js';
import { findModuleCoverage, labelMissingRanges } from '../../src/model/coverage-lookup.js';

const module = (path: string): ModuleCoverage => ({
  path,
  name: path.split('/').pop() ?? path,
  statements: 10,
  missed: 0,
  branches: 0,
  coveredBranches: 0,
  partialBranches: 0,
  percent: 100,
  true100: true,
  hasBranchData: true,
  missing: '',
  missingLines: [],
  missingRanges: '',
  missingLineRanges: [],
  partialArcs: [],
  lastLine: 10,
});

const report = (...paths: string[]): CoverageReport => ({
  source: 'coverage.xml',
  sources: ['coverage.xml'],
  sourceRoots: [],
  warnings: [],
  totals: {
    statements: 0,
    missed: 0,
    branches: 0,
    coveredBranches: 0,
    partialBranches: 0,
    percent: 100,
    true100: true,
    hasBranchData: true,
  },
  modules: paths.map(module),
});

describe('finding a module in the report', () => {
  it('matches exactly, or by a path suffix on a directory boundary, preferring the longest', () => {
    const r = report(
      'services/sync.py',
      'app/services/sync.py',
      'async.py',
      'core/config.py',
      'database/config.py',
    );
    expect(findModuleCoverage(r, 'app/services/sync.py')?.path).toBe('app/services/sync.py');
    expect(findModuleCoverage(r, 'services/sync.py')?.path).toBe('app/services/sync.py');
    expect(findModuleCoverage(r, 'app/core/config.py')?.path).toBe('core/config.py');
    expect(findModuleCoverage(r, 'app/database/config.py')?.path).toBe('database/config.py');
    expect(findModuleCoverage(r, 'app/sync.py')).toBeUndefined();
    expect(findModuleCoverage(report('src\\win\\mod.py'), 'win/mod.py')).toBeDefined();
    expect(findModuleCoverage(undefined, 'a.py')).toBeUndefined();
  });
});

describe('labelling missing ranges', () => {
  it('groups the report’s ranges under the areas a person labelled, in order', () => {
    const areas = [
      { from: 109, to: 166, label: 'Budget initialization' },
      { from: 323, to: 350, label: 'Budget queries' },
      { from: 686, to: 712, label: 'Utility methods' },
    ];
    const missing = [
      [109, 166],
      [170, 179],
      [323, 323],
      [340, 350],
      [686, 686],
      [691, 691],
      [703, 703],
      [712, 712],
    ] as const;
    expect(labelMissingRanges(missing, areas)).toEqual([
      { lines: '109-166', label: 'Budget initialization' },
      { lines: '170-179', label: null },
      { lines: '323, 340-350', label: 'Budget queries' },
      { lines: '686, 691, 703, 712', label: 'Utility methods' },
    ]);
  });

  it('drops a label whose lines are all covered now', () => {
    const missing = [
      [12, 12],
      [40, 41],
    ] as const;
    expect(labelMissingRanges(missing, [{ from: 100, to: 200, label: 'gone' }])).toEqual([
      { lines: '12, 40-41', label: null },
    ]);
    expect(labelMissingRanges([], [{ from: 100, to: 200, label: 'gone' }])).toEqual([]);
  });
});
