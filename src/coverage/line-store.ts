import { fileLinesFromEntries, type FileLines, type LineEntry } from './file-lines.js';

/**
 * Every `<line>` of a Cobertura report in growable typed arrays (a 100 MB report holds
 * millions of lines: objects per line would cost several times the file in memory).
 * Lines are grouped in blocks, one per `<lines>` element, numbered in document order.
 */
export class LineStore {
  numbers = new Int32Array(4096);
  covered = new Uint8Array(4096);
  branchTotal = new Int32Array(4096);
  branchTaken = new Int32Array(4096);
  arcStart = new Int32Array(4096);
  arcCount = new Int32Array(4096);
  arcPool = new Int32Array(1024);
  length = 0;
  arcLength = 0;
  readonly blockStarts: number[] = [];
  readonly blockEnds: number[] = [];

  startBlock(): number {
    this.blockStarts.push(this.length);
    this.blockEnds.push(this.length);
    return this.blockStarts.length - 1;
  }

  endBlock(): void {
    this.blockEnds[this.blockEnds.length - 1] = this.length;
  }

  push(line: number, covered: boolean, branchTotal: number, branchTaken: number, arcStart: number, arcCount: number): void {
    if (this.length === this.numbers.length) this.grow();
    const index = this.length++;
    this.numbers[index] = line;
    this.covered[index] = covered ? 1 : 0;
    this.branchTotal[index] = branchTotal;
    this.branchTaken[index] = branchTaken;
    this.arcStart[index] = arcStart;
    this.arcCount[index] = arcCount;
  }

  pushArc(destination: number): void {
    if (this.arcLength === this.arcPool.length) {
      const pool = new Int32Array(this.arcPool.length * 2);
      pool.set(this.arcPool);
      this.arcPool = pool;
    }
    this.arcPool[this.arcLength++] = destination;
  }

  blockSize(block: number): number {
    return (this.blockEnds[block] ?? 0) - (this.blockStarts[block] ?? 0);
  }

  /** The lines of some blocks as one file: copied out, sorted, duplicates merged. */
  fileLines(path: string, blocks: readonly number[]): FileLines {
    const only = blocks.length === 1 ? blocks[0] : undefined;
    if (only !== undefined && this.isStrictlyAscending(only)) return this.copyBlock(path, only);
    const entries: LineEntry[] = [];
    for (const block of blocks) {
      for (let index = this.blockStarts[block] ?? 0, end = this.blockEnds[block] ?? 0; index < end; index++) {
        entries.push({
          line: this.numbers[index] ?? 0,
          covered: this.covered[index] === 1,
          branchTotal: this.branchTotal[index] ?? -1,
          branchTaken: this.branchTaken[index] ?? -1,
          missingArcs: this.arcsOf(index),
        });
      }
    }
    return fileLinesFromEntries(path, entries);
  }

  private isStrictlyAscending(block: number): boolean {
    const end = this.blockEnds[block] ?? 0;
    for (let index = (this.blockStarts[block] ?? 0) + 1; index < end; index++) {
      if ((this.numbers[index] ?? 0) <= (this.numbers[index - 1] ?? 0)) return false;
    }
    return true;
  }

  private copyBlock(path: string, block: number): FileLines {
    const start = this.blockStarts[block] ?? 0;
    const end = this.blockEnds[block] ?? 0;
    const missingArcs = new Map<number, readonly number[]>();
    for (let index = start; index < end; index++) {
      if ((this.arcCount[index] ?? 0) > 0) missingArcs.set(this.numbers[index] ?? 0, this.arcsOf(index));
    }
    return {
      path,
      lines: this.numbers.slice(start, end),
      covered: this.covered.slice(start, end),
      branchTotal: this.branchTotal.slice(start, end),
      branchTaken: this.branchTaken.slice(start, end),
      missingArcs,
    };
  }

  private arcsOf(index: number): number[] {
    const start = this.arcStart[index] ?? 0;
    return Array.from(this.arcPool.subarray(start, start + (this.arcCount[index] ?? 0)));
  }

  private grow(): void {
    const size = this.numbers.length * 2;
    const grown = <T extends Int32Array | Uint8Array>(array: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(array);
      return next;
    };
    this.numbers = grown(this.numbers, (n) => new Int32Array(n));
    this.covered = grown(this.covered, (n) => new Uint8Array(n));
    this.branchTotal = grown(this.branchTotal, (n) => new Int32Array(n));
    this.branchTaken = grown(this.branchTaken, (n) => new Int32Array(n));
    this.arcStart = grown(this.arcStart, (n) => new Int32Array(n));
    this.arcCount = grown(this.arcCount, (n) => new Int32Array(n));
  }
}
