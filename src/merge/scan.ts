import { BACKTICK, CARRIAGE_RETURN, LESS_THAN, SPACE, TAB, TILDE } from '../text/markdown-codes.js';
import { MARKER_LIKE, MARKER_LINE, parseMarker, type ParsedMarker } from './markers.js';

/**
 * A cheap line scanner: finds marker lines and tracks just enough top-level block structure
 * (fenced code, HTML blocks) to know when a marker might not be what it looks like. It never
 * decides that case itself: it flags it, and the caller confirms with a full remark parse.
 * Being wrong in the safe direction (flagging a harmless marker) only costs a parse. Lines are
 * looked at by character codes and sliced only when they might matter: this runs on every file.
 */
export interface MarkerLine {
  readonly marker: ParsedMarker;
  /** Offset of the line start (the `<`). */
  readonly start: number;
  /** Offset just after the comment and any trailing blanks, before the line break. */
  readonly end: number;
  /** Offset of the next line (after the line break), or the text length. */
  readonly next: number;
  /** The scanner saw it inside a code fence or HTML block (or could not tell). */
  readonly doubtful: boolean;
  /** 1-based line number. */
  readonly line: number;
}

export interface ScanResult {
  readonly markers: readonly MarkerLine[];
  /** Offsets of marker-like comments that are not alone on a line. */
  readonly strays: readonly number[];
  /** True when the scanner could not vouch for every marker: a parse must confirm. */
  readonly needsParse: boolean;
  /** Start of the first line that made the scanner unsure (undefined when it never was). */
  readonly firstDoubt: number | undefined;
  /** Offset of the line opening a fence or HTML block (types 1–5) still open at the end. */
  readonly openAtEnd: { readonly offset: number; readonly kind: 'fence' | 'html' } | undefined;
}

export interface ScanOptions {
  /**
   * Where to start: a line start the parser is known to reach with no block open (the start of
   * the text, or the line after a top-level marker).
   */
  readonly from?: number;
  /** The 1-based line number of `from`. */
  readonly line?: number;
  /** Stop after the first line that makes the scanner unsure: its markers and strays included. */
  readonly untilDoubt?: boolean;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

type State =
  | { readonly kind: 'normal' }
  | {
      readonly kind: 'fence';
      readonly char: string;
      readonly length: number;
      readonly offset: number;
    }
  | { readonly kind: 'html'; readonly end: RegExp | 'blank'; readonly offset: number };

const NORMAL: State = { kind: 'normal' };

function htmlEnd(line: string): RegExp | 'blank' {
  const trimmed = line.trimStart();
  if (/^<(script|pre|style|textarea)(\s|>|$)/i.test(trimmed))
    return /<\/(script|pre|style|textarea)>/i;
  if (trimmed.startsWith('<!--')) return /-->/;
  if (trimmed.startsWith('<?')) return /\?>/;
  if (trimmed.startsWith('<![CDATA[')) return /\]\]>/;
  if (/^<![A-Za-z]/.test(trimmed)) return />/;
  // Types 6 and 7 end at a blank line; treating every other `<` line so is conservative.
  return 'blank';
}

/** An HTML block of types 1–5 (comment, `<pre>`, …) that does not end on its first line. */
function opensLongHtml(line: string): boolean {
  const end = htmlEnd(line);
  return end !== 'blank' && !end.test(line.slice(line.indexOf('<') + 2));
}

/** The first character after at most three spaces of indentation (-1 when indented more or blank). */
function leadingCode(text: string, start: number, end: number): number {
  let index = start;
  while (index < end && index - start < 3 && text.charCodeAt(index) === SPACE) index += 1;
  return index < end ? text.charCodeAt(index) : -1;
}

function isBlank(text: string, start: number, end: number): boolean {
  for (let index = start; index < end; index += 1) {
    const code = text.charCodeAt(index);
    if (code !== SPACE && code !== TAB) return false;
  }
  return true;
}

