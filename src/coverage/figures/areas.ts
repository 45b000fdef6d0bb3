import type { CodeRegion } from '../raw/raw-report.js';
import type { LineRange } from './ranges.js';

/** A missing range and what encloses it: `BudgetManager.__init__`, `module level`. */
export interface MissingArea {
  readonly start: number;
  readonly end: number;
  /** The enclosing functions (innermost, qualified) in line order, then classes' bodies, else `module level`. */
  readonly label: string;
}

export const MODULE_LEVEL = 'module level';

/**
 * Names each missing range by the regions its missing lines lie in: the innermost function
 * (coverage.py's code_regions gives each line to one function at most), else a class body,
 * else module level. Only missing lines are looked up, so blank lines a range runs across
 * name nothing.
 */
export function labelAreas(
  ranges: readonly LineRange[],
  missingLines: readonly number[],
  regions: readonly CodeRegion[],
): MissingArea[] {
  const owner = new Map<number, string>();
  for (const kind of ['class', 'function'] as const) {
    for (const region of regions) {
      if (region.kind !== kind) continue;
      for (const line of region.lines) owner.set(line, region.name);
    }
  }
  let index = 0;
  return ranges.map(([start, end]) => {
    const names: string[] = [];
    while (index < missingLines.length && (missingLines[index] ?? 0) < start) index++;
    for (; index < missingLines.length && (missingLines[index] ?? 0) <= end; index++) {
      const name = owner.get(missingLines[index] ?? 0) ?? MODULE_LEVEL;
      if (!names.includes(name)) names.push(name);
    }
    return { start, end, label: names.join(', ') };
  });
}
