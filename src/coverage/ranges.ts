/**
 * coverage.py's `format_lines` (results.py): missing lines grouped into ranges that run on
 * across lines that are not statements and break at an executed statement; then the partial
 * branch arcs, except those whose source or destination line is itself missing; all sorted
 * together by (line, text) — so at one line `5->10` sorts before `5->7` and `5->exit` last,
 * exactly as Python sorts the tuples.
 */
export type LineItem = readonly [line: number, text: string];

/** Ranges only, as items: `[109, '109-166'], [170, '170-179']`. `statements`, `missing` ascending. */
export function rangeItems(statements: ArrayLike<number>, missing: ArrayLike<number>): LineItem[] {
  const items: LineItem[] = [];
  let start = -1;
  let end = 0;
  let next = 0;
  const close = () => items.push([start, start === end ? `${start}` : `${start}-${end}`]);
  for (let index = 0; index < statements.length && next < missing.length; index++) {
    const statement = statements[index] ?? 0;
    if (statement === missing[next]) {
      next++;
      if (start === -1) start = statement;
      end = statement;
    } else if (start !== -1) {
      close();
      start = -1;
    }
  }
  if (start !== -1) close();
  return items;
}

/** `26->30`, `54->exit` for each branch line that ran; a negative destination is an exit. */
export function arcItems(missingArcs: ReadonlyMap<number, readonly number[]>, missing: ReadonlySet<number>): LineItem[] {
  const items: LineItem[] = [];
  for (const [line, destinations] of missingArcs) {
    if (missing.has(line)) continue;
    for (const destination of destinations) {
      if (missing.has(destination)) continue;
      items.push([line, `${line}->${destination > 0 ? destination : 'exit'}`]);
    }
  }
  return items.sort(compareItems);
}

/** The Missing column of `report -m`: ranges and arcs interleaved by (line, text). */
export function joinItems(ranges: readonly LineItem[], arcs: readonly LineItem[]): string {
  if (arcs.length === 0) return ranges.map(([, text]) => text).join(', ');
  return [...ranges, ...arcs].sort(compareItems).map(([, text]) => text).join(', ');
}

/** Ranges only, as text: `109-166, 170-179, 323` (built directly: the common case, kept cheap). */
export function formatRanges(statements: ArrayLike<number>, missing: ArrayLike<number>): string {
  let text = '';
  let start = -1;
  let end = 0;
  let next = 0;
  const close = () => {
    text += `${text === '' ? '' : ', '}${start === end ? start : `${start}-${end}`}`;
  };
  for (let index = 0; index < statements.length && next < missing.length; index++) {
    const statement = statements[index] ?? 0;
    if (statement === missing[next]) {
      next++;
      if (start === -1) start = statement;
      end = statement;
    } else if (start !== -1) {
      close();
      start = -1;
    }
  }
  if (start !== -1) close();
  return text;
}

export function formatPartialArcs(missingArcs: ReadonlyMap<number, readonly number[]>, missing: ReadonlySet<number>): string[] {
  return arcItems(missingArcs, missing).map(([, text]) => text);
}

export function formatMissing(statements: ArrayLike<number>, missing: ArrayLike<number>, missingArcs: ReadonlyMap<number, readonly number[]>): string {
  return joinItems(rangeItems(statements, missing), arcItems(missingArcs, new Set(Array.from(missing))));
}

function compareItems([lineA, textA]: LineItem, [lineB, textB]: LineItem): number {
  return lineA - lineB || (textA < textB ? -1 : textA > textB ? 1 : 0);
}
