import fc from 'fast-check';
import type { Html, Root, RootContent, Table, TableCell } from 'mdast';
import { gfmTableToMarkdown } from 'mdast-util-gfm-table';
import { toMarkdown } from 'mdast-util-to-markdown';
import { format } from 'prettier';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { gfmTable, type ColumnAlign } from '../../src/markdown/table.js';
import { displayWidth } from '../../src/markdown/text-width.js';
import { escapeText, tableCell } from '../../src/markdown/text.js';

const prettier = (markdown: string) => format(markdown, { parser: 'markdown' });

describe('gfmTable', () => {
  it('pads to the widest cell by display width, never narrower than ---', () => {
    expect(
      gfmTable(
        ['a', 'Status'],
        [
          ['✅', 'ok'],
          ['日本', ''],
        ],
      ),
    ).toBe(
      ['| a    | Status |', '| ---- | ------ |', '| ✅   | ok     |', '| 日本 |        |'].join(
        '\n',
      ),
    );
    expect(gfmTable(['', 'n'], [['', '1']], { align: ['none', 'right'] })).toBe(
      ['|     |   n |', '| --- | --: |', '|     |   1 |'].join('\n'),
    );
  });

  it('aligns columns left or right with a colon in the delimiter row', () => {
    expect(
      gfmTable(['Name', 'Stmts', 'Note'], [['x', '7', 'y']], { align: ['left', 'right'] }),
    ).toBe(
      ['| Name | Stmts | Note |', '| :--- | ----: | ---- |', '| x    |     7 | y    |'].join('\n'),
    );
  });

  it('gives every row as many cells as the header', () => {
    expect(gfmTable(['A', 'B'], [['1'], ['1', '2', '3']])).toBe(
      ['| A   | B   |', '| --- | --- |', '| 1   |     |', '| 1   | 2   |'].join('\n'),
    );
  });

  it('leaves cells that are Markdown already as they are', () => {
    expect(gfmTable(['Name'], [['**TOTAL**'], ['`a\\|b`'], ['[x](y.md)']])).toBe(
      ['| Name      |', '| --------- |', '| **TOTAL** |', '| `a\\|b`    |', '| [x](y.md) |'].join(
        '\n',
      ),
    );
  });
});

// Cell text as data brings it: table syntax, escapes, code, line breaks, wide characters.
const dataText = fc
  .array(
    fc.constantFrom(
      ...'ab z09.,:()'.split(''),
      '|',
      '\\',
      '`',
      '\n',
      '✅',
      '⏳',
      '🎊',
      '📊',
      '日',
      '本',
      'ä',
      '\\|',
      '\\\\|',
      '✅ Committed',
      '🎊 Session 54 🎊✅',
      'ä ö ü',
    ),
    { maxLength: 14 },
  )
  .map((chars) => chars.join(''));

const alignments = fc.array(fc.constantFrom<ColumnAlign>('none', 'left', 'right'), {
  minLength: 3,
  maxLength: 3,
});

describe('gfmTable under Prettier', () => {
  it('writes tables Prettier leaves unchanged, cells escaped as the row helper does', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(dataText, { minLength: 3, maxLength: 3 }), {
          minLength: 1,
          maxLength: 4,
        }),
        alignments,
        async (rows, align) => {
          const table = `${gfmTable(
            ['Commit', 'Description', 'Status'],
            rows.map((row) => row.map(tableCell)),
            { align },
          )}\n`;
          expect(await prettier(table)).toBe(table);
        },
      ),
      { numRuns: 80 },
    );
  });
});

/** The text a reader sees in a parsed cell: text and code as written, HTML (`<br>`) as is. */
function shownText(node: RootContent | TableCell): string {
  if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'html') return node.value;
  return 'children' in node ? node.children.map(shownText).join('') : '';
}

describe('escapeText cells', () => {
  it('parse back (remark-parse + remark-gfm) to the very text that was escaped', () => {
    const plain = fc
      .array(fc.constantFrom(...'ab z09./'.split(''), ...'|\\`*_[]<>'.split(''), '✅', '日', 'ä'), {
        minLength: 1,
        maxLength: 14,
      })
      .map((chars) => chars.join('').trim())
      .filter((text) => text !== '');
    const parser = unified().use(remarkParse).use(remarkGfm);
    fc.assert(
      fc.property(fc.array(plain, { minLength: 1, maxLength: 4 }), (texts) => {
        const table = gfmTable(
          ['Name'],
          texts.map((text) => [escapeText(text)]),
        );
        const tree = parser.parse(table);
        const parsed = tree.children[0];
        expect(parsed?.type).toBe('table');
        const cells = (parsed as Table).children.slice(1).map((row) => shownText(row.children[0]!));
        expect(cells).toEqual(texts);
      }),
      { numRuns: 200 },
    );
  });
});

/**
 * The table as mdast-util-to-markdown writes it with its GFM table extension, Markdown cells
 * passed through as `html` nodes (the node it never escapes).
 */
function viaMdast(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly ColumnAlign[],
): string {
  const cell = (value: string): TableCell => ({
    type: 'tableCell',
    children: value === '' ? [] : [{ type: 'html', value } satisfies Html],
  });
  const tree: Root = {
    type: 'root',
    children: [
      {
        type: 'table',
        align: align.map((value) => (value === 'none' ? null : value)),
        children: [header, ...rows].map((row) => ({ type: 'tableRow', children: row.map(cell) })),
      },
    ],
  };
  return toMarkdown(tree, { extensions: [gfmTableToMarkdown({ stringLength: displayWidth })] });
}

describe('gfmTable and mdast-util-to-markdown', () => {
  it('write the same bytes (columns at least --- wide, where Prettier and markdown-table agree)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(dataText.map(tableCell), { minLength: 3, maxLength: 3 }), {
          minLength: 1,
          maxLength: 4,
        }),
        alignments,
        (rows, align) => {
          const header = ['Commit', 'Description', 'Status'];
          expect(`${gfmTable(header, rows, { align })}\n`).toBe(viaMdast(header, rows, align));
        },
      ),
      { numRuns: 100 },
    );
  });
});
