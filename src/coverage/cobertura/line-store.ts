import { fileLinesFromEntries } from '../raw/merge.js';
import type { FlatArcs } from '../figures/ranges.js';
import type { FileLines, LineEntry } from '../raw/raw-report.js';

/**
 * Every `<line>` of a Cobertura report in growable typed arrays (a 100 MB report holds
 * millions of lines: objects per line would cost several times the file in memory).
 * Lines are grouped in blocks, one per `<lines>` element, numbered in document order.
 * Missing-branch destinations are kept apart, each with the index of the line it belongs to.
 */
export class LineStore {
  numbers: Int32Array;
  covered: Uint8Array;
  branchTotal: Int32Array;
  branchTaken: Int32Array;
  arcOwner = new Int32Array(1024);
  arcDestination = new Int32Array(1024);
  /** The line number of each arc's branch line (known once the <line> is complete). */
  arcLine = new Int32Array(1024);
  private pendingArcs = 0;
  length = 0;
  arcLength = 0;
  readonly blockStarts: number[] = [];
  readonly blockEnds: number[] = [];
  /** Per block, the index of its first arc and the index after its last (arcs are appended in line order). */
  private readonly blockArcStarts: number[] = [];
  private readonly blockArcEnds: number[] = [];

  /** `expectedLines`: a guess (from the file size) that saves regrowing the arrays. */
  constructor(expectedLines = 4096) {
    const size = Math.max(1024, expectedLines);
    this.numbers = new Int32Array(size);
    this.covered = new Uint8Array(size);
    this.branchTotal = new Int32Array(size);
    this.branchTaken = new Int32Array(size);
    // Most lines have no missing branches; a report with many starts well sized anyway.
    const arcs = Math.max(1024, size >> 3);
    this.arcOwner = new Int32Array(arcs);
    this.arcDestination = new Int32Array(arcs);
    this.arcLine = new Int32Array(arcs);
  }

  startBlock(): number {
    this.blockStarts.push(this.length);
    this.blockEnds.push(this.length);
    this.blockArcStarts.push(this.arcLength);
    this.blockArcEnds.push(this.arcLength);
    return this.blockStarts.length - 1;
  }

  endBlock(): void {
    this.blockEnds[this.blockEnds.length - 1] = this.length;
    this.blockArcEnds[this.blockArcEnds.length - 1] = this.arcLength;
  }

  push(line: number, covered: boolean, branchTotal: number, branchTaken: number): void {
    if (this.length === this.numbers.length) this.grow();
    const index = this.length++;
    this.numbers[index] = line;
    this.covered[index] = covered ? 1 : 0;
    this.branchTotal[index] = branchTotal;
    this.branchTaken[index] = branchTaken;
    for (; this.pendingArcs < this.arcLength; this.pendingArcs++)
      this.arcLine[this.pendingArcs] = line;
  }

  /** A missing-branch destination of the line about to be pushed. */
  pushArc(destination: number): void {
    if (this.arcLength === this.arcOwner.length) {
      this.arcOwner = grownCopy(this.arcOwner, this.arcOwner.length * 2);
      this.arcDestination = grownCopy(this.arcDestination, this.arcDestination.length * 2);
      this.arcLine = grownCopy(this.arcLine, this.arcLine.length * 2);
    }
    this.arcOwner[this.arcLength] = this.length;
    this.arcDestination[this.arcLength++] = destination;
  }

  blockSize(block: number): number {
    return (this.blockEnds[block] ?? 0) - (this.blockStarts[block] ?? 0);
  }

  /** The lines of some blocks as one file: sorted, duplicates merged (views into the store when already so). */
  fileLines(path: string, blocks: readonly number[]): FileLines {
    const only = blocks.length === 1 ? blocks[0] : undefined;
    if (only !== undefined && this.isStrictlyAscending(only)) return this.viewBlock(path, only);
    const entries: LineEntry[] = [];
    for (const block of blocks) {
      const arcs = this.arcsByIndex(block);
      for (
        let index = this.blockStarts[block] ?? 0, end = this.blockEnds[block] ?? 0;
        index < end;
        index++
      ) {
        entries.push({
          line: this.numbers[index] ?? 0,
          covered: this.covered[index] === 1,
          branchTotal: this.branchTotal[index] ?? -1,
          branchTaken: this.branchTaken[index] ?? -1,
          missingArcs: arcs.get(index) ?? [],
        });
      }
    }
    return fileLinesFromEntries(path, entries);
  }

