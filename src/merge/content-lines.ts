/**
 * The first and last lines of a span of text that are not blank, found by walking its lines from
 * one end: as `text.slice(from, to).split('\n')` then `find`/`findLast` of `line.trim() !== ''`,
 * without splitting (and copying) a whole section to read one line of it.
 */
export function firstContentLine(text: string, from: number, to: number): string | undefined {
  for (let start = from; ;) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 || newline >= to ? to : newline;
    const line = text.slice(start, end);
    if (line.trim() !== '') return line;
    if (end === to) return undefined;
    start = end + 1;
  }
}

export function lastContentLine(text: string, from: number, to: number): string | undefined {
  for (let end = to; ;) {
    const newline = end > from ? text.lastIndexOf('\n', end - 1) : -1;
    const start = newline < from ? from : newline + 1;
    const line = text.slice(start, end);
    if (line.trim() !== '') return line;
    if (start === from) return undefined;
    end = newline;
  }
}
