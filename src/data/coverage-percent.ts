/**
 * coverage.py's percent: 100 * (covered statements + covered branches) / (statements + branches),
 * 100 when there are no statements; and its display rule (Numbers.display_covered): never
 * "100" unless complete nor "0" unless nothing ran — values in between clamp to the nearest
 * step — otherwise Python's round-half-even of the exact binary value.
 */
export function percentCovered(
  statements: number,
  covered: number,
  branches: number,
  coveredBranches: number,
): number {
  if (statements <= 0) return 100;
  return (100 * (covered + coveredBranches)) / (statements + branches);
}

export const DEFAULT_PRECISION = 2;

/** `formatPercent(99.999, 2)` is "99.99"; `formatPercent(100, 0)` is "100". Precision 0–9. */
export function formatPercent(value: number, precision = DEFAULT_PRECISION): string {
  if (!Number.isInteger(precision) || precision < 0 || precision > 9) {
    throw new RangeError(`precision must be an integer from 0 to 9, got ${precision}`);
  }
  const near0 = 1 / 10 ** precision;
  if (value > 0 && value < near0) return near0.toFixed(precision);
  if (value > 100 - near0 && value < 100) return (100 - near0).toFixed(precision);
  return roundHalfEven(value, precision);
}

/** Rounds the exact decimal expansion of a double, ties to even, as Python's round() does. */
function roundHalfEven(value: number, precision: number): string {
  if (!Number.isFinite(value)) return String(value);
  const negative = value < 0;
  const magnitude = Math.abs(value);
  // toFixed rounds the exact value too, and differs only on an exact tie (it rounds half up):
  // away from a tie, by far more than the float error of scaling, its digits are the answer.
  const scaled = magnitude * 10 ** precision;
  if (
    magnitude < 1e15 &&
    Math.abs(scaled - Math.floor(scaled) - 0.5) > 1e-6 * Math.max(1, scaled)
  ) {
    const digits = magnitude.toFixed(precision);
    return negative && /[1-9]/.test(digits) ? `-${digits}` : digits;
  }
  // toFixed(100) is exact for doubles of this size: every binary fraction has a finite expansion.
  const exact = magnitude.toFixed(100);
  const point = exact.indexOf('.');
  const kept = exact.slice(0, point) + exact.slice(point + 1, point + 1 + precision);
  const rest = exact.slice(point + 1 + precision);
  const first = rest.charCodeAt(0) - 48;
  const beyondHalf = /[1-9]/.test(rest.slice(1));
  const lastKept = kept.charCodeAt(kept.length - 1) - 48;
  const roundUp = first > 5 || (first === 5 && (beyondHalf || lastKept % 2 === 1));
  let digits = roundUp ? increment(kept) : kept;
  if (precision > 0)
    digits = `${digits.slice(0, -precision) || '0'}.${digits.slice(-precision).padStart(precision, '0')}`;
  digits = digits.replace(/^0+(?=\d)/, '');
  return negative && /[1-9]/.test(digits) ? `-${digits}` : digits;
}

function increment(digits: string): string {
  const chars = digits.split('');
  for (let index = chars.length - 1; index >= 0; index--) {
    if (chars[index] === '9') chars[index] = '0';
    else {
      chars[index] = String(Number(chars[index]) + 1);
      return chars.join('');
    }
  }
  return `1${chars.join('')}`;
}
