import type { ByteSource } from './byte-source.js';
import { readLines } from './line-reader.js';
import { LineStore } from './line-store.js';
import { ScanError } from '../raw/raw-report.js';
import {
  BANG,
  DOUBLE_QUOTE,
  GT,
  LT,
  QUESTION,
  SINGLE_QUOTE,
  SLASH,
  ascii,
  bytesEqual,
  endsName,
  isSpace,
  preview,
} from './xml-bytes.js';

/**
 * Splits a Cobertura document, as its bytes stream in, into
 * - a skeleton: the document without its `<lines>` elements, empty `<methods/>`, comments,
 *   DOCTYPE and indentation — small, and handed to fast-xml-parser for validation and the
 *   root's structure;
 * - the lines themselves, read by the tight reader into a LineStore (block N); and
 * - the classes, recorded with their blocks as they go by (so the packages need no parse).
 * Comments and the DOCTYPE are dropped from the skeleton; a DOCTYPE that declares entities is
 * refused (entities are never expanded, external ones never read).
 */
export interface ScanResult {
  readonly skeleton: Buffer;
  /** Every `<class>`, wherever it sits, in document order, with the line blocks inside it. */
  readonly classes: readonly ClassRecord[];
  /** Maps skeleton byte offsets back to file byte offsets, for fast-xml-parser's errors. */
  readonly segments: readonly Segment[];
  readonly store: LineStore;
  readonly latin1: boolean;
}

export interface Segment {
  readonly skeletonOffset: number;
  readonly fileOffset: number;
}

export interface ClassRecord {
  /** Raw attribute values (entities not yet decoded). */
  readonly filename: string | undefined;
  readonly name: string | undefined;
  /** Byte offset of the `<class` tag in the file, for messages. */
  readonly offset: number;
  /** Blocks of the class's own `<lines>`. */
  readonly blocks: number[];
  /** Blocks of `<lines>` inside its `<method>` elements. */
  readonly methodBlocks: number[];
}

/** 64 KiB reads: larger chunks fall out of the CPU cache and halve the scan speed. */
const CHUNK = 64 * 1024;

/**
 * Streams a Cobertura document through the scanner in 64 KiB chunks. Bytes the scanner could
 * not finish (an element cut by the chunk boundary) move to the front and are read again with
 * the next chunk; nothing is sliced out of a chunk and kept, so chunks never stay pinned.
 */
export function scanCobertura(source: ByteSource, startOffset: number): ScanResult {
  const scanner = new CoberturaScanner(source.size - startOffset);
  let buffer = Buffer.allocUnsafe(CHUNK * 2);
  let start = 0;
  let end = 0;
  let base = startOffset;
  for (;;) {
    if (start > 0) {
      buffer.copyWithin(0, start, end);
      base += start;
      end -= start;
      start = 0;
    }
    if (buffer.length - end < CHUNK) {
      const larger = Buffer.allocUnsafe(buffer.length * 2);
      buffer.copy(larger, 0, 0, end);
      buffer = larger;
    }
    // What the scanner could not finish is one tag, comment or <line>: bounded, so a 60 MB
    // attribute is refused at once instead of being scanned again with every chunk.
    if (end - start > MAX_MARKUP)
      throw new ScanError(
        base + start,
        `expected markup (a tag, comment or <line>) under ${MAX_MARKUP >> 20} MiB, found a longer one`,
      );
    const count = source.read(buffer, end, CHUNK, base + end);
    end += count;
    const eof = count === 0;
    start = scanner.feed(buffer, start, end, base, eof);
    if (eof) return scanner.result();
  }
}

interface OpenElement {
  readonly name: string;
  readonly offset: number;
}

const COMMENT = ascii('!--');
const CDATA = ascii('![CDATA[');
const DOCTYPE = ascii('!DOCTYPE');
const COMMENT_END = Buffer.from('-->');
const CDATA_END = Buffer.from(']]>');
const PI_END = Buffer.from('?>');
const MAX_DOCTYPE = 1 << 20;
/** Longest tag (attributes included), comment, CDATA section or `<line>` element. */
export const MAX_MARKUP = 1 << 20;
/** Longest run of text between two tags (a `<source>` path, indentation). */
export const MAX_TEXT = 1 << 20;

