import type { MergeResult } from '../../src/merge/index.js';

const MARKER = /^<!-- trackgen:(?:begin|end|manifest)\b/;
const BLANK_OR_RULE = /^(?:[ \t]*|[ \t]{0,3}(?:-[ \t]*){3,}|[ \t]{0,3}(?:\*[ \t]*){3,})\r?\n?$/;

function linesOf(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/**
 * What "adoption kept every byte" means, precisely: the original file is the adopted output with
 * lines deleted (never changed, never reordered), and every deleted line is
 *   - a trackgen marker line (begin, end, manifest), or
 *   - a line of a section adoption inserted (from its begin marker to its end marker), or of a
 *     section whose text is trackgen's rendering exactly (a heading that had nothing under it
 *     gets the rendering), or
 *   - a blank line or a thematic break (`---`): the template's glue around an inserted section
 *     and the blank line before the manifest.
 * The original's last line may have gained a line break. Returns what breaks that, or [].
 */
export function adoptionLosses(original: string, result: MergeResult): string[] {
  const inserted = new Set(
    result.sections.filter((section) => section.status === 'inserted').map((section) => section.id),
  );
  const generated = new Set(
    result.sections
      .filter((section) => section.status === 'unchanged')
      .map((section) => section.id),
  );
  const output = linesOf(result.content ?? '');
  const before = linesOf(original.replace(/^\uFEFF/, ''));
  const problems: string[] = [];
  let next = 0;
  let insideInserted: string | undefined;
  let current: string | undefined;
  output.forEach((line, index) => {
    const begin = /^<!-- trackgen:begin (\S+)/.exec(line)?.[1];
    if (insideInserted !== undefined) {
      if (line.startsWith(`<!-- trackgen:end ${insideInserted} `)) insideInserted = undefined;
      return;
    }
    if (begin !== undefined && inserted.has(begin)) {
      insideInserted = begin;
      return;
    }
    if (begin !== undefined) current = begin;
    if (line.startsWith('<!-- trackgen:end ')) current = undefined;
    const wanted = before[next];
    const lastWithoutBreak =
      next === before.length - 1 && wanted !== undefined && !wanted.endsWith('\n');
    if (
      wanted !== undefined &&
      (line === wanted || (lastWithoutBreak && line.replace(/\r?\n$/, '') === wanted))
    ) {
      next += 1;
      return;
    }
    const ours = current !== undefined && generated.has(current);
    if (!ours && !MARKER.test(line) && !BLANK_OR_RULE.test(line))
      problems.push(
        `output line ${index + 1} is neither the original's next line nor a marker: ${JSON.stringify(line)}`,
      );
  });
  if (next < before.length)
    problems.push(
      `original line ${next + 1} is missing or changed: ${JSON.stringify(before[next])}`,
    );
  return problems;
}
