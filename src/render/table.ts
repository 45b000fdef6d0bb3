import { displayWidth } from './text-width.js';

/**
 * A GFM table laid out as Prettier lays it out (cells padded to the widest, a dash row as wide),
 * so formatting the generated file changes nothing.
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const columns = header.length;
  const all = [header, ...rows].map((row) =>
    Array.from({ length: columns }, (_, index) => row[index] ?? ''),
  );
  const widths = Array.from({ length: columns }, (_, index) =>
    Math.max(3, ...all.map((row) => displayWidth(row[index] ?? ''))),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, index) => cell + ' '.repeat((widths[index] ?? 0) - displayWidth(cell))).join(' | ')} |`;
  const [head, ...body] = all;
  return [
    line(head ?? []),
    `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`,
    ...body.map(line),
  ].join('\n');
}
