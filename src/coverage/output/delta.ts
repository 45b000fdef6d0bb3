import { formatPercent } from '../figures/percent.js';

/** Differences smaller than this are float noise, not a change. */
export const EPSILON = 1e-9;

/** A change in percentage points with its sign ("+1.75", "-11.11"); no sign when nothing changed. */
export function signedDelta(value: number, precision: number): string {
  const text = formatPercent(Math.abs(value), precision);
  return Math.abs(value) <= EPSILON ? text : `${value < 0 ? '-' : '+'}${text}`;
}
