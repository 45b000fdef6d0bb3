/**
 * GFM tables built in code, laid out by `markdown-table`: the layout engine that the GFM table
 * extension of mdast-util-to-markdown (mdast-util-gfm-table) calls. We call it directly, not
 * through mdast-util-to-markdown, because importing that (about 70 modules) costs more than
 * Handlebars on the hook's regenerate path (figures in docs/templates.md); markdown-table is one
 * small file. A test checks that both write the same bytes for the same table.
 */
import { markdownTable } from 'markdown-table';
import { displayWidth } from './text-width.js';

/** How a column is aligned: `---` (none), `:--` (left) or `--:` (right). */
export type ColumnAlign = 'none' | 'left' | 'right';

export interface TableOptions {
  /** Per column; missing columns are `none`. */
  readonly align?: readonly ColumnAlign[];
}

/** Prettier never writes a delimiter narrower than `---`; markdown-table would write `-`. */
const MIN_WIDTH = 3;

/**
 * A GFM table laid out as Prettier lays it out (cells padded to the widest by display width, a
 * delimiter row as wide), so formatting the generated file changes nothing. Cells are Markdown
 * already: the caller escapes data with `tableCell` or `escapeText` (templates put `**bold**`,
 * code and links in cells, which must not be escaped again). Every row gets exactly as many cells
 * as the header: missing ones are empty, extra ones dropped.
 */
export function gfmTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: TableOptions = {},
): string {
  const columns = header.length;
  const align = Array.from({ length: columns }, (_, index) => options.align?.[index] ?? 'none');
  const body = rows.map((row) => Array.from({ length: columns }, (_, index) => row[index] ?? ''));
  // A column whose cells are all narrower than `---` is widened through its header cell, padded
  // on the side markdown-table itself would pad it: the bytes are those of a wider layout.
  const head = header.map((cell, index) => {
    // A loop, not Math.max(...cells): a table of 130,000 rows would overflow the stack.
    const widest = body.reduce(
      (wide, row) => Math.max(wide, displayWidth(row[index] ?? '')),
      displayWidth(cell),
    );
    const fill = ' '.repeat(Math.max(0, MIN_WIDTH - widest));
    return align[index] === 'right' ? fill + cell : cell + fill;
  });
  return markdownTable([head, ...body], {
    align: align.map((value) => (value === 'none' ? '' : value === 'left' ? 'l' : 'r')),
    fillRows: false,
    stringLength: displayWidth,
  });
}