class CoberturaScanner {
  private readonly parts: Buffer[] = [];
  private skeletonLength = 0;
  private readonly segments: Segment[] = [];
  readonly store: LineStore;
  private inLines = false;
  private linesOpenedAt = 0;
  private readonly stack: OpenElement[] = [];
  private rootSeen = false;
  private rootClosed = false;
  private latin1 = false;
  private readonly classes: ClassRecord[] = [];
  private currentClass: ClassRecord | undefined;
  private methodDepth = 0;
  /** Bytes of text since the last tag, and where that text began (file offset). */
  private textRun = 0;
  private textRunStart = 0;

  /** `expectedBytes`: the document's size, to size the line store up front. */
  constructor(expectedBytes = 0) {
    // coverage.py writes about 40 bytes a line; most producers more.
    this.store = new LineStore(Math.ceil(expectedBytes / 40));
  }

  /**
   * Consumes what it can of buffer[start, end) (file offset of buffer[0] is `base`) and returns
   * the index of the first byte it needs to see again together with more bytes.
   */
  feed(buffer: Buffer, start: number, end: number, base: number, eof: boolean): number {
    let position = start;
    let copyFrom = start;
    const flush = (upTo: number): void => {
      if (upTo > copyFrom) {
        this.segments.push({ skeletonOffset: this.skeletonLength, fileOffset: base + copyFrom });
        this.parts.push(Buffer.from(buffer.subarray(copyFrom, upTo)));
        this.skeletonLength += upTo - copyFrom;
      }
    };
    while (position < end) {
      if (this.inLines) {
        const progress = readLines(buffer, position, end, base, this.store);
        position = progress.position;
        copyFrom = position;
        if (!progress.closed) break;
        this.store.endBlock();
        this.inLines = false;
        copyFrom = position;
        continue;
      }
      const open = buffer.indexOf(LT, position);
      const textEnd = open === -1 || open >= end ? end : open;
      if (textEnd > position) {
        if (this.textRun === 0) this.textRunStart = base + position;
        this.textRun += textEnd - position;
        if (this.textRun > MAX_TEXT)
          throw new ScanError(
            this.textRunStart,
            `expected text between tags under ${MAX_TEXT >> 20} MiB, found a longer run`,
          );
      }
      if (open === -1 || open >= end) {
        position = end;
        break;
      }
      this.textRun = 0;
      if (open + 1 >= end) {
        position = open;
        break;
      }
      if (open > position && allSpace(buffer, position, open)) {
        // Indentation between tags: left out of the skeleton, less for the validator to walk.
        flush(position);
        copyFrom = open;
      }
      const tagEnd = this.readMarkup(buffer, open, end, base, eof);
      if (tagEnd === -1) {
        position = open;
        break;
      }
      if (tagEnd < 0) {
        // Dropped from the skeleton (comment, DOCTYPE): -(index after it) - 2.
        flush(open);
        position = -tagEnd - 2;
        copyFrom = position;
        continue;
      }
      // readMarkup may have opened <lines>; TypeScript keeps its narrowing across the call.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
      if (this.inLines) {
        // The whole <lines> element stays out of the skeleton: its class knows its block.
        flush(open);
        const block = this.store.startBlock();
        if (this.methodDepth > 0) this.currentClass?.methodBlocks.push(block);
        else this.currentClass?.blocks.push(block);
        this.linesOpenedAt = base + open;
        position = tagEnd;
        copyFrom = tagEnd;
        continue;
      }
      if (tagEnd - open === EMPTY_METHODS.length && bytesEqual(buffer, open, EMPTY_METHODS)) {
        flush(open);
        copyFrom = tagEnd;
      }
      position = tagEnd;
    }
    flush(Math.min(position, end));
    if (eof) {
      if (position < end) {
        throw new ScanError(
          this.inLines ? this.linesOpenedAt : base + position,
          this.inLines
            ? 'the file ends inside this <lines> element: expected </lines>, found the end of the file (is the report truncated?)'
            : `the file ends inside markup ${preview(buffer, position, end)}: expected its closing ">" (is the report truncated?)`,
        );
      }
      this.finish(base + end);
    }
    return position;
  }

