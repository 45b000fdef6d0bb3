import { formatPercent } from './percent.js';
import type { CoverageTotals } from './totals.js';

/**
 * coverage.py's `should_fail_under` (results.py): the total rounded to the precision shown is
 * compared with the threshold, except that 100 means truly 100. Returns the message coverage.py
 * prints (`Coverage failure: total of 92 is less than fail-under=95`), or undefined when the
 * total is high enough.
 */
export function shouldFailUnder(
  totals: CoverageTotals,
  failUnder: number,
  precision: number,
): string | undefined {
  const total = totals.percent;
  const rounded = Number(total.toFixed(precision));
  const fails = failUnder === 100 ? total !== 100 : rounded < failUnder;
  if (!fails) return undefined;
  return `Coverage failure: total of ${formatPercent(total, precision)} is less than fail-under=${failUnder.toFixed(precision)}`;
}
