/**
 * Escaping for text that comes from data files. Templates run with `noEscape` (HTML escaping
 * would mangle Markdown), so each context that data can break uses one of these.
 */

/**
 * A table cell: a `|` or a line break in data must not end the cell or the row. A `|` after an
 * odd number of backslashes is escaped already; after an even number (`\\|`) the backslashes
 * escape each other and the pipe would still end the cell, so it gets one more.
 */
export function tableCell(text: string): string {
  // The patterns start with an optional part, so a regex tries them at every character: a cell
  // without a line break or a pipe (most) is not searched for one.
  const trimmed = neutraliseMarkers(text).trim();
  const cell = collapseSpaces(trimmed.includes('\n') ? trimmed.replace(/\r?\n/g, '<br>') : trimmed);
  if (!cell.includes('|')) return cell;
  return cell.replace(/(\\*)\|/g, (pipe, backslashes: string) =>
    backslashes.length % 2 === 1 ? pipe : `${backslashes}\\|`,
  );
}

/**
 * Plain text from data (a module path) as Markdown that shows that text: the characters of
 * emphasis, code, links, HTML and table syntax are backslash-escaped (`__init__.py` must not turn
 * bold, a `|` must not end the cell). This is the coverage report's set, kept as it is so its table
 * keeps its bytes; it leaves `&` (entities), `~` (strikethrough) and line breaks alone.
 */
export function escapeText(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1');
}

/** One line (a list item, a bold label): a newline in data must not start a new block. */
export function inlineText(text: string): string {
  const neutral = neutraliseMarkers(text);
  // Without a line break there is nothing to join, and no need to try the pattern at each blank.
  const joined = neutral.includes('\n') ? neutral.replace(/\s*\r?\n\s*/g, ' ') : neutral;
  return collapseSpaces(joined.trim());
}

const SPACE_RUN = /[ \t]{2}/;

/**
 * Runs of spaces mean one space in Markdown text, and Prettier writes them so; collapsing them
 * keeps output stable under Prettier. Inline code spans keep theirs.
 */
