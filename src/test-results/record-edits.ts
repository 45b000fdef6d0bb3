/**
 * Pure: puts a run's test results into a session record's text by offsets. The figures of a run
 * are replaced as a set, so no count of an earlier run stays beside them: a figure these results
 * cannot tell (warnings from JUnit XML alone) is removed, and the caller is told which. "created"
 * is no figure of a run and stays, and so does every other byte: indentation, key order, line
 * endings.
 */
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { removeJsonValue, setJsonValue } from '../data/edit-json.js';
import type { TestResults } from './results.js';

/** The record's `tests` keys in the schema's order, and the result each comes from. */
export const RECORDED_FIGURES = [
  ['created', undefined],
  ['total', 'total'],
  ['passing', 'passed'],
  ['failed', 'failed'],
  ['errors', 'errors'],
  ['skipped', 'skipped'],
  ['xfailed', 'xfailed'],
  ['xpassed', 'xpassed'],
  ['warnings', 'warnings'],
] as const satisfies readonly (readonly [string, keyof TestResults | undefined])[];

export type RecordedFigure = (typeof RECORDED_FIGURES)[number][0];

/** The `tests` figures the results give, in the schema's order. */
export function recordedTests(results: TestResults): Partial<Record<RecordedFigure, number>> {
  const figures: Partial<Record<RecordedFigure, number>> = {};
  for (const [key, from] of RECORDED_FIGURES) {
    const value = from === undefined ? undefined : results[from];
    if (value !== undefined) figures[key] = value;
  }
  return figures;
}

export interface TestsEdit {
  /** The record's new text. */
  readonly text: string;
  /** Figures of an earlier run the results could not replace, removed, with their values. */
  readonly removed: readonly { readonly key: RecordedFigure; readonly value: unknown }[];
}

/** The record's text with the results in its `tests` object (created when there is none). */
export function writeTestResults(text: string, results: TestResults): TestsEdit {
  const figures = recordedTests(results);
  const tree = parseTree(text);
  const tests = tree === undefined ? undefined : findNodeAtLocation(tree, ['tests']);
  if (tests?.type !== 'object') {
    const after = ['projectCoverage', 'modules', 'title', 'status'].find(
      (key) => tree !== undefined && findNodeAtLocation(tree, [key]) !== undefined,
    );
    return {
      text: setJsonValue(text, ['tests'], figures, after === undefined ? {} : { after }),
      removed: [],
    };
  }
  let out = text;
  const removed: { key: RecordedFigure; value: unknown }[] = [];
  for (const [key, from] of RECORDED_FIGURES) {
    const value = figures[key];
    if (value !== undefined) {
      out = setJsonValue(out, ['tests', key], value, { after: previousKey(out, key) });
      continue;
    }
    const stale = from === undefined ? undefined : findNodeAtLocation(tests, [key]);
    if (stale !== undefined) {
      removed.push({ key, value: stale.value });
      out = removeJsonValue(out, ['tests', key]);
    }
  }
  return { text: out, removed };
}

/** The nearest key before `key` (in the schema's order) that the record's `tests` holds. */
function previousKey(text: string, key: RecordedFigure): string {
  const tree = parseTree(text);
  const order = RECORDED_FIGURES.map(([name]) => name);
  for (let index = order.indexOf(key) - 1; index >= 0; index--) {
    const candidate = order[index];
    if (
      candidate !== undefined &&
      tree !== undefined &&
      findNodeAtLocation(tree, ['tests', candidate]) !== undefined
    )
      return candidate;
  }
  return '';
}
