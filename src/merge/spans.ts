import { scanMarkers } from './scan.js';

export interface SectionSpan {
  readonly id: string;
  /** 1-based lines of the begin and end markers, inclusive. */
  readonly startLine: number;
  readonly endLine: number;
}

/**
 * Where the sections of a text are, by line, from the scanner alone (no parse): good enough to
 * label diff hunks, not to decide anything.
 */
export function sectionSpans(text: string): SectionSpan[] {
  const spans: SectionSpan[] = [];
  let line = 1;
  let cursor = 0;
  const lineAt = (offset: number): number => {
    for (
      let index = text.indexOf('\n', cursor);
      index !== -1 && index < offset;
      index = text.indexOf('\n', index + 1)
    ) {
      line += 1;
      cursor = index + 1;
    }
    return line;
  };
  let open: { id: string; line: number } | undefined;
  for (const marker of scanMarkers(text).markers) {
    const parsed = marker.marker;
    if (parsed.kind === 'begin') open = { id: parsed.attributes.id, line: lineAt(marker.start) };
    else if (parsed.kind === 'end' && open !== undefined && open.id === parsed.id) {
      spans.push({ id: open.id, startLine: open.line, endLine: lineAt(marker.start) });
      open = undefined;
    }
  }
  return spans;
}
