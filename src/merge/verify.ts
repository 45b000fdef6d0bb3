import { LineIndex } from '../text/position.js';
import { endOffset, nodesAt, parseMarkdown, startOffset, type MarkdownNode } from './parse.js';
import type { MarkerLine, ScanResult } from './scan.js';

export interface MarkerProblem {
  readonly offset: number;
  readonly message: string;
}

export interface Verification {
  /** Start offsets of the scanned marker lines that really are top-level HTML comments. */
  readonly real: ReadonlySet<number>;
  readonly problems: readonly MarkerProblem[];
}

/** A parse of `text` from `base` on: node offsets are relative to `base`. */
export interface ParsedRegion {
  readonly root: MarkdownNode;
  readonly base: number;
}

function describeContainer(
  node: MarkdownNode,
  base: number,
  text: string,
  lines: LineIndex,
): string {
  const start = startOffset(node) + base;
  const line = lines.position(start).line;
  switch (node.type) {
    case 'code':
      return /^[ \t]{0,3}(```|~~~)/.test(text.slice(start, start + 8))
        ? `inside a fenced code block (opened at line ${line})`
        : `inside an indented code block (from line ${line})`;
    case 'html':
      return `inside an HTML block (from line ${line})`;
    case 'list':
    case 'listItem':
      return `inside a list item (from line ${line})`;
    case 'blockquote':
      return `inside a block quote (from line ${line})`;
    case 'table':
      return `inside a table (from line ${line})`;
    default:
      return 'not on a line of its own';
  }
}

/**
 * Confirms the scanner's doubtful markers with a full parse: a marker counts only when it is an
 * HTML node directly under the root. Stray marker-like comments inside HTML or code are reported;
 * prose and inline code that merely mention the syntax are not.
 */
export async function verifyMarkers(text: string, scan: ScanResult): Promise<Verification> {
  const region = { root: await parseMarkdown(text), base: 0 };
  return verifyInRegion(region, text, new LineIndex(text), scan.markers, scan.strays);
}

/** Whether the parse of a region sees this marker line as a top-level HTML comment of its own. */
export function isTopLevel(region: ParsedRegion, marker: MarkerLine): boolean {
  const start = marker.start - region.base;
  const children = region.root.children ?? [];
  // Top-level nodes are in order: a binary search finds the one starting at or before `start`.
  let low = 0;
  let high = children.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (startOffset(children[middle] ?? region.root) <= start) low = middle;
    else high = middle - 1;
  }
  const node = children[low];
  return (
    node !== undefined &&
    node.type === 'html' &&
    startOffset(node) === start &&
    endOffset(node) <= marker.end - region.base
  );
}

/** The checks of verifyMarkers for the markers and strays a parsed region covers. */
export function verifyInRegion(
  region: ParsedRegion,
  text: string,
  lines: LineIndex,
  markers: readonly MarkerLine[],
  strays: readonly number[],
): Verification {
  const { root, base } = region;
  const real = new Set<number>();
  const problems: MarkerProblem[] = [];
  for (const marker of markers) {
    if (isTopLevel(region, marker)) {
      real.add(marker.start);
      continue;
    }
    const chain = nodesAt(root, marker.start - base);
    const container = chain[0];
    problems.push({
      offset: marker.start,
      message: `Cannot use this marker ${container === undefined ? 'here' : describeContainer(container, base, text, lines)}: markers must be top-level lines of their own, outside code blocks, HTML blocks, lists and quotes`,
    });
  }
  for (const offset of strays) {
    const chain = nodesAt(root, offset - base);
    const innermost = chain[chain.length - 1];
    if (innermost === undefined || (innermost.type !== 'html' && innermost.type !== 'code'))
      continue;
    const container = chain[0] ?? innermost;
    const alone =
      container.type === 'paragraph' ||
      container.type === 'heading' ||
      (container === innermost && startOffset(innermost) + base === offset);
    const where = alone
      ? 'not on a line of its own'
      : describeContainer(container, base, text, lines);
    problems.push({
      offset,
      message: `Cannot use a marker ${where}: put each \`<!-- trackgen:… -->\` marker alone on a line, at the start of the line, outside code blocks`,
    });
  }
  return { real, problems };
}
