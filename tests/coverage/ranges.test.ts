import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatMissing,
  formatPartialArcs,
  formatRanges,
  shortNames,
} from '../../src/coverage/index.js';
import {
  arcItems,
  missingColumn,
  type FlatArcs,
  type LineItem,
  type LineRange,
} from '../../src/coverage/figures/ranges.js';

/** The same arcs, also offering the flat listing a reader that keeps them flat offers. */
function withFlatListing(
  arcs: ReadonlyMap<number, readonly number[]>,
): ReadonlyMap<number, readonly number[]> & FlatArcs {
  const flat = [...arcs].flatMap(([line, destinations]) =>
    destinations.map((destination) => [line, destination] as const),
  );
  return Object.assign(new Map(arcs), {
    forEachArc(visit: (line: number, destination: number) => void) {
      for (const [line, destination] of flat) visit(line, destination);
    },
  });
}

describe("coverage.py's format_lines", () => {
  it('groups across lines that are not statements, breaking at executed statements (its docstring example)', () => {
    expect(formatRanges([1, 2, 3, 4, 5, 10, 11, 12, 13, 14], [1, 2, 5, 10, 11, 13, 14])).toBe(
      '1-2, 5-11, 13-14',
    );
    expect(
      formatRanges(
        [109, 120, 166, 170, 179, 200, 323, 340, 350],
        [109, 120, 166, 170, 179, 323, 340, 350],
      ),
    ).toBe('109-179, 323-350');
    expect(formatRanges([1, 2], [])).toBe('');
  });

  it('interleaves ranges and arcs by line, leaving out arcs from or to a missing line', () => {
    const statements = [16, 20, 26, 30, 36, 40, 42, 43, 45, 50, 54];
    const missing = [16, 36, 42, 43, 50];
    const arcs = new Map([
      [26, [30]],
      [54, [-1]],
      [20, [50]],
      [42, [54]],
    ]);
    expect(formatMissing(statements, missing, arcs)).toBe('16, 26->30, 36, 42-43, 50, 54->exit');
    expect(formatPartialArcs(arcs, new Set(missing))).toEqual(['26->30', '54->exit']);
  });

  it('sorts arcs of one line as Python sorts their text: 5->10 before 5->7, exit last', () => {
    expect(formatPartialArcs(new Map([[5, [-1, 7, 10]]]), new Set())).toEqual([
      '5->10',
      '5->7',
      '5->exit',
    ]);
  });
});

describe('missing arcs listed flat', () => {
  it('give the same Missing column and partial arcs as the map they list', () => {
    const line = fc.integer({ min: 1, max: 60 });
    fc.assert(
      fc.property(
        fc.uniqueArray(line, { maxLength: 30 }),
        fc.uniqueArray(line, { maxLength: 30 }),
        fc.array(
          fc.tuple(line, fc.uniqueArray(fc.integer({ min: -2, max: 60 }), { minLength: 1 })),
        ),
        (statementList, missingList, arcList) => {
          const statements = [...statementList].sort((a, b) => a - b);
          const missing = statements.filter((value) => missingList.includes(value));
          const arcs = new Map(arcList);
          const flat = withFlatListing(arcs);
          expect(formatMissing(statements, missing, flat)).toBe(
            formatMissing(statements, missing, arcs),
          );
          expect(formatPartialArcs(flat, new Set(missing))).toEqual(
            formatPartialArcs(arcs, new Set(missing)),
          );
        },
      ),
    );
  });
});

describe('the Missing column', () => {
  /** The column as sorting ranges and arcs together makes it (the reader's first version). */
  function sortedTogether(ranges: readonly LineRange[], arcs: readonly LineItem[]): string {
    const items: LineItem[] = ranges.map(([start, end]) => [
      start,
      start === end ? String(start) : `${start}-${end}`,
    ]);
    return items
      .concat(arcs)
      .sort(([a, x], [b, y]) => a - b || (x < y ? -1 : x > y ? 1 : 0))
      .map(([, text]) => text)
      .join(', ');
  }

  it('merges the sorted ranges and arcs as sorting them together would', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 80 }), { maxLength: 30 }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 80 }), fc.integer({ min: -1, max: 80 })), {
          maxLength: 30,
        }),
        (starts, arcPairs) => {
          const sortedStarts = [...starts].sort((a, b) => a - b);
          const ranges: LineRange[] = sortedStarts.map((start, index) => [
            start,
            Math.max(start, Math.min((sortedStarts[index + 1] ?? start + 3) - 1, start + 2)),
          ]);
          const arcs = arcItems(
            new Map(arcPairs.map(([line, destination]) => [line, [destination]] as const)),
            new Set(),
          );
          expect(missingColumn(ranges, arcs)).toBe(sortedTogether(ranges, arcs));
        },
      ),
    );
  });
});

describe('short names', () => {
  it('basename where unique, else the shortest unique path suffix', () => {
    const names = shortNames([
      'app/models/user.py',
      'app/api/user.py',
      'app/sync.py',
      '__init__.py',
      'app/__init__.py',
      'x/app/sync.py',
    ]);
    expect(Object.fromEntries(names)).toEqual({
      'app/models/user.py': 'models/user.py',
      'app/api/user.py': 'api/user.py',
      'app/sync.py': 'app/sync.py',
      'x/app/sync.py': 'x/app/sync.py',
      '__init__.py': '__init__.py',
      'app/__init__.py': 'app/__init__.py',
    });
  });
});