  private isStrictlyAscending(block: number): boolean {
    const numbers = this.numbers;
    const end = this.blockEnds[block] ?? 0;
    for (let index = (this.blockStarts[block] ?? 0) + 1; index < end; index++) {
      if ((numbers[index] ?? 0) <= (numbers[index - 1] ?? 0)) return false;
    }
    return true;
  }

  private viewBlock(path: string, block: number): FileLines {
    const start = this.blockStarts[block] ?? 0;
    const end = this.blockEnds[block] ?? 0;
    const arcStart = this.blockArcStarts[block] ?? 0;
    const arcEnd = this.blockArcEnds[block] ?? 0;
    const missingArcs = new ArcMap(
      this.arcLine.subarray(arcStart, arcEnd),
      this.arcDestination.subarray(arcStart, arcEnd),
    );
    return {
      path,
      lines: this.numbers.subarray(start, end),
      covered: this.covered.subarray(start, end),
      branchTotal: this.branchTotal.subarray(start, end),
      branchTaken: this.branchTaken.subarray(start, end),
      missingArcs,
    };
  }

  /** Line index -> its missing-branch destinations, for one block. */
  private arcsByIndex(block: number): Map<number, number[]> {
    const result = new Map<number, number[]>();
    const end = this.blockEnds[block] ?? 0;
    for (let arc = this.blockArcStarts[block] ?? 0; arc < this.arcLength; arc++) {
      const owner = this.arcOwner[arc] ?? 0;
      if (owner >= end) break;
      const known = result.get(owner);
      if (known === undefined) result.set(owner, [this.arcDestination[arc] ?? 0]);
      else known.push(this.arcDestination[arc] ?? 0);
    }
    return result;
  }

  private grow(): void {
    const size = this.numbers.length * 2;
    this.numbers = grownCopy(this.numbers, size);
    this.covered = grownCopy(this.covered, size);
    this.branchTotal = grownCopy(this.branchTotal, size);
    this.branchTaken = grownCopy(this.branchTaken, size);
  }
}

function grownCopy<T extends Int32Array | Uint8Array>(array: T, size: number): T {
  const next = new (array.constructor as new (length: number) => T)(size);
  next.set(array);
  return next;
}

/**
 * Missing-branch destinations per line, as a read-only Map over two parallel typed arrays
 * (line, destination; grouped by line in reading order). A report holds one per file: as
 * views into the line store they cost no copying and leave nothing for the GC to move.
 */
class ArcMap implements ReadonlyMap<number, readonly number[]>, FlatArcs {
  readonly size: number;

  constructor(
    private readonly lines: Int32Array,
    private readonly destinations: Int32Array,
  ) {
    let size = 0;
    for (let index = 0; index < lines.length; index++) {
      if (index === 0 || lines[index] !== lines[index - 1]) size++;
    }
    this.size = size;
  }

  get(line: number): readonly number[] | undefined {
    const found: number[] = [];
    for (let index = 0; index < this.lines.length; index++) {
      if (this.lines[index] === line) found.push(this.destinations[index] ?? 0);
    }
    return found.length === 0 ? undefined : found;
  }

  has(line: number): boolean {
    return this.lines.includes(line);
  }

  forEachArc(visit: (line: number, destination: number) => void): void {
    for (let index = 0; index < this.lines.length; index++)
      visit(this.lines[index] ?? 0, this.destinations[index] ?? 0);
  }

  *entries(): MapIterator<[number, readonly number[]]> {
    let index = 0;
    while (index < this.lines.length) {
      const line = this.lines[index] ?? 0;
      const group: number[] = [];
      while (index < this.lines.length && this.lines[index] === line)
        group.push(this.destinations[index++] ?? 0);
      yield [line, group];
    }
  }

  *keys(): MapIterator<number> {
    for (const [line] of this.entries()) yield line;
  }

  *values(): MapIterator<readonly number[]> {
    for (const [, destinations] of this.entries()) yield destinations;
  }

  forEach(
    callback: (
      value: readonly number[],
      key: number,
      map: ReadonlyMap<number, readonly number[]>,
    ) => void,
    thisArgument?: unknown,
  ): void {
    for (const [line, destinations] of this.entries())
      callback.call(thisArgument, destinations, line, this);
  }

  [Symbol.iterator](): MapIterator<[number, readonly number[]]> {
    return this.entries();
  }
}