  result(): ScanResult {
    return {
      skeleton: Buffer.concat(this.parts, this.skeletonLength),
      classes: this.classes,
      segments: this.segments,
      store: this.store,
      latin1: this.latin1,
    };
  }

  private finish(endOffset: number): void {
    if (this.inLines)
      throw new ScanError(
        this.linesOpenedAt,
        'the file ends inside this <lines> element: expected </lines>, found the end of the file (is the report truncated?)',
      );
    const open = this.stack[this.stack.length - 1];
    if (open !== undefined) {
      throw new ScanError(
        endOffset,
        `the file ends before </${open.name}>: expected the rest of the report, found the end of the file (is it truncated?)`,
      );
    }
    if (!this.rootSeen)
      throw new ScanError(undefined, 'expected an XML element <coverage>, found none');
  }

  /**
   * Reads the markup starting at buffer[open] ('<'). Returns the index after it (kept in the
   * skeleton), -(index after it) - 2 (dropped), or -1 when the bytes ran out.
   */
  private readMarkup(
    buffer: Buffer,
    open: number,
    end: number,
    base: number,
    eof: boolean,
  ): number {
    const next = buffer[open + 1];
    if (next === BANG) {
      if (bytesEqual(buffer, open + 1, COMMENT))
        return dropped(findAfter(buffer, open + 4, end, COMMENT_END));
      if (bytesEqual(buffer, open + 1, CDATA)) return findAfter(buffer, open + 9, end, CDATA_END);
      if (bytesEqual(buffer, open + 1, DOCTYPE))
        return dropped(this.readDoctype(buffer, open, end, base));
      if (end - open < 9 && !eof) return -1;
      throw new ScanError(
        base + open,
        `expected a comment, CDATA or DOCTYPE, found ${preview(buffer, open, end)}`,
      );
    }
    if (next === QUESTION) {
      const after = findAfter(buffer, open + 2, end, PI_END);
      if (after !== -1 && !this.rootSeen) {
        const declaration = buffer.toString('latin1', open, after);
        const encoding = /encoding\s*=\s*["']([^"']*)["']/.exec(declaration)?.[1]?.toLowerCase();
        if (
          encoding !== undefined &&
          /^(iso-?8859-1|latin-?1|windows-1252|cp1252|us-ascii|ascii)$/.test(encoding)
        )
          this.latin1 = true;
      }
      return after;
    }
    const tagEnd = findTagEnd(buffer, open + 1, end);
    if (tagEnd === -1) return -1;
    const closing = next === SLASH;
    let nameEnd = open + (closing ? 2 : 1);
    while (nameEnd < tagEnd && !endsName(buffer[nameEnd])) nameEnd++;
    const name = buffer.toString('utf8', open + (closing ? 2 : 1), nameEnd);
    if (closing) {
      const expected = this.stack.pop();
      if (expected === undefined || expected.name !== name) {
        const wanted = expected === undefined ? 'no closing tag' : `</${expected.name}>`;
        throw new ScanError(base + open, `expected ${wanted}, found </${name}>`);
      }
      if (this.stack.length === 0) this.rootClosed = true;
      if (name === 'class') this.currentClass = undefined;
      else if (name === 'method' && this.methodDepth > 0) this.methodDepth--;
      return tagEnd;
    }
    if (name === '')
      throw new ScanError(
        base + open,
        `expected an element name after "<", found ${preview(buffer, open, end)}`,
      );
    const selfClosing = buffer[tagEnd - 2] === SLASH;
    if (!this.rootSeen) {
      this.rootSeen = true;
      checkRoot(name, buffer.toString('utf8', open, tagEnd), base + open);
    } else if (this.rootClosed) {
      throw new ScanError(
        base + open,
        `expected nothing after </coverage>, found another element <${name}>`,
      );
    }
    if (name === 'class') {
      const attributes = buffer.toString(this.latin1 ? 'latin1' : 'utf8', nameEnd, tagEnd);
      const record: ClassRecord = {
        filename: attribute(attributes, 'filename'),
        name: attribute(attributes, 'name'),
        offset: base + open,
        blocks: [],
        methodBlocks: [],
      };
      this.classes.push(record);
      this.currentClass = selfClosing ? undefined : record;
      this.methodDepth = 0;
    } else if (name === 'method' && !selfClosing && this.currentClass !== undefined) {
      this.methodDepth++;
    }
    if (name === 'lines' && !selfClosing) {
      this.inLines = true;
      return tagEnd;
    }
    if (!selfClosing) this.stack.push({ name, offset: base + open });
    return tagEnd;
  }

