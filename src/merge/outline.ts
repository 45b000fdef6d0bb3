/**
 * The outline of a Markdown text read line by line: its headings, thematic breaks and footer.
 * Cheap enough to run on every merge (no parse): it skips front matter, fenced code and
 * multi-line HTML comments, and reads ATX headings and one-line setext headings. Headings inside
 * lists or quotes are not top-level headings and do not start at column 1–4 unprefixed, so a
 * line scan sees what a Markdown reader sees in the documents trackgen keeps.
 */
import {
  BACKTICK,
  CARRIAGE_RETURN,
  EQUALS,
  HYPHEN,
  NO_BREAK_SPACE,
  SPACE,
  TILDE,
} from '../text/markdown-codes.js';

export interface OutlineHeading {
  readonly level: number;
  /** The heading's text, without the `#`s or the setext underline. */
  readonly text: string;
  /** Offset of the heading's first line. */
  readonly start: number;
  /** Offset just after the heading's last line (its line break included). */
  readonly next: number;
  /** 1-based line and column of the heading's first non-blank character. */
  readonly line: number;
  readonly column: number;
  /** The heading as written, for messages (`## Module Progress`). */
  readonly source: string;
}

/**
 * Heading-less closing lines: from a thematic break after the last heading, only paragraphs and
 * breaks follow, the first of them opening with emphasis (`**Last Updated**: …`).
 */
export interface OutlineFooter {
  /** Offset of the thematic break line. */
  readonly breakStart: number;
  /** Offset of the first line after the break that is not blank (nor an HTML comment). */
  readonly start: number;
  readonly line: number;
}

export interface Outline {
  readonly headings: readonly OutlineHeading[];
  /** Offsets of the lines that are thematic breaks. */
  readonly breaks: readonly number[];
  /** Every break that could begin a footer (earliest first); the first is the footer. */
  readonly footers: readonly OutlineFooter[];
}

type Kind = 'blank' | 'comment' | 'heading' | 'break' | 'paragraph' | 'block' | 'code';

interface Atx {
  readonly level: number;
  readonly text: string;
}

/**
 * Headings and breaks are read without a regular expression that backtracks over a run of
 * blanks: `(.*?)(?:[ \t]+#+)?[ \t]*$` was quadratic in it (a title with 80,000 spaces took
 * minutes on --adopt). Each check below is one pass over the line.
 */
const ATX_OPEN = /^ {0,3}(#{1,6})(?=[ \t]|$)/;

function isBlankChar(char: string | undefined): boolean {
  return char === ' ' || char === '\t';
}

/** An ATX heading's level and text (closing `#`s and blanks removed), or undefined. */
export function atxHeading(line: string): Atx | undefined {
  const open = ATX_OPEN.exec(line);
  if (open?.[1] === undefined) return undefined;
  let start = open[0].length;
  let end = line.length;
  while (start < end && isBlankChar(line[start])) start += 1;
  while (end > start && isBlankChar(line[end - 1])) end -= 1;
  let closing = end;
  while (closing > start && line[closing - 1] === '#') closing -= 1;
  if (closing === start) end = start;
  else if (closing < end && isBlankChar(line[closing - 1])) {
    end = closing;
    while (end > start && isBlankChar(line[end - 1])) end -= 1;
  }
  return { level: open[1].length, text: line.slice(start, end) };
}

/** Three or more of one of `-*_`, blanks allowed between, after at most three spaces. */
export function isThematicBreak(line: string): boolean {
  let index = 0;
  while (index < 3 && line[index] === ' ') index += 1;
  const mark = line[index];
  if (mark !== '-' && mark !== '*' && mark !== '_') return false;
  let count = 0;
  for (; index < line.length; index += 1) {
    const char = line[index];
    if (char === mark) count += 1;
    else if (!isBlankChar(char)) return false;
  }
  return count >= 3;
}
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** Lines that open a block other than a paragraph: list items, quotes, tables, HTML, indented code. */
const OTHER_BLOCK = /^(?: {4}|\t| {0,3}(?:[-+*][ \t]|\d{1,9}[.)][ \t]|>|\||<))/;
const EMPHASIS_START = /^ {0,3}(?:\*\*?|__?)[^\s*_]/;
const FRONT_MATTER = /^---[ \t]*\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * The characters that, after at most three spaces, can open a comment, a fence, a heading, a
 * break or another block (a space there is a fourth: indented code). A line opening with any
 * other character is a paragraph line whatever the checks below would try.
 */
const BLOCK_OPENER_CHARS = ' \t<`~#-*_+>|0123456789';
const BLOCK_OPENERS = new Set(
  Array.from({ length: BLOCK_OPENER_CHARS.length }, (_, at) => BLOCK_OPENER_CHARS.charCodeAt(at)),
);

/** A line of the text: offsets only, its text sliced when a check needs it. */
interface Line {
  readonly start: number;
  /** Where its text ends: before the line break and one carriage return before it. */
  readonly end: number;
  readonly next: number;
  readonly number: number;
}

/**
 * Reads a text's lines in order, keeping what the lines before tell about the next one (an open
 * fence, a multi-line comment). Lines are looked at by character codes first and sliced only
 * when they might open something: most are paragraph text.
 */
class LineReader {
  private fence: string | undefined;
  private inComment = false;
  /** The next `-->` at or after the last offset asked about (-1: none): one search per comment. */
  private commentClose = -1;
  /** Where that search began: none yet, so the first asks. */
  private commentCloseFrom = Number.POSITIVE_INFINITY;

  constructor(readonly source: string) {}

  text(line: Line): string {
    return this.source.slice(line.start, line.end);
  }

