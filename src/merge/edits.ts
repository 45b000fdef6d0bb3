/** A replacement of [start, end) in a text; start === end is an insertion. */
export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * Applies non-overlapping edits. At one offset, insertions come before a replacement that starts
 * there, and insertions keep the order they were made in.
 */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const ordered = edits
    .map((edit, index) => ({ edit, index }))
    .sort(
      (a, b) =>
        a.edit.start - b.edit.start ||
        Number(a.edit.end !== a.edit.start) - Number(b.edit.end !== b.edit.start) ||
        a.index - b.index,
    );
  const pieces: string[] = [];
  let cursor = 0;
  for (const { edit } of ordered) {
    if (edit.start < cursor) throw new Error(`Overlapping edits at offset ${edit.start}`);
    pieces.push(text.slice(cursor, edit.start), edit.text);
    cursor = edit.end;
  }
  pieces.push(text.slice(cursor));
  return pieces.join('');
}

/** Where an offset of the text lands after the edits (insertions at the offset come before it). */
export function shiftOffset(offset: number, edits: readonly Edit[]): number {
  let shifted = offset;
  for (const edit of edits)
    if (edit.end <= offset) shifted += edit.text.length - (edit.end - edit.start);
  return shifted;
}

/** Where an offset of the edited text was in the original (inside inserted text: its start). */
export function unshiftOffset(offset: number, edits: readonly Edit[]): number {
  let delta = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    const newStart = edit.start + delta;
    if (offset < newStart) break;
    if (offset < newStart + edit.text.length) return edit.start;
    delta += edit.text.length - (edit.end - edit.start);
  }
  return offset - delta;
}
