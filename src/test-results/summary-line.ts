/**
 * pytest's terminal summary line, "= 4 failed, 5 passed, 2 warnings, 3 errors in 0.13s =": the
 * only place a run's warnings are counted. pytest leaves out every outcome it has none of, so on
 * a summary line an outcome not named is zero.
 */
import type { TestResults } from './results.js';

/** pytest's words (singular and plural) for what it counts, and where trackgen records each. */
const WORDS: Readonly<Record<string, keyof TestResults | 'ignored'>> = {
  passed: 'passed',
  failed: 'failed',
  error: 'errors',
  errors: 'errors',
  skipped: 'skipped',
  xfailed: 'xfailed',
  xpassed: 'xpassed',
  warning: 'warnings',
  warnings: 'warnings',
  // Not tests of the run (deselected), or counted again on a later try (pytest-rerunfailures).
  deselected: 'ignored',
  rerun: 'ignored',
  reruns: 'ignored',
};

const SUMMARY = /^=*\s*(?<counts>.*?)\s+in\s+[\d.]+s(?:\s+\([\d:.]+\))?\s*=*$/;
// eslint-disable-next-line no-control-regex -- colour codes are what a captured terminal holds
const COLOUR = /\x1b\[[0-9;]*m/g;

export type SummaryParse =
  | { readonly ok: true; readonly results: TestResults }
  | { readonly ok: false; readonly column: number; readonly message: string };

/** Whether a line of pytest's output is its summary line (before its counts are checked). */
export function looksLikeSummaryLine(line: string): boolean {
  const match = SUMMARY.exec(line.replace(COLOUR, '').trim());
  const counts = match?.groups?.['counts'];
  return counts !== undefined && /^(no tests ran|\d+ [a-z]+(, \d+ [a-z]+)*)$/.test(counts);
}

export function parseSummaryLine(line: string): SummaryParse {
  const plain = line.replace(COLOUR, '');
  const trimmed = plain.trim();
  const start = plain.indexOf(trimmed);
  const match = SUMMARY.exec(trimmed);
  const counts = match?.groups?.['counts'];
  if (counts === undefined)
    return {
      ok: false,
      column: start + 1,
      message: `expected pytest's summary line, such as "2730 passed, 1 skipped, 2 warnings in 50.21s", found "${trimmed}"`,
    };
  const results: Record<string, number> = {
    passed: 0,
    failed: 0,
    errors: 0,
    skipped: 0,
    xfailed: 0,
    xpassed: 0,
    warnings: 0,
  };
  if (counts === 'no tests ran') return { ok: true, results };
  const countsAt = start + trimmed.indexOf(counts);
  let offset = 0;
  for (const part of counts.split(', ')) {
    const item = /^(\d+) ([a-z]+)$/.exec(part);
    const field = item === null ? undefined : WORDS[item[2] ?? ''];
    if (item === null || field === undefined)
      return {
        ok: false,
        column: countsAt + offset + 1,
        message: `expected a count and one of pytest's words (${Object.keys(WORDS).join(', ')}), found "${part}"`,
      };
    if (field !== 'ignored') results[field] = (results[field] ?? 0) + Number(item[1]);
    offset += part.length + 2;
  }
  return { ok: true, results };
}
