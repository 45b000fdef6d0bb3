import { LineIndex } from '../text/position.js';
import { endOffset, nodesAt, parseMarkdown, startOffset, type MarkdownNode } from './parse.js';
import type { ScanResult } from './scan.js';

export interface MarkerProblem {
  readonly offset: number;
  readonly message: string;
}

export interface Verification {
  /** Start offsets of the scanned marker lines that really are top-level HTML comments. */
  readonly real: ReadonlySet<number>;
  readonly problems: readonly MarkerProblem[];
}

function describeContainer(node: MarkdownNode, text: string, lines: LineIndex): string {
  const line = lines.position(startOffset(node)).line;
  switch (node.type) {
    case 'code':
      return /^[ \t]{0,3}(```|~~~)/.test(text.slice(startOffset(node)))
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
  const root = await parseMarkdown(text);
  const lines = new LineIndex(text);
  const topLevelHtml = new Map<number, MarkdownNode>();
  for (const node of root.children ?? []) {
    if (node.type === 'html') topLevelHtml.set(startOffset(node), node);
  }
  const real = new Set<number>();
  const problems: MarkerProblem[] = [];
  for (const marker of scan.markers) {
    const node = topLevelHtml.get(marker.start);
    if (node !== undefined && endOffset(node) <= marker.end) {
      real.add(marker.start);
      continue;
    }
    const chain = nodesAt(root, marker.start);
    const container = chain[0];
    problems.push({
      offset: marker.start,
      message: `Cannot use this marker ${container === undefined ? 'here' : describeContainer(container, text, lines)}: markers must be top-level lines of their own, outside code blocks, HTML blocks, lists and quotes`,
    });
  }
  for (const offset of scan.strays) {
    const chain = nodesAt(root, offset);
    const innermost = chain[chain.length - 1];
    if (innermost === undefined || (innermost.type !== 'html' && innermost.type !== 'code'))
      continue;
    const container = chain[0] ?? innermost;
    const alone =
      container.type === 'paragraph' ||
      container.type === 'heading' ||
      (container === innermost && startOffset(innermost) === offset);
    const where = alone ? 'not on a line of its own' : describeContainer(container, text, lines);
    problems.push({
      offset,
      message: `Cannot use a marker ${where}: put each \`<!-- trackgen:… -->\` marker alone on a line, at the start of the line, outside code blocks`,
    });
  }
  return { real, problems };
}
