import { sectionSpans, type SectionSpan } from '../merge/spans.js';

export interface UnifiedDiffOptions {
  /** Says where a section's content comes from, e.g. "from data/sessions/054.json". */
  readonly describeSection?: (sectionId: string) => string | undefined;
  /** Lines of context around each change; 3 by default. */
  readonly context?: number;
}

function sectionAt(spans: readonly SectionSpan[], line: number): string | undefined {
  return spans.find((span) => span.startLine <= line && line <= span.endLine)?.id;
}

/**
 * A unified diff (`--- a/path`, `+++ b/path`) from `before` (undefined: the file does not exist)
 * to `after`, or '' when they are equal. A hunk that changes lines inside generated sections is
 * labelled after its `@@ … @@`, e.g. `(section module-progress: from data/sessions/054.json)`.
 */
export async function unifiedDiff(
  path: string,
  before: string | undefined,
  after: string,
  options: UnifiedDiffOptions = {},
): Promise<string> {
  if (before === after) return '';
  // Loaded on demand: a run with nothing to show never pays for jsdiff.
  const { structuredPatch } = await import('diff');
  const patch = structuredPatch(
    `a/${path}`,
    `b/${path}`,
    before ?? '',
    after,
    undefined,
    undefined,
    { context: options.context ?? 3 },
  );
  const beforeSpans = sectionSpans(before ?? '');
  const afterSpans = sectionSpans(after);
  const lines = [`--- ${before === undefined ? '/dev/null' : `a/${path}`}`, `+++ b/${path}`];
  for (const hunk of patch.hunks) {
    const ids: string[] = [];
    let oldLine = hunk.oldStart;
    let newLine = hunk.newStart;
    for (const line of hunk.lines) {
      const id = line.startsWith('-')
        ? sectionAt(beforeSpans, oldLine)
        : line.startsWith('+')
          ? sectionAt(afterSpans, newLine)
          : undefined;
      if (id !== undefined && !ids.includes(id)) ids.push(id);
      if (line.startsWith('-')) oldLine += 1;
      else if (line.startsWith('+')) newLine += 1;
      else if (!line.startsWith('\\')) {
        oldLine += 1;
        newLine += 1;
      }
    }
    const labels = ids.map((id) => {
      const description = options.describeSection?.(id);
      return description === undefined ? `section ${id}` : `section ${id}: ${description}`;
    });
    // As diff(1): an empty range names the line before it.
    const range = (start: number, count: number): string =>
      `${count === 0 ? start - 1 : start},${count}`;
    const header = `@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`;
    lines.push(labels.length === 0 ? header : `${header} (${labels.join('; ')})`);
    lines.push(...hunk.lines);
  }
  return `${lines.join('\n')}\n`;
}