function collapseSpaces(text: string): string {
  // Most text has no run to collapse: then the split around code spans is work for nothing.
  if (!SPACE_RUN.test(text)) return text;
  return text
    .split(/(`+[^`]*?`+)/)
    .map((part, index) => (index % 2 === 1 ? part : part.replace(/[ \t]{2,}/g, ' ')))
    .join('');
}

/**
 * Data must never forge the comments that delimit generated sections: `<!-- trackgen:…` in a
 * record becomes visible text instead of a marker.
 */
export function neutraliseMarkers(text: string): string {
  // indexOf is a fraction of the case-insensitive regex's cost, and most text has no comment.
  if (!text.includes('<!--')) return text;
  return text.replace(/<!--(\s*)trackgen:/gi, '&lt;!--$1trackgen:');
}

/**
 * The text without its leading and trailing line breaks (what `/^\n+|\n+$/g` removes), found by
 * looking at its ends: the pattern would be tried at every character of a section's body.
 */
export function trimLineBreaks(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === 0x0a) start++;
  while (end > start && text.charCodeAt(end - 1) === 0x0a) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** CommonMark HTML blocks of types 1–5: they run to their closer, across blank lines. */
const LONG_HTML_OPENERS: readonly { readonly open: RegExp; readonly close: RegExp }[] = [
  {
    open: /^ {0,3}<(?:script|pre|style|textarea)(?:[ \t>]|$)/i,
    close: /<\/(?:script|pre|style|textarea)>/i,
  },
  { open: /^ {0,3}<!--/, close: /-->/ },
  { open: /^ {0,3}<\?/, close: /\?>/ },
  { open: /^ {0,3}<![A-Za-z]/, close: />/ },
  { open: /^ {0,3}<!\[CDATA\[/, close: /\]\]>/ },
];
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/**
 * Text from data (or a template) must not open a block that outlives it: an HTML block of
 * types 1–5 (`<!-- TODO`, `<pre>`, `<script>`, `<textarea>`) runs until its closer, across blank
 * lines, and would swallow the end marker of its section and what follows. Each such opener not
 * closed within `markdown` has its `<` written as `&lt;`, so it shows as the text it is. With
 * `fences`, an unclosed code fence is made text the same way (`\```); otherwise fences are the
 * caller's (closeOpenFence). Lines inside fenced code are left alone.
 */
export function neutraliseOpenBlocks(markdown: string, fences = false): string {
  // Without a `<` no HTML block opens; without a fence run no fence does: the text is as it was.
  if (!markdown.includes('<') && (!fences || !hasFenceRun(markdown))) return markdown;
  const lines = markdown.split('\n');
  // Where each line starts in `markdown`: a closer is searched for in the text itself, from the
  // opener on, rather than in a copy of everything after it made for each opener.
  let nextLineStart = 0;
  const closerSearch = new CloserSearch(markdown);
  let fence: { char: string; length: number; line: number } | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const lineStart = nextLineStart;
    nextLineStart += line.length + 1;
    const fenceMatch = FENCE.exec(line);
    if (fence !== undefined) {
      const run = fenceMatch?.[1] ?? '';
      if (
        run.startsWith(fence.char) &&
        run.length >= fence.length &&
        (fenceMatch?.[2] ?? '').trim() === ''
      )
        fence = undefined;
      continue;
    }
    if (fenceMatch !== null) {
      const run = fenceMatch[1] ?? '';
      if (!(run.startsWith('`') && (fenceMatch[2] ?? '').includes('`')))
        fence = { char: run.charAt(0), length: run.length, line: index };
      continue;
    }
    if (!line.includes('<')) continue;
    const opener = LONG_HTML_OPENERS.find((kind) => kind.open.test(line));
    if (opener === undefined) continue;
    const lessThan = line.indexOf('<');
    const from = lineStart + lessThan + 2;
    const close = closerSearch.find(opener.close, from);
    if (close === -1) {
      lines[index] = `${line.slice(0, lessThan)}&lt;${line.slice(lessThan + 1)}`;
      continue;
    }
    // Skip to the line the block ends on: what is inside it is not Markdown.
    for (
      let at = markdown.indexOf('\n', from);
      at !== -1 && at < close;
      at = markdown.indexOf('\n', at + 1)
    ) {
      index++;
      nextLineStart += (lines[index] ?? '').length + 1;
    }
  }
  if (fences && fence !== undefined) {
    const line = lines[fence.line] ?? '';
    const at = line.search(/[`~]/);
    lines[fence.line] = `${line.slice(0, at)}\\${line.slice(at)}`;
  }
  return lines.join('\n');
}

function hasFenceRun(markdown: string): boolean {
  return markdown.includes('```') || markdown.includes('~~~');
}

/**
 * Finds each kind of closer after an offset, remembering the last answer: a closer found at `c`
 * from `from` is the answer from any offset between `from` and `c`, and none found from `from`
 * means none from any later offset. Many openers of one kind cost one pass, not one each.
 */
class CloserSearch {
  private readonly known = new Map<RegExp, { from: number; at: number }>();

  constructor(private readonly text: string) {}

  /** Offset of the first match of `closer` at or after `from`, or -1. */
  find(closer: RegExp, from: number): number {
    const known = this.known.get(closer);
    if (known !== undefined && from >= known.from && (known.at === -1 || from <= known.at))
      return known.at;
    const match = closer.exec(this.text.slice(from));
    const at = match === null ? -1 : from + match.index;
    this.known.set(closer, { from, at });
    return at;
  }
}

/** Everything a template rendered outside its sections: no marker, no block left open. */
export function inertOutsideSections(output: string, sections: readonly string[]): string {
  const inert = (text: string): string => neutraliseOpenBlocks(neutraliseMarkers(text), true);
  let changed = false;
  let result = '';
  let from = 0;
  for (const section of sections) {
    const at = output.indexOf(section, from);
    // A section nested in another was made text inside the outer one: nothing to keep here.
    if (at === -1) continue;
    const outside = output.slice(from, at);
    const made = inert(outside);
    changed ||= made !== outside;
    result += made + section;
    from = at + section.length;
  }
  const rest = output.slice(from);
  const made = inert(rest);
  changed ||= made !== rest;
  // Usually nothing outside the sections needed it: the output is kept, already one flat string,
  // rather than the same text pieced together again.
  return changed ? result + made : output;
}
