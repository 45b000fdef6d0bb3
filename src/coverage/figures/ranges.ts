/**
 * coverage.py's `format_lines` (results.py): missing lines grouped into ranges that run on
 * across lines that are not statements and break at an executed statement; then the partial
 * branch arcs, except those whose source or destination line is itself missing; all sorted
 * together by (line, text) — so at one line `5->10` sorts before `5->7` and `5->exit` last,
 * exactly as Python sorts the tuples.
 */
export type LineItem = readonly [line: number, text: string];
export type LineRange = readonly [start: number, end: number];

/**
 * The (start, end) pairs of `_line_ranges`; `statements` and `missing` ascending. No closures
 * over the loop's variables: captured variables live on the heap and slow the loop down.
 */
export function lineRanges(statements: ArrayLike<number>, missing: ArrayLike<number>): LineRange[] {
  const pairs: LineRange[] = [];
  let start = -1;
  let end = 0;
  let next = 0;
  const count = statements.length;
  const wanted = missing.length;
  for (let index = 0; index < count && next < wanted; index++) {
    const statement = statements[index] ?? 0;
    if (statement === missing[next]) {
      next++;
      if (start === -1) start = statement;
      end = statement;
    } else if (start !== -1) {
      pairs.push([start, end]);
      start = -1;
    }
  }
  if (start !== -1) pairs.push([start, end]);
  return pairs;
}

/** Membership in an ascending list, by binary search (no Set of a file's missing lines). */
export function sortedMembers(list: ArrayLike<number>): { has(line: number): boolean } {
  return {
    has(line) {
      let low = 0;
      let high = list.length - 1;
      while (low <= high) {
        const middle = (low + high) >>> 1;
        const value = list[middle] ?? 0;
        if (value === line) return true;
        if (value < line) low = middle + 1;
        else high = middle - 1;
      }
      return false;
    },
  };
}

/** Ranges as text: `109-166, 170-179, 323`. */
export function rangesText(ranges: readonly LineRange[]): string {
  return ranges.map(rangeText).join(', ');
}

/**
 * Missing arcs that can also be listed one by one, in the map's order: a reader that keeps them
 * flat offers this, and `arcItems` then builds no array per line (for a 100 MB report, about a
 * third of all it allocates).
 */
export interface FlatArcs {
  forEachArc(visit: (line: number, destination: number) => void): void;
}

/** Visits every missing arc, line by line, through the flat listing when the map has one. */
export function forEachArc(
  arcs: ReadonlyMap<number, readonly number[]>,
  visit: (line: number, destination: number) => void,
): void {
  if (typeof (arcs as Partial<FlatArcs>).forEachArc === 'function')
    (arcs as ReadonlyMap<number, readonly number[]> & FlatArcs).forEachArc(visit);
  else
    for (const [line, destinations] of arcs)
      for (const destination of destinations) visit(line, destination);
}

/** `26->30`, `54->exit` for each branch line that ran; a negative destination is an exit. */
export function arcItems(
  missingArcs: ReadonlyMap<number, readonly number[]>,
  missing: { has(line: number): boolean },
): LineItem[] {
  const items: LineItem[] = [];
  const visit = (line: number, destination: number): void => {
    if (missing.has(line) || missing.has(destination)) return;
    items.push([
      line,
      `${numberText(line)}->${destination > 0 ? numberText(destination) : 'exit'}`,
    ]);
  };
  forEachArc(missingArcs, visit);
  return items.sort(compareItems);
}

/** The Missing column of `report -m`: ranges and arcs interleaved by (line, text). */
export function missingColumn(ranges: readonly LineRange[], arcs: readonly LineItem[]): string {
  if (arcs.length === 0) return rangesText(ranges);
  // Both lists are sorted already (ranges by start, arcs by arcItems): merged in one pass, which
  // is what sorting them together gives (a range first on a tie, as a stable sort keeps it).
  const texts: string[] = [];
  let next = 0;
  for (const range of ranges) {
    const item: LineItem = [range[0], rangeText(range)];
    for (let arc = arcs[next]; arc !== undefined && compareItems(arc, item) < 0; arc = arcs[++next])
      texts.push(arc[1]);
    texts.push(item[1]);
  }
  for (; next < arcs.length; next++) texts.push(arcs[next]?.[1] ?? '');
  return texts.join(', ');
}

export function formatRanges(statements: ArrayLike<number>, missing: ArrayLike<number>): string {
  return rangesText(lineRanges(statements, missing));
}

export function formatPartialArcs(
  missingArcs: ReadonlyMap<number, readonly number[]>,
  missing: ReadonlySet<number>,
): string[] {
  return arcItems(missingArcs, missing).map(([, text]) => text);
}

export function formatMissing(
  statements: ArrayLike<number>,
  missing: ArrayLike<number>,
  missingArcs: ReadonlyMap<number, readonly number[]>,
): string {
  return missingColumn(
    lineRanges(statements, missing),
    arcItems(missingArcs, new Set(Array.from(missing))),
  );
}

function rangeText([start, end]: LineRange): string {
  return start === end ? numberText(start) : `${numberText(start)}-${numberText(end)}`;
}

function numberText(value: number): string {
  return String(value);
}

function compareItems([lineA, textA]: LineItem, [lineB, textB]: LineItem): number {
  return lineA - lineB || (textA < textB ? -1 : textA > textB ? 1 : 0);
}
