import { toEol, type Section } from './document.js';
import { applyEdits, type Edit } from './edits.js';
import { formatBegin, formatEnd } from './markers.js';
import { endOffset, parseMarkdown, plainText, startOffset } from './parse.js';

/** Heading text for matching: case, emoji, punctuation and markup do not count. */
export function normaliseHeading(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const ATX = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;

interface Key {
  readonly heading: string;
  /** The heading is the first line of the section (else it is the template's, just before it). */
  readonly inside: boolean;
}

function atxText(line: string): string | undefined {
  const match = ATX.exec(line);
  return match === null ? undefined : (match[2] ?? '').replace(/\]\([^)]*\)/g, ']');
}

/** How a rendered section is recognised: its own first heading, or the heading just before it. */
function keyOf(fresh: string, sections: readonly Section[], index: number): Key | undefined {
  const section = sections[index];
  if (section === undefined) return undefined;
  const firstLine = section.body.split('\n').find((line) => line.trim() !== '');
  const own = firstLine === undefined ? undefined : atxText(firstLine);
  if (own !== undefined) return { heading: normaliseHeading(own), inside: true };
  const gapStart = sections[index - 1]?.end.next ?? 0;
  const gap = fresh
    .slice(gapStart, section.begin.start)
    .split('\n')
    .filter((line) => line.trim() !== '');
  const last = gap[gap.length - 1];
  const before = last === undefined ? undefined : atxText(last);
  return before === undefined ? undefined : { heading: normaliseHeading(before), inside: false };
}

function frontMatterEnd(text: string): number {
  const match = /^---[ \t]*\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  return match === null ? 0 : match[0].length;
}

/** Offset just after the line break of the last non-blank line before `limit` (and after `from`). */
function trimTrailingBlankLines(text: string, from: number, limit: number): number {
  let end = limit;
  while (end > from) {
    const lineStart = text.lastIndexOf('\n', end - 2) + 1;
    if (text.slice(Math.max(lineStart, from), end).trim() !== '') break;
    end = Math.max(lineStart, from);
  }
  return end;
}

/** The non-blank lines the template puts between a section and the next (a `---` rule, say). */
function gapAfter(fresh: string, sections: readonly Section[], index: number): string[] {
  const section = sections[index];
  if (section === undefined) return [];
  const next = sections[index + 1];
  return fresh
    .slice(section.end.next, next?.begin.start ?? fresh.length)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * Leaves out of a section the lines that stand between sections in the template, so they stay
 * outside the markers as they are in a generated file.
 */
function withoutTemplateGap(
  text: string,
  start: number,
  end: number,
  gap: readonly string[],
): number {
  let cut = end;
  for (let index = gap.length - 1; index >= 0 && cut > start; index--) {
    const lineStart = lineStartAt(text, cut - 1);
    if (text.slice(lineStart, cut).trim() !== gap[index]) return end;
    cut = trimTrailingBlankLines(text, start, lineStart);
  }
  return cut;
}

function lineStartAt(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function nextLineStart(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

/**
 * Marks the sections of a hand-written file: each rendered section whose heading matches a
 * top-level heading of the file gets markers around the file's own text under that heading.
 * The base hash is the new rendering's, so text that differs from it is reported as a hand edit
 * (and `--force` takes the rendering). Everything unmatched stays as it is.
 */
export async function adoptHeadings(
  text: string,
  fresh: string,
  sections: readonly Section[],
  eol: '\n' | '\r\n',
): Promise<{ text: string; adopted: string[] }> {
  const root = await parseMarkdown(text);
  const skip = frontMatterEnd(text);
  const headings = (root.children ?? [])
    .filter((node) => node.type === 'heading' && startOffset(node) >= skip)
    .map((node) => ({
      depth: node.depth ?? 1,
      start: lineStartAt(text, startOffset(node)),
      end: endOffset(node),
      key: normaliseHeading(plainText(node)),
    }));
  const used: { start: number; end: number }[] = [];
  const edits: Edit[] = [];
  const adopted: string[] = [];
  const keys = sections.map((_, index) => keyOf(fresh, sections, index));
  sections.forEach((section, index) => {
    const key = keys[index];
    if (key === undefined || key.heading === '') return;
    const position = headings.findIndex((heading) => heading.key === key.heading);
    const heading = headings[position];
    if (heading === undefined) return;
    // A section ends where the next heading of its level begins, or where the heading of another
    // rendered section does: an h1 title section must not swallow the h2 sections under it.
    const otherKeys = new Set(
      keys
        .filter((other, otherIndex) => otherIndex !== index && other !== undefined)
        .map((other) => other?.heading),
    );
    const following = headings
      .slice(position + 1)
      .find((other) => other.depth <= heading.depth || otherKeys.has(other.key));
    const limit = following?.start ?? text.length;
    let start = key.inside ? heading.start : nextLineStart(text, heading.end);
    while (start < limit && text.slice(start, nextLineStart(text, start)).trim() === '')
      start = nextLineStart(text, start);
    const end = withoutTemplateGap(
      text,
      start,
      trimTrailingBlankLines(text, start, limit),
      gapAfter(fresh, sections, index),
    );
    if (used.some((range) => start < range.end && range.start < end) || start > end) return;
    used.push({ start, end });
    adopted.push(section.id);
    const begin = formatBegin({ id: section.id, hash: section.attributes.hash, pinned: false });
    if (start === end) {
      // Nothing under the heading: nothing of the person's to keep, so take the rendering.
      const lead = start === text.length && text !== '' && !text.endsWith('\n') ? eol : '';
      edits.push({
        start,
        end,
        text:
          lead +
          toEol(`${fresh.slice(section.begin.start, section.end.end)}\n`, eol) +
          (start === limit && following !== undefined ? eol : ''),
      });
      return;
    }
    const close = end === text.length && !text.endsWith('\n') ? eol : '';
    edits.push({ start, end: start, text: begin + eol });
    edits.push({ start: end, end, text: `${close}${formatEnd(section.id)}${eol}` });
  });
  return { text: applyEdits(text, edits), adopted };
}
