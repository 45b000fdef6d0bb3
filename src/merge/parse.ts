/**
 * The full parse, only for files the scanner could not vouch for. The remark
 * stack is imported lazily: a run where every file is as trackgen wrote it never loads it.
 */
export interface MarkdownNode {
  readonly type: string;
  readonly depth?: number;
  readonly value?: string;
  readonly children?: readonly MarkdownNode[];
  readonly position?: {
    readonly start: { readonly offset?: number | undefined };
    readonly end: { readonly offset?: number | undefined };
  };
}

type Parser = (text: string) => MarkdownNode;
let parserPromise: Promise<Parser> | undefined;

async function loadParser(): Promise<Parser> {
  const [{ unified }, { default: remarkParse }, { default: remarkGfm }] = await Promise.all([
    import('unified'),
    import('remark-parse'),
    import('remark-gfm'),
  ]);
  const processor = unified().use(remarkParse).use(remarkGfm);
  return (text) => processor.parse(text) as MarkdownNode;
}

export async function parseMarkdown(text: string): Promise<MarkdownNode> {
  parserPromise ??= loadParser();
  return (await parserPromise)(text);
}

export function startOffset(node: MarkdownNode): number {
  return node.position?.start.offset ?? 0;
}

export function endOffset(node: MarkdownNode): number {
  return node.position?.end.offset ?? 0;
}

/** The chain of nodes containing `offset`, outermost first (the root excluded). */
export function nodesAt(root: MarkdownNode, offset: number): MarkdownNode[] {
  const chain: MarkdownNode[] = [];
  let children = root.children;
  while (children !== undefined) {
    const child = children.find((node) => startOffset(node) <= offset && offset < endOffset(node));
    if (child === undefined) break;
    chain.push(child);
    children = child.children;
  }
  return chain;
}
