/**
 * The edge that touches the disk: reads pytest's results from JUnit XML files and files holding
 * pytest's terminal output (told apart by content), plus a summary line given as text, and
 * combines them into one run's results. Every problem is collected, none thrown.
 */
import { readFile } from 'node:fs/promises';
import { combineResults, sumResults } from './combine.js';
import { readJunit } from './junit.js';
import type { ResultsProblem, TestResults } from './results.js';
import { looksLikeSummaryLine, parseSummaryLine } from './summary-line.js';

export interface ResultsInput {
  /** Absolute path, and how messages name it. */
  readonly path: string;
  readonly shownAs: string;
}

export type ReadResults =
  | {
      readonly ok: true;
      readonly results: TestResults;
      readonly fromJunit: boolean;
      readonly fromSummary: boolean;
    }
  | { readonly ok: false; readonly problems: readonly ResultsProblem[] };

export async function readTestResults(
  files: readonly ResultsInput[],
  summaryLine?: { readonly text: string; readonly shownAs: string },
): Promise<ReadResults> {
  const problems: ResultsProblem[] = [];
  const junits: TestResults[] = [];
  const summaries: TestResults[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = (await readFile(file.path, 'utf8')).replace(/^\uFEFF/, '');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push({
        file: file.shownAs,
        message:
          code === 'ENOENT'
            ? "expected pytest's JUnit XML or terminal output here, found no such file"
            : `expected a readable file, found ${code === 'EISDIR' ? 'a directory' : `an error (${code ?? String(error)})`}`,
      });
      continue;
    }
    if (text.trimStart().startsWith('<')) {
      const read = await readJunit(text, file.shownAs);
      if (read.ok) junits.push(read.results);
      else problems.push(read.problem);
      continue;
    }
    const found = summaryIn(text, file.shownAs);
    if ('message' in found) problems.push(found);
    else summaries.push(found);
  }
  if (summaryLine !== undefined) {
    const parsed = parseSummaryLine(summaryLine.text);
    if (parsed.ok) summaries.push(parsed.results);
    else
      problems.push({
        file: summaryLine.shownAs,
        line: 1,
        column: parsed.column,
        message: parsed.message,
      });
  }
  if (problems.length > 0) return { ok: false, problems };
  if (summaries.length > 1)
    return {
      ok: false,
      problems: [
        {
          file: summaryLine?.shownAs ?? files.map((file) => file.shownAs).join(', '),
          message: `expected one pytest summary line, found ${summaries.length}: give the output of one run`,
        },
      ],
    };
  const combined = combineResults(sumResults(junits), summaries[0]);
  if (!combined.ok)
    return {
      ok: false,
      problems: combined.mismatches.map((mismatch) => ({
        file: files.map((file) => file.shownAs).join(', ') || (summaryLine?.shownAs ?? ''),
        message: `expected the JUnit XML and the summary line to come from the same run, found ${mismatch}`,
      })),
    };
  return {
    ok: true,
    results: combined.results,
    fromJunit: junits.length > 0,
    fromSummary: summaries.length > 0,
  };
}

/** The last summary line of pytest's output, parsed; a problem when there is none. */
function summaryIn(text: string, file: string): TestResults | ResultsProblem {
  const lines = text.split(/\r?\n/);
  for (let index = lines.length - 1; index >= 0; index--) {
    const line = lines[index] ?? '';
    if (!looksLikeSummaryLine(line)) continue;
    const parsed = parseSummaryLine(line);
    return parsed.ok
      ? parsed.results
      : { file, line: index + 1, column: parsed.column, message: parsed.message };
  }
  return {
    file,
    message:
      'expected JUnit XML (pytest --junitxml) or pytest\'s terminal output with its summary line ("2730 passed, 1 skipped in 50.21s"), found neither',
  };
}
