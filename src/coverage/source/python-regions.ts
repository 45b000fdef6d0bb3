import type { CodeRegion } from '../raw/raw-report.js';

/**
 * Functions and classes of Python source, found without Python: what coverage.py's
 * `code_regions` (regions.py RegionFinder, 7.5+) finds with `ast`. A function's lines run
 * from its first body line to its last, without the lines of functions nested in it; names are
 * qualified by the enclosing classes and functions (`BudgetManager.reset`, `outer.add`).
 * Lines are read as logical lines: strings (also triple-quoted), comments and brackets are
 * skipped, so a `def` in a docstring or a multi-line signature does not mislead; a block ends
 * at the next logical line indented no deeper than its header. Class regions hold the lines
 * that are not in their methods (class-body statements), which coverage.py leaves to no region.
 */
export function pythonRegions(source: string): CodeRegion[] {
  const logical = logicalLines(source);
  interface Open {
    kind: 'function' | 'class';
    name: string;
    indent: number;
    lines: Set<number>;
  }
  const stack: Open[] = [];
  const regions: { kind: 'function' | 'class'; name: string; lines: Set<number> }[] = [];
  const close = (indent: number) => {
    while (stack.length > 0 && (stack[stack.length - 1]?.indent ?? 0) >= indent) stack.pop();
  };
  for (const { first, last, indent, text } of logical) {
    close(indent);
    // Every line of this logical line belongs to the innermost open block (nested ones excluded).
    const owner = stack[stack.length - 1];
    const header = /^(?:async\s+)?def\s+([A-Za-z_]\w*)|^class\s+([A-Za-z_]\w*)/.exec(text);
    // A nested `def`/`class` line is a statement of the enclosing function (regions.py removes
    // only the nested function's body from it); in a class body it stays outside the class.
    if (owner !== undefined && (header === null || owner.kind === 'function'))
      for (let line = first; line <= last; line++) owner.lines.add(line);
    if (header === null) continue;
    const name = header[1] ?? header[2] ?? '';
    const kind = header[1] !== undefined ? 'function' : 'class';
    const qualified = [...stack.map((open) => open.name), name].join('.');
    const open: Open = { kind, name, indent, lines: new Set() };
    // A one-line body (`def f(): return 1`) is on the header's own line.
    if (!/:\s*$/.test(text)) open.lines.add(last);
    stack.push(open);
    regions.push({ kind, name: qualified, lines: open.lines });
  }
  return regions.map(({ kind, name, lines }) => ({
    kind,
    name,
    lines: [...lines].sort((a, b) => a - b),
  }));
}

interface LogicalLine {
  readonly first: number;
  readonly last: number;
  readonly indent: number;
  /** The code with strings emptied and comments removed. */
  readonly text: string;
}

/** Physical lines joined into logical ones (open brackets, backslashes, multi-line strings). */
function logicalLines(source: string): LogicalLine[] {
  const result: LogicalLine[] = [];
  const physical = source.split(/\r\n|\r|\n/);
  let depth = 0;
  let quote: string | undefined;
  let text = '';
  let first = 0;
  let indent = 0;
  physical.forEach((raw, index) => {
    const lineNumber = index + 1;
    let start = 0;
    if (text === '' && quote === undefined && depth === 0) {
      const stripped = raw.trimStart();
      if (stripped === '' || stripped.startsWith('#')) return;
      first = lineNumber;
      indent = raw.length - stripped.length;
      start = indent;
    }
    let continued = false;
    for (let at = start; at < raw.length; at++) {
      const char = raw[at] ?? '';
      if (quote !== undefined) {
        if (char === '\\') at++;
        else if (raw.startsWith(quote, at)) {
          at += quote.length - 1;
          quote = undefined;
          text += '""';
        }
        continue;
      }
      if (char === '#') break;
      if (char === '"' || char === "'") {
        quote = raw.startsWith(char.repeat(3), at) ? char.repeat(3) : char;
        at += quote.length - 1;
        continue;
      }
      if (char === '\\' && at === raw.length - 1) {
        continued = true;
        break;
      }
      if ('([{'.includes(char)) depth++;
      else if (')]}'.includes(char)) depth = Math.max(0, depth - 1);
      text += char;
    }
    // A single-quoted string cannot span lines: an unclosed one ends here.
    if (quote !== undefined && quote.length === 1) quote = undefined;
    if (quote === undefined && depth === 0 && !continued) {
      result.push({ first, last: lineNumber, indent, text: text.trim() });
      text = '';
    } else text += ' ';
  });
  return result;
}