  /** The code of the first character after at most three spaces (NaN at the line's end). */
  private lead(line: Line): number {
    let index = line.start;
    while (index < line.end && index - line.start < 3 && this.source.charCodeAt(index) === SPACE)
      index += 1;
    return index < line.end ? this.source.charCodeAt(index) : NaN;
  }

  /** As `text(line).includes('-->')`. */
  private closesComment(line: Line): boolean {
    if (
      this.commentCloseFrom > line.start ||
      (this.commentClose !== -1 && this.commentClose < line.start)
    ) {
      this.commentClose = this.source.indexOf('-->', line.start);
      this.commentCloseFrom = line.start;
    }
    return this.commentClose !== -1 && this.commentClose + 3 <= line.end;
  }

  /** As `text(line).trim() === ''`: most lines start with a character `trim` never removes. */
  private isBlank(line: Line): boolean {
    if (line.start === line.end) return true;
    const first = this.source.charCodeAt(line.start);
    if (first > SPACE && first < NO_BREAK_SPACE) return false;
    return this.text(line).trim() === '';
  }

  /** Could be a setext underline: `=` or `-` after at most three spaces. */
  underline(line: Line): string | undefined {
    const lead = this.lead(line);
    if (lead !== EQUALS && lead !== HYPHEN) return undefined;
    return SETEXT_UNDERLINE.exec(this.text(line))?.[1];
  }

  /** The line's kind, and its reading when it is an ATX heading. */
  classify(line: Line): Kind | Atx {
    if (this.fence !== undefined) {
      const lead = this.lead(line);
      if (lead === BACKTICK || lead === TILDE) {
        const text = this.text(line);
        const fence = this.fence;
        const close = FENCE.exec(text);
        if (close?.[1] !== undefined && close[1][0] === fence[0] && close[1].length >= fence.length)
          if (text.trim() === close[1]) this.fence = undefined;
      }
      return 'code';
    }
    if (this.inComment) {
      if (this.closesComment(line)) this.inComment = false;
      return 'comment';
    }
    if (this.isBlank(line)) return 'blank';
    if (!BLOCK_OPENERS.has(this.lead(line))) return 'paragraph';
    const text = this.text(line);
    if (/^ {0,3}<!--/.test(text)) {
      this.inComment = !text.slice(text.indexOf('<!--') + 4).includes('-->');
      return 'comment';
    }
    const fence = FENCE.exec(text);
    if (fence !== null) {
      this.fence = fence[1];
      return 'code';
    }
    const atx = atxHeading(text);
    if (atx !== undefined) return atx;
    if (isThematicBreak(text)) return 'break';
    if (OTHER_BLOCK.test(text)) return 'block';
    return 'paragraph';
  }
}

/** `firstLine`: the text of the heading's first line (its source, trimmed; its column). */
function heading(
  level: number,
  text: string,
  firstLine: string,
  first: Line,
  last: Line,
): OutlineHeading {
  const column = firstLine.length - firstLine.trimStart().length + 1;
  return {
    level,
    text: text.trim(),
    start: first.start,
    next: last.next,
    line: first.number,
    column,
    source: firstLine.trim(),
  };
}

/**
 * One pass over the lines, keeping only the two before: a setext underline turns the line before
 * it into a heading, and a footer is a break after which only closing lines follow, so the breaks
 * that may begin one are kept until a line that is not closing drops them.
 */
export function readOutline(text: string): Outline {
  const skip = FRONT_MATTER.exec(text)?.[0].length ?? 0;
  const reader = new LineReader(text);
  const headings: OutlineHeading[] = [];
  const breaks: number[] = [];
  /** Breaks since the last line that is not closing, each with the first paragraph line after it. */
  let closing: { breakStart: number; first: Line | undefined }[] = [];
  let before: Line | undefined;
  let beforeKind: Kind | undefined;
  let twoBeforeKind: Kind | undefined;
  let number = text.slice(0, skip).split('\n').length;
  for (let start = skip; start < text.length; number += 1) {
    const newline = text.indexOf('\n', start);
    const next = newline === -1 ? text.length : newline + 1;
    let end = newline === -1 ? text.length : newline;
    // One carriage return before the line break is not part of the line (as `/\r$/` removed).
    if (end > start && text.charCodeAt(end - 1) === CARRIAGE_RETURN) end -= 1;
    const line: Line = { start, end, next, number };
    start = next;
    const read = reader.classify(line);
    let kind: Kind;
    if (typeof read === 'object') {
      kind = 'heading';
      const lineText = reader.text(line);
      headings.push(heading(read.level, read.text, lineText, line, line));
    } else {
      kind = read;
      const underline = reader.underline(line);
      // A one-line paragraph underlined by `===` or `---` is a heading, not a paragraph and a break.
      if (
        underline !== undefined &&
        before !== undefined &&
        beforeKind === 'paragraph' &&
        twoBeforeKind !== 'paragraph'
      ) {
        const level = underline.startsWith('=') ? 1 : 2;
        const beforeText = reader.text(before);
        headings.push(heading(level, beforeText, beforeText, before, line));
        beforeKind = 'heading';
        kind = 'heading';
      } else if (kind === 'break') breaks.push(line.start);
    }
    if (kind === 'break') closing.push({ breakStart: line.start, first: undefined });
    else if (kind === 'paragraph') {
      const last = closing[closing.length - 1];
      if (last !== undefined) last.first ??= line;
    } else if (kind !== 'blank' && kind !== 'comment') closing = [];
    twoBeforeKind = beforeKind;
    before = line;
    beforeKind = kind;
  }
  const footers = closing.flatMap(({ breakStart, first }) =>
    first !== undefined && EMPHASIS_START.test(reader.text(first))
      ? [{ breakStart, start: first.start, line: first.number }]
      : [],
  );
  return { headings, breaks, footers };
}