  private readDoctype(buffer: Buffer, open: number, end: number, base: number): number {
    let quote = 0;
    let depth = 0;
    for (let position = open + 9; position < end; position++) {
      if (position - open > MAX_DOCTYPE)
        throw new ScanError(base + open, 'expected a short DOCTYPE, found one over 1 MiB');
      const byte = buffer[position];
      if (quote !== 0) {
        if (byte === quote) quote = 0;
      } else if (byte === DOUBLE_QUOTE || byte === SINGLE_QUOTE) {
        quote = byte;
      } else if (byte === 0x5b /* [ */) {
        depth++;
      } else if (byte === 0x5d /* ] */) {
        depth--;
      } else if (byte === LT && depth > 0 && bytesEqual(buffer, position, ENTITY)) {
        const declaration = buffer.toString('utf8', position, Math.min(end, position + 200));
        const external = /^<!ENTITY\s+%?\s*\S+\s+(SYSTEM|PUBLIC)\b/.test(declaration);
        throw new ScanError(
          base + position,
          external
            ? 'the DOCTYPE declares an external entity, which trackgen never reads: expected a Cobertura report without entity declarations'
            : 'the DOCTYPE declares entities, which trackgen does not expand: expected a Cobertura report without entity declarations',
        );
      } else if (byte === GT && depth <= 0) {
        return position + 1;
      }
    }
    return -1;
  }
}

const ENTITY = ascii('<!ENTITY');
const EMPTY_METHODS = ascii('<methods/>');

function allSpace(buffer: Buffer, start: number, end: number): boolean {
  for (let position = start; position < end; position++) {
    if (!isSpace(buffer[position])) return false;
  }
  return true;
}

/** One attribute's raw value from a start tag's attribute text; fast-xml-parser validates the syntax. */
function attribute(attributes: string, wanted: string): string | undefined {
  const pattern = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let match = pattern.exec(attributes); match !== null; match = pattern.exec(attributes)) {
    if (match[1] === wanted) return match[2] ?? match[3];
  }
  return undefined;
}

function dropped(after: number): number {
  return after === -1 ? -1 : -after - 2;
}

function findAfter(buffer: Buffer, from: number, end: number, terminator: Buffer): number {
  const found = buffer.indexOf(terminator, from);
  return found === -1 || found + terminator.length > end ? -1 : found + terminator.length;
}

/** Index after the '>' closing a tag, skipping quoted attribute values; -1 when not in the buffer. */
function findTagEnd(buffer: Buffer, from: number, end: number): number {
  let quote = 0;
  for (let position = from; position < end; position++) {
    const byte = buffer[position];
    if (quote !== 0) {
      if (byte === quote) quote = 0;
    } else if (byte === DOUBLE_QUOTE || byte === SINGLE_QUOTE) {
      quote = byte;
    } else if (byte === GT) {
      return position + 1;
    }
  }
  return -1;
}

/** Other formats are named, so the user knows what they passed. */
function checkRoot(name: string, tag: string, offset: number): void {
  const expectation = 'trackgen reads Cobertura XML (root <coverage>) or coverage.py JSON';
  if (name === 'report')
    throw new ScanError(offset, `this is a JaCoCo XML report (root <report>); ${expectation}`);
  if (name === 'coverage' && /\s(clover\s*=|generator\s*=\s*["']clover)/i.test(tag)) {
    throw new ScanError(offset, `this is a Clover XML report; ${expectation}`);
  }
  if (name !== 'coverage')
    throw new ScanError(
      offset,
      `expected the root element <coverage>, found <${name}>; ${expectation}`,
    );
}
