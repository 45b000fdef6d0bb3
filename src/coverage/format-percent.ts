/**
 * coverage.py's display rule (Numbers.display_covered): never show 100 unless complete, nor 0
 * unless nothing ran; otherwise round to `precision` decimals.
 */
export function formatPercent(percent: number, precision = 2): string {
  const nearZero = 1 / 10 ** precision;
  let shown: number;
  if (percent > 0 && percent < nearZero) shown = nearZero;
  else if (percent > 100 - nearZero && percent < 100) shown = 100 - nearZero;
  else shown = percent;
  return shown.toFixed(precision);
}
