import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { modulePath, ScanError, type FileLines, type RawReport } from '../raw/raw-report.js';
import type { ScanResult, Segment } from './scan.js';
import { decodeEntities } from './xml-bytes.js';
import { asArray, asNode, type XmlNode } from '../../text/xml-nodes.js';

/**
 * The structure of a Cobertura report, from the skeleton the scanner left (the document
 * without its `<lines>` elements): validated by fast-xml-parser, which also reads the root
 * and its `<sources>`. The classes, wherever they sit (under `<package><classes>`,
 * straight under `<packages>` or `<package>`), were recorded by the scanner with their line
 * blocks. A class's own lines count; a class without any takes its methods' lines (never
 * both). Classes naming the same file are merged by line.
 */

const ARRAY_TAGS = new Set(['source']);
const KEPT_ATTRIBUTES = new Set(['branch-rate', 'branches-valid']);

export function readSkeleton(scan: ScanResult, sourceName: string): RawReport {
  const text = scan.skeleton.toString(scan.latin1 ? 'latin1' : 'utf8');
  // fast-xml-parser 5 marks its validator deprecated in favour of a separate package; it still
  // ships and is what the corpus tests hold it to.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  const validation = guarded(() => XMLValidator.validate(text));
  if (validation !== true) {
    const { line, col, msg } = validation.err;
    throw new ScanError(
      fileOffset(scan, text, line, col),
      `not well-formed XML: ${msg.replace(/\.$/, '')}`,
    );
  }
  const parser = new XMLParser({
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    isArray: (name) => ARRAY_TAGS.has(name),
    // The classes were recorded by the scanner as the file streamed in: fast-xml-parser reads
    // the rest of the structure (root, sources) and skips the packages; only the attributes
    // read below, and no jPath strings.
    stopNodes: ['coverage.packages'],
    ignoreAttributes: (name: string) => !KEPT_ATTRIBUTES.has(name),
    jPath: false,
  });
  const document = guarded(() => parser.parse(text) as XmlNode);
  const root = asNode(document['coverage']);
  if (root === undefined)
    throw new ScanError(undefined, 'expected the root element <coverage>, found none');

  const sourceRoots = asArray(asNode(root['sources'])?.['source'])
    .map((source) => decodeEntities(typeof source === 'string' ? source : '').trim())
    .filter((source) => source !== '');

  const blocksByPath = new Map<string, number[]>();
  for (const xmlClass of scan.classes) {
    const filename = xmlClass.filename;
    if (filename === undefined || filename.trim() === '') {
      const name = xmlClass.name === undefined ? '' : ` (class "${decodeEntities(xmlClass.name)}")`;
      throw new ScanError(
        xmlClass.offset,
        `expected a filename attribute on every <class>, found a class without one${name}`,
      );
    }
    const path = modulePath(decodeEntities(filename), sourceRoots);
    const ownLines = xmlClass.blocks.some((block) => scan.store.blockSize(block) > 0);
    const blocks = ownLines ? xmlClass.blocks : xmlClass.methodBlocks;
    const known = blocksByPath.get(path);
    if (known === undefined) blocksByPath.set(path, [...blocks]);
    else for (const block of blocks) known.push(block);
  }

  const files: FileLines[] = [];
  let anyBranchLine = false;
  for (const [path, blocks] of blocksByPath) {
    const file = scan.store.fileLines(path, blocks);
    if (!anyBranchLine) anyBranchLine = file.branchTotal.some((total) => total >= 0);
    files.push(file);
  }
  return {
    source: sourceName,
    format: 'cobertura',
    sourceRoots,
    hasBranchData: anyBranchLine || declaresBranchMode(root),
    files,
  };
}

/** fast-xml-parser throws for some documents (nesting deeper than 100): still the user's file. */
function guarded<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ScanError(
      undefined,
      `not a readable Cobertura document: ${message.replace(/\.$/, '')}`,
    );
  }
}

/**
 * A report without a single branch line may still have measured branches: coverage.py in
 * branch mode (and gcovr) write branch-rate="1" with branches-valid="0" for code without
 * branches, while line-only producers write branch-rate="0", "NaN" or nothing. A positive
 * branch count that no line accounts for (PHPUnit) cannot be attributed, so it is no data.
 */
function declaresBranchMode(root: XmlNode): boolean {
  const rate = Number(root['branch-rate']);
  const valid = root['branches-valid'];
  return rate > 0 && (valid === undefined || Number(valid) === 0);
}

/** fast-xml-parser's line:column in the skeleton, back to a byte offset in the file. */
function fileOffset(
  scan: ScanResult,
  text: string,
  line: number,
  column: number,
): number | undefined {
  const lines = text.split('\n', line);
  const lineStart = lines.slice(0, line - 1).reduce((sum, part) => sum + part.length + 1, 0);
  const charOffset = Math.min(text.length, lineStart + Math.max(0, column - 1));
  const byteOffset = scan.latin1 ? charOffset : Buffer.byteLength(text.slice(0, charOffset));
  let segment: Segment | undefined;
  for (const candidate of scan.segments) {
    if (candidate.skeletonOffset > byteOffset) break;
    segment = candidate;
  }
  return segment === undefined
    ? undefined
    : segment.fileOffset + (byteOffset - segment.skeletonOffset);
}