export function scanMarkers(text: string, options: ScanOptions = {}): ScanResult {
  const markers: MarkerLine[] = [];
  const strays: number[] = [];
  let needsParse = false;
  let firstDoubt: number | undefined;
  let state: State = NORMAL;
  let start = options.from ?? 0;
  let mention = text.indexOf('trackgen:', start);
  let lineNumber = (options.line ?? 1) - 1;
  while (start <= text.length) {
    lineNumber += 1;
    const newline = text.indexOf('\n', start);
    const next = newline === -1 ? text.length : newline + 1;
    let lineEnd = newline === -1 ? text.length : newline;
    if (lineEnd > start && text.charCodeAt(lineEnd - 1) === CARRIAGE_RETURN) lineEnd -= 1;
    while (mention !== -1 && mention < start) mention = text.indexOf('trackgen:', start);
    const mentions = mention !== -1 && mention < lineEnd;
    const line = mentions ? text.slice(start, lineEnd) : '';
    const match = mentions && text.charCodeAt(start) === LESS_THAN ? MARKER_LINE.exec(line) : null;

    if (match !== null) {
      const doubtful = state.kind !== 'normal';
      if (doubtful) needsParse = true;
      markers.push({
        marker: parseMarker(match[1] ?? '', match[2] ?? ''),
        start,
        end: lineEnd,
        next,
        doubtful,
        line: lineNumber,
      });
      // A marker line is a complete HTML comment: in normal state it opens and closes a block.
      // Inside a fence or an HTML block the state is left as it was (a type-2 block ends here).
      if (state.kind === 'html' && state.end !== 'blank' && state.end.test(line)) state = NORMAL;
    } else {
      if (mentions && MARKER_LIKE.test(line)) {
        strays.push(start + line.search(MARKER_LIKE));
        needsParse = true;
      }
      const lead = leadingCode(text, start, lineEnd);
      const opener = lead === BACKTICK || lead === TILDE || lead === LESS_THAN;
      // An indented opener may belong to a list item, whose blocks the scanner does not track:
      // it could close or open at a place the scanner would get wrong, so let remark decide.
      if (opener && text.charCodeAt(start) === SPACE) needsParse = true;
      if (state.kind === 'fence') {
        if (lead === state.char.charCodeAt(0)) {
          const close = FENCE_CLOSE.exec(text.slice(start, lineEnd));
          if (
            close?.[1] !== undefined &&
            close[1][0] === state.char &&
            close[1].length >= state.length
          )
            state = NORMAL;
        }
      } else if (state.kind === 'html') {
        if (state.end === 'blank') {
          if (isBlank(text, start, lineEnd)) state = NORMAL;
          // The "block" may really be a paragraph (type 7 cannot interrupt one, `<3` is no tag);
          // a fence or a comment-like block starting here would then outlive the blank line.
          else if (
            (lead === BACKTICK || lead === TILDE) &&
            FENCE_OPEN.test(text.slice(start, lineEnd))
          )
            needsParse = true;
          else if (lead === LESS_THAN && opensLongHtml(text.slice(start, lineEnd)))
            needsParse = true;
        } else if (state.end.test(text.slice(start, lineEnd))) state = NORMAL;
      } else if (lead === BACKTICK || lead === TILDE) {
        const fence = FENCE_OPEN.exec(text.slice(start, lineEnd));
        if (fence?.[1] !== undefined && !(fence[1][0] === '`' && (fence[2] ?? '').includes('`'))) {
          state = {
            kind: 'fence',
            char: fence[1][0] ?? '`',
            length: fence[1].length,
            offset: start,
          };
        }
      } else if (lead === LESS_THAN) {
        const full = text.slice(start, lineEnd);
        const end = htmlEnd(full);
        if (end === 'blank' || opensLongHtml(full)) state = { kind: 'html', end, offset: start };
      }
    }
    if (needsParse && firstDoubt === undefined) firstDoubt = start;
    if (newline === -1 || (firstDoubt !== undefined && options.untilDoubt === true)) break;
    start = next;
  }
  const openAtEnd =
    state.kind === 'fence'
      ? { offset: state.offset, kind: 'fence' as const }
      : state.kind === 'html' && state.end !== 'blank'
        ? { offset: state.offset, kind: 'html' as const }
        : undefined;
  return { markers, strays, needsParse, firstDoubt, openAtEnd };
}
