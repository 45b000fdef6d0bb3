/**
 * Missing-branch destinations per line, as a read-only Map over two parallel typed arrays
 * (line, destination; grouped by line in reading order). A report holds one per file: as
 * views into the line store they cost no copying and leave nothing for the GC to move.
 */
export class ArcMap implements ReadonlyMap<number, readonly number[]> {
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
