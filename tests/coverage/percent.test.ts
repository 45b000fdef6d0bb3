import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPercent, percentCovered } from '../../src/coverage/index.js';

describe('formatPercent: coverage.py display_covered', () => {
  it.each([
    [100, 2, '100.00'],
    [0, 2, '0.00'],
    [71.42857142857143, 2, '71.43'],
    [99.999, 2, '99.99'], // never 100 unless complete
    [99.995, 2, '99.99'],
    [0.001, 2, '0.01'], // never 0 unless nothing ran
    [0.4, 0, '1'],
    [99.5, 0, '99'],
    [12.5, 0, '12'], // Python rounds ties to even
    [13.5, 0, '14'],
    [0.125, 2, '0.12'], // an exact binary tie
    [2.675, 2, '2.67'], // really 2.67499999…
    [64.15094339622641, 0, '64'],
    [50, 1, '50.0'],
    [33.333333333333336, 9, '33.333333333'],
  ])('formatPercent(%d, %d) is %s', (value, precision, expected) => {
    expect(formatPercent(value, precision)).toBe(expected);
  });

  it('defaults to 2 decimals and refuses precisions coverage.py refuses', () => {
    expect(formatPercent(50)).toBe('50.00');
    expect(() => formatPercent(50, 10)).toThrow(RangeError);
  });

  it('shows 100 only for 100 and 0 only for 0, and otherwise agrees with toFixed away from ties', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.integer({ min: 0, max: 6 }),
        (value, precision) => {
          const shown = formatPercent(value, precision);
          if (value !== 100) expect(Number(shown)).toBeLessThan(100);
          if (value !== 0) expect(Number(shown)).toBeGreaterThan(0);
          const step = 1 / 10 ** precision;
          if (value >= step && value <= 100 - step)
            expect(Math.abs(Number(shown) - value)).toBeLessThanOrEqual(step / 2 + 1e-9);
        },
      ),
    );
  });
});

describe('percentCovered: (statements run + branches taken) / (statements + branches)', () => {
  it('counts as coverage.py counts', () => {
    expect(percentCovered(5, 4, 2, 1)).toBe((100 * 5) / 7);
    expect(percentCovered(0, 0, 0, 0)).toBe(100);
    expect(percentCovered(4, 0, 2, 0)).toBe(0);
  });
});
