/**
 * The outline of a Markdown text read line by line: its headings, thematic breaks and footer.
 * Cheap enough to run on every merge (no parse): it skips front matter, fenced code and
 * multi-line HTML comments, and reads ATX headings and one-line setext headings. Headings inside
 * lists or quotes are not top-level headings and do not start at column 1–4 unprefixed, so a
 * line scan sees what a Markdown reader sees in the documents trackgen keeps.
 */
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

interface Line {
  readonly start: number;
  readonly next: number;
  readonly text: string;
  readonly number: number;
  kind: 'blank' | 'comment' | 'heading' | 'break' | 'paragraph' | 'block' | 'code';
  /** An ATX heading's reading, kept from classifying the line. */
  atx?: { readonly level: number; readonly text: string };
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
export function atxHeading(line: string): { level: number; text: string } | undefined {
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

const CARRIAGE_RETURN = 13;
const SPACE = 32;
const EQUALS = 61;
const HYPHEN = 45;
const NO_BREAK_SPACE = 0xa0;

function splitLines(text: string, from: number): Line[] {
  const lines: Line[] = [];
  let number = text.slice(0, from).split('\n').length;
  for (let start = from; start < text.length; number += 1) {
    const newline = text.indexOf('\n', start);
    const next = newline === -1 ? text.length : newline + 1;
    let end = newline === -1 ? text.length : newline;
    // One carriage return before the line break is not part of the line (as `/\r$/` removed).
    if (end > start && text.charCodeAt(end - 1) === CARRIAGE_RETURN) end -= 1;
    lines.push({ start, next, text: text.slice(start, end), number, kind: 'paragraph' });
    start = next;
  }
  return lines;
}

/** Could be a setext underline: `=` or `-` after at most three spaces (checked before the regex). */
function mayBeUnderline(line: string): boolean {
  let index = 0;
  while (index < 3 && line.charCodeAt(index) === SPACE) index += 1;
  const code = line.charCodeAt(index);
  return code === EQUALS || code === HYPHEN;
}

/** As `text.trim() === ''`: most lines start with a character `trim` never removes. */
function isBlankLine(text: string): boolean {
  const first = text.charCodeAt(0);
  if (first > SPACE && first < NO_BREAK_SPACE) return false;
  return text.trim() === '';
}

/**
 * The characters that, after at most three spaces, can open a comment, a fence, a heading, a
 * break or another block (a space there is a fourth: indented code). A line opening with any
 * other character is a paragraph line whatever the checks below would try.
 */
const BLOCK_OPENER_CHARS = ' \t<`~#-*_+>|0123456789';
const BLOCK_OPENERS = new Set(
  Array.from({ length: BLOCK_OPENER_CHARS.length }, (_, at) => BLOCK_OPENER_CHARS.charCodeAt(at)),
);

function mayOpenBlock(text: string): boolean {
  let index = 0;
  while (index < 3 && text.charCodeAt(index) === SPACE) index += 1;
  return BLOCK_OPENERS.has(text.charCodeAt(index));
}

function classify(lines: Line[]): void {
  let fence: string | undefined;
  let inComment = false;
  for (const line of lines) {
    const text = line.text;
    if (fence !== undefined) {
      line.kind = 'code';
      const close = FENCE.exec(text);
      if (close?.[1] !== undefined && close[1][0] === fence[0] && close[1].length >= fence.length)
        if (text.trim() === close[1]) fence = undefined;
    } else if (inComment) {
      line.kind = 'comment';
      if (text.includes('-->')) inComment = false;
    } else if (isBlankLine(text)) line.kind = 'blank';
    else if (!mayOpenBlock(text)) continue;
    else if (/^ {0,3}<!--/.test(text)) {
      line.kind = 'comment';
      inComment = !text.slice(text.indexOf('<!--') + 4).includes('-->');
    } else if (FENCE.test(text)) {
      line.kind = 'code';
      fence = FENCE.exec(text)?.[1];
    } else {
      const atx = atxHeading(text);
      if (atx !== undefined) {
        line.kind = 'heading';
        line.atx = atx;
      } else if (isThematicBreak(text)) line.kind = 'break';
      else if (OTHER_BLOCK.test(text)) line.kind = 'block';
    }
  }
}

function heading(
  level: number,
  text: string,
  first: Line,
  last: Line,
  source: string,
): OutlineHeading {
  const column = first.text.length - first.text.trimStart().length + 1;
  return {
    level,
    text: text.trim(),
    start: first.start,
    next: last.next,
    line: first.number,
    column,
    source,
  };
}

export function readOutline(text: string): Outline {
  const skip = FRONT_MATTER.exec(text)?.[0].length ?? 0;
  const lines = splitLines(text, skip);
  classify(lines);
  const headings: OutlineHeading[] = [];
  const breaks: number[] = [];
  lines.forEach((line, index) => {
    const before = lines[index - 1];
    if (line.kind === 'heading') {
      const atx = line.atx ?? atxHeading(line.text);
      headings.push(heading(atx?.level ?? 1, atx?.text ?? '', line, line, line.text.trim()));
      return;
    }
    const underline = mayBeUnderline(line.text) ? SETEXT_UNDERLINE.exec(line.text) : null;
    // A one-line paragraph underlined by `===` or `---` is a heading, not a paragraph and a break.
    const opensParagraph =
      before?.kind === 'paragraph' && (index < 2 || lines[index - 2]?.kind !== 'paragraph');
    if (underline?.[1] !== undefined && before !== undefined && opensParagraph) {
      const level = underline[1].startsWith('=') ? 1 : 2;
      headings.push(heading(level, before.text, before, line, before.text.trim()));
      before.kind = 'heading';
      line.kind = 'heading';
      return;
    }
    if (line.kind === 'break') breaks.push(line.start);
  });
  return { headings, breaks, footers: findFooters(lines) };
}

function findFooters(lines: readonly Line[]): OutlineFooter[] {
  const footers: OutlineFooter[] = [];
  let closingOnly = true;
  let firstContent: Line | undefined;
  // Walk back from the end: a break opens a footer while everything after it is paragraphs,
  // breaks and comments, and the first line after it opens with emphasis.
  for (let index = lines.length - 1; index >= 0 && closingOnly; index -= 1) {
    const line = lines[index];
    if (line === undefined) break;
    if (line.kind === 'break') {
      if (firstContent !== undefined && EMPHASIS_START.test(firstContent.text))
        footers.unshift({
          breakStart: line.start,
          start: firstContent.start,
          line: firstContent.number,
        });
      firstContent = undefined;
    } else if (line.kind === 'paragraph') firstContent = line;
    else if (line.kind !== 'blank' && line.kind !== 'comment') closingOnly = false;
  }
  return footers;
}
