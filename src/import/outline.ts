/**
 * A document as lines that know where they stand: under which headings, inside which code block
 * or table. The remark parse decides what is a heading, a fence or a table (a "#" in a code block
 * is no heading); everything after works on the lines as written, so that what import keeps is
 * the person's Markdown exactly.
 */
import { parseMarkdown, type MarkdownNode } from '../merge/parse.js';

export interface Heading {
  readonly line: number;
  readonly depth: number;
  /** The heading's text without its "#" marks. */
  readonly text: string;
}

export interface OutlineLine {
  /** 1-based. */
  readonly number: number;
  readonly text: string;
  /** The headings this line is under, outermost first (a heading line lists itself last). */
  readonly headings: readonly Heading[];
  readonly kind: 'heading' | 'code' | 'fence' | 'table' | 'text' | 'blank';
  /** For code and fence lines: the first line of the code block. */
  readonly block?: number;
  /** For table lines: the table's first line. */
  readonly table?: number;
}

export interface Outline {
  readonly lines: readonly OutlineLine[];
  readonly headings: readonly Heading[];
}

function walk(node: MarkdownNode, visit: (node: MarkdownNode) => void): void {
  visit(node);
  for (const child of node.children ?? []) walk(child, visit);
}

export async function outlineOf(text: string): Promise<Outline> {
  const root = await parseMarkdown(text);
  const lineStarts = [0];
  for (let offset = text.indexOf('\n'); offset !== -1; offset = text.indexOf('\n', offset + 1))
    lineStarts.push(offset + 1);
  const lineOf = (offset: number): number => {
    let line = 0;
    while (line + 1 < lineStarts.length && (lineStarts[line + 1] ?? 0) <= offset) line++;
    return line + 1;
  };
  const sourceLines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  const headingAt = new Map<number, Heading>();
  const kindAt = new Map<number, { kind: OutlineLine['kind']; start: number }>();
  walk(root, (node) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    const first = lineOf(start);
    const last = lineOf(Math.max(start, end - 1));
    if (node.type === 'heading') {
      const raw = sourceLines[first - 1] ?? '';
      headingAt.set(first, {
        line: first,
        depth: node.depth ?? 1,
        text: raw.replace(/^\s*#+\s*/, '').replace(/\s+#+\s*$/, ''),
      });
    } else if (node.type === 'code') {
      for (let line = first; line <= last; line++)
        kindAt.set(line, {
          kind:
            line === first || (line === last && /^\s*(```|~~~)/.test(sourceLines[line - 1] ?? ''))
              ? 'fence'
              : 'code',
          start: first,
        });
      // An indented block has no fences: every line is code.
      if (!/^\s*(```|~~~)/.test(sourceLines[first - 1] ?? ''))
        for (let line = first; line <= last; line++)
          kindAt.set(line, { kind: 'code', start: first });
    } else if (node.type === 'table') {
      for (let line = first; line <= last; line++)
        kindAt.set(line, { kind: 'table', start: first });
    }
  });

  const headings: Heading[] = [];
  const stack: Heading[] = [];
  const lines = sourceLines.map((lineText, index): OutlineLine => {
    const number = index + 1;
    const heading = headingAt.get(number);
    if (heading !== undefined) {
      while ((stack.at(-1)?.depth ?? 0) >= heading.depth) stack.pop();
      stack.push(heading);
      headings.push(heading);
      return { number, text: lineText, headings: [...stack], kind: 'heading' };
    }
    const known = kindAt.get(number);
    if (known !== undefined)
      return {
        number,
        text: lineText,
        headings: [...stack],
        kind: known.kind,
        ...(known.kind === 'table' ? { table: known.start } : { block: known.start }),
      };
    return {
      number,
      text: lineText,
      headings: [...stack],
      kind: lineText.trim() === '' ? 'blank' : 'text',
    };
  });
  return { lines, headings };
}
