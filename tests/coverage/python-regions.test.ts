import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pythonRegions } from '../../src/coverage/index.js';
import { labelMissingRanges } from '../../src/model/coverage-lookup.js';
import { labelAreas } from '../../src/coverage/figures/areas.js';

const ledger = fileURLToPath(
  new URL('../fixtures/coverage/ledgerproject/ledger/', import.meta.url),
);

describe('Python regions without Python (coverage.py code_regions)', () => {
  it('finds functions and methods by indentation, decorators, nesting and async', () => {
    const regions = pythonRegions(readFileSync(`${ledger}budget.py`, 'utf8'));
    const names = regions.filter((region) => region.kind === 'function').map((r) => r.name);
    expect(names).toEqual([
      'BudgetManager.__init__',
      'BudgetManager.reset',
      'BudgetManager.limit',
      'BudgetManager.spend',
      'BudgetManager.remaining',
      'BudgetManager.report',
      'BudgetManager.transaction',
      'BudgetManager.parse_limits',
      'BudgetManager.export',
      'summarize',
      'summarize.describe',
    ]);
    const reset = regions.find((region) => region.name === 'BudgetManager.reset');
    expect(reset?.lines).toEqual([24, 25, 26, 27, 28, 29]);
    // The nested function's body is not the enclosing one's; its `def` line is (regions.py).
    expect(regions.find((region) => region.name === 'summarize')?.lines).toEqual([95, 103]);
  });

  it('is not fooled by strings, comments, multi-line signatures and one-liners', () => {
    const source = [
      '"""def fake():',
      '    pass"""',
      'x = "def nope(): pass"  # def comment():',
      'def long(',
      '    a,',
      '    b="def x():",',
      '):',
      '    return a',
      '',
      'def short(): return 1',
      'async def later():',
      '    await x',
    ].join('\n');
    expect(pythonRegions(source)).toEqual([
      { kind: 'function', name: 'long', lines: [8] },
      { kind: 'function', name: 'short', lines: [10] },
      { kind: 'function', name: 'later', lines: [12] },
    ]);
  });

  it("renders the tracker's Missing Coverage Areas block, a person's label winning", () => {
    const regions = pythonRegions(readFileSync(`${ledger}budget.py`, 'utf8'));
    const ranges = [
      [21, 21],
      [24, 29],
      [40, 40],
      [64, 71],
      [75, 85],
      [88, 91],
      [100, 100],
    ] as const;
    const missing = ranges.flatMap(([start, end]) =>
      Array.from({ length: end - start + 1 }, (_, index) => start + index),
    );
    const named = labelAreas(ranges, missing, regions);
    const areas = labelMissingRanges(ranges, [{ from: 75, to: 85, label: 'Limit parsing' }], named);
    const block = [
      '**Missing Coverage Areas**:',
      '',
      ...areas.map(({ lines, label }) => `- Lines ${lines}${label === null ? '' : `: ${label}`}`),
    ].join('\n');
    console.log(block);
    expect(block).toBe(`**Missing Coverage Areas**:

- Lines 21: BudgetManager.__init__
- Lines 24-29: BudgetManager.reset
- Lines 40: BudgetManager.spend
- Lines 64-71: BudgetManager.transaction
- Lines 75-85: Limit parsing
- Lines 88-91: BudgetManager.export
- Lines 100: summarize.describe`);
  });
});
