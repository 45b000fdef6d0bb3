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
  return collapseSpaces(neutraliseMarkers(text).trim().replace(/\r?\n/g, '<br>')).replace(
    /(\\*)\|/g,
    (pipe, backslashes: string) => (backslashes.length % 2 === 1 ? pipe : `${backslashes}\\|`),
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
  return collapseSpaces(
    neutraliseMarkers(text)
      .replace(/\s*\r?\n\s*/g, ' ')
      .trim(),
  );
}

/**
 * Runs of spaces mean one space in Markdown text, and Prettier writes them so; collapsing them
 * keeps output stable under Prettier. Inline code spans keep theirs.
 */
function collapseSpaces(text: string): string {
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
  return text.replace(/<!--(\s*)trackgen:/gi, '&lt;!--$1trackgen:');
}
