/**
 * What import could not map, as the person wrote it: every line no field took, under the headings
 * it stood under. A heading stays when anything under it stays; a table keeps its header when a
 * row of it stays; a code block stays whole unless every line of it was taken. Rules ("---") and
 * runs of blank lines, which only separated what is gone, are dropped.
 */
import type { OutlineLine } from './outline.js';

export function notesOf(lines: readonly OutlineLine[], taken: ReadonlySet<number>): string {
  const kept = new Set<number>();
  const content = (line: OutlineLine) =>
    line.kind !== 'blank' &&
    line.kind !== 'heading' &&
    !/^\s*(?:-{3,}|\*{3,}|_{3,})\s*$/.test(line.text);

  // Code blocks and tables are kept as units around the lines that stay.
  const blocks = new Map<number, OutlineLine[]>();
  for (const line of lines) {
    const start = line.kind === 'code' || line.kind === 'fence' ? line.block : line.table;
    if (start === undefined) continue;
    blocks.set(start, [...(blocks.get(start) ?? []), line]);
  }
  for (const line of lines) {
    if (!content(line) || taken.has(line.number)) continue;
    if (line.kind === 'code' || line.kind === 'fence') {
      const block = blocks.get(line.block ?? -1) ?? [];
      const allTaken = block.every(
        (member) =>
          member.kind === 'fence' || member.text.trim() === '' || taken.has(member.number),
      );
      if (!allTaken) for (const member of block) kept.add(member.number);
    } else if (line.kind === 'table') {
      const [header, delimiter] = blocks.get(line.table ?? -1) ?? [];
      if (line === header || line === delimiter) continue;
      kept.add(line.number);
      if (header !== undefined) kept.add(header.number);
      if (delimiter !== undefined) kept.add(delimiter.number);
    } else kept.add(line.number);
  }
  // The headings over what stays keep it in its place; not the title, which the record has.
  for (const line of lines)
    if (kept.has(line.number) && line.kind !== 'heading')
      for (const heading of line.headings)
        if (heading.depth > 1 || !taken.has(heading.line)) kept.add(heading.line);

  const out: string[] = [];
  for (const line of lines) {
    if (kept.has(line.number)) {
      if (line.kind === 'heading' && out.length > 0 && out.at(-1) !== '') out.push('');
      out.push(line.text);
      if (line.kind === 'heading') out.push('');
    } else if (line.kind === 'blank' && out.length > 0 && out.at(-1) !== '') {
      // A blank line between kept lines separates paragraphs: keep one.
      out.push('');
    }
  }
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
