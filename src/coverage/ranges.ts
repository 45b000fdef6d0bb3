/**
 * coverage.py's `format_lines` (results.py): missing lines grouped into ranges that run on
 * across lines that are not statements and break at an executed statement; then the partial
 * branch arcs, except those whose source or destination line is itself missing; all sorted
 * together by (line, text) — so at one line `5->10` sorts before `5->7` and `5->exit` last,
 * exactly as Python sorts the tuples.
 */

/** Ranges only: `109-166, 170-179, 323`. `statements` and `missing` ascending. */
export function formatRanges(statements: ArrayLike<number>, missing: ArrayLike<number>): string {
  return lineRanges(statements, missing)
    .map(([start, end]) => (start === end ? `${start}` : `${start}-${end}`))
    .join(', ');
}

/** `26->30`, `54->exit` for each branch line that ran; a negative destination is an exit. */
export function formatPartialArcs(missingArcs: ReadonlyMap<number, readonly number[]>, missing: ReadonlySet<number>): string[] {
  return arcItems(missingArcs, missing).map(([, text]) => text);
}

/** The Missing column of `report -m`: ranges and arcs interleaved by line. */
export function formatMissing(
  statements: ArrayLike<number>,
  missing: ArrayLike<number>,
  missingArcs: ReadonlyMap<number, readonly number[]>,
): string {
  const missingSet = new Set(Array.from(missing));
  const items: Array<readonly [number, string]> = lineRanges(statements, missing).map(([start, end]) => [start, start === end ? `${start}` : `${start}-${end}`]);
  items.push(...arcItems(missingArcs, missingSet));
  items.sort(([lineA, textA], [lineB, textB]) => lineA - lineB || (textA < textB ? -1 : textA > textB ? 1 : 0));
  return items.map(([, text]) => text).join(', ');
}

function arcItems(missingArcs: ReadonlyMap<number, readonly number[]>, missing: ReadonlySet<number>): Array<readonly [number, string]> {
  const items: Array<readonly [number, string]> = [];
  for (const [line, destinations] of missingArcs) {
    if (missing.has(line)) continue;
    for (const destination of destinations) {
      if (missing.has(destination)) continue;
      items.push([line, `${line}->${destination > 0 ? destination : 'exit'}`]);
    }
  }
  return items.sort(([lineA, textA], [lineB, textB]) => lineA - lineB || (textA < textB ? -1 : textA > textB ? 1 : 0));
}

function lineRanges(statements: ArrayLike<number>, missing: ArrayLike<number>): Array<readonly [number, number]> {
  const pairs: Array<readonly [number, number]> = [];
  let start: number | undefined;
  let end = 0;
  let next = 0;
  for (let index = 0; index < statements.length && next < missing.length; index++) {
    const statement = statements[index] ?? 0;
    if (statement === missing[next]) {
      next++;
      start ??= statement;
      end = statement;
    } else if (start !== undefined) {
      pairs.push([start, end]);
      start = undefined;
    }
  }
  if (start !== undefined) pairs.push([start, end]);
  return pairs;
}
