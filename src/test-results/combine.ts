/**
 * One run's results from the inputs read: the summary line's counts are pytest's own; JUnit XML
 * adds the total. When both are given they must describe the same run: JUnit's passed are the
 * line's passed plus its xpassed (JUnit cannot tell them apart), every other count is equal.
 */
import type { TestResults } from './results.js';

const SHARED = ['failed', 'errors', 'skipped', 'xfailed'] as const;

export type Combined =
  | { readonly ok: true; readonly results: TestResults }
  | { readonly ok: false; readonly mismatches: readonly string[] };

export function sumResults(parts: readonly TestResults[]): TestResults | undefined {
  if (parts.length === 0) return undefined;
  const sum: Record<string, number> = {};
  for (const part of parts)
    for (const [key, value] of Object.entries(part))
      if (typeof value === 'number') sum[key] = (sum[key] ?? 0) + value;
  return sum;
}

export function combineResults(
  junit: TestResults | undefined,
  summary: TestResults | undefined,
): Combined {
  if (summary === undefined) return { ok: true, results: junit ?? {} };
  if (junit === undefined) return { ok: true, results: summary };
  const mismatches: string[] = [];
  const junitPassed = junit.passed ?? 0;
  const linePassed = (summary.passed ?? 0) + (summary.xpassed ?? 0);
  if (junitPassed !== linePassed)
    mismatches.push(
      `passed: the JUnit XML has ${junitPassed}, the summary line ${summary.passed ?? 0} passed + ${summary.xpassed ?? 0} xpassed`,
    );
  for (const key of SHARED) {
    if ((junit[key] ?? 0) !== (summary[key] ?? 0))
      mismatches.push(
        `${key}: the JUnit XML has ${junit[key] ?? 0}, the summary line ${summary[key] ?? 0}`,
      );
  }
  if (mismatches.length > 0) return { ok: false, mismatches };
  return {
    ok: true,
    results: junit.total === undefined ? summary : { total: junit.total, ...summary },
  };
}
