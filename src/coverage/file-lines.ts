/**
 * Per-line facts for one source file: what every reader produces and what every figure is
 * computed from. One entry per distinct line number, ascending.
 */
export interface FileLines {
  /** Path with forward slashes, relative to the report's source root where it could be made so. */
  readonly path: string;
  /** Statement line numbers, ascending, distinct. */
  readonly lines: Int32Array;
  /** 1 when the statement ran. */
  readonly covered: Uint8Array;
  /** Exits of a branch line (coverage.py: its possible arcs); -1 when the line is not a branch line. */
  readonly branchTotal: Int32Array;
  /** Exits taken; -1 when the line is not a branch line. */
  readonly branchTaken: Int32Array;
  /** Branch line -> destinations of the exits it did not take; a negative destination is `exit`. */
  readonly missingArcs: ReadonlyMap<number, readonly number[]>;
}

/** One line as a reader saw it, before duplicates (same file and line) are merged. */
export interface LineEntry {
  readonly line: number;
  readonly covered: boolean;
  readonly branchTotal: number;
  readonly branchTaken: number;
  readonly missingArcs: readonly number[];
}

/**
 * Combines two sightings of the same line (two classes or methods in one report, or two
 * reports): covered if either covered it; for branches the better one wins. When both carry
 * coverage.py's arc lists, an arc is missing only if it is missing in both.
 */
export function mergeLineEntry(a: LineEntry, b: LineEntry): LineEntry {
  const covered = a.covered || b.covered;
  if (a.branchTotal < 0) return { ...b, covered };
  if (b.branchTotal < 0) return { ...a, covered };
  const arcsExplainA = a.missingArcs.length === a.branchTotal - a.branchTaken;
  const arcsExplainB = b.missingArcs.length === b.branchTotal - b.branchTaken;
  if (arcsExplainA && arcsExplainB && a.branchTotal === b.branchTotal) {
    const inB = new Set(b.missingArcs);
    const missingArcs = a.missingArcs.filter((destination) => inB.has(destination));
    return {
      line: a.line,
      covered,
      branchTotal: a.branchTotal,
      branchTaken: a.branchTotal - missingArcs.length,
      missingArcs,
    };
  }
  const branchTotal = Math.max(a.branchTotal, b.branchTotal);
  const branchTaken = Math.min(branchTotal, Math.max(a.branchTaken, b.branchTaken));
  const best = a.branchTaken >= b.branchTaken ? a : b;
  return { line: a.line, covered, branchTotal, branchTaken, missingArcs: best.missingArcs };
}

/** Sorts entries by line and merges duplicates into one FileLines. */
export function fileLinesFromEntries(path: string, entries: readonly LineEntry[]): FileLines {
  const sorted = [...entries].sort((x, y) => x.line - y.line);
  const merged: LineEntry[] = [];
  for (const entry of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && last.line === entry.line)
      merged[merged.length - 1] = mergeLineEntry(last, entry);
    else merged.push(entry);
  }
  const count = merged.length;
  const result = {
    path,
    lines: new Int32Array(count),
    covered: new Uint8Array(count),
    branchTotal: new Int32Array(count),
    branchTaken: new Int32Array(count),
    missingArcs: new Map<number, readonly number[]>(),
  };
  merged.forEach((entry, index) => {
    result.lines[index] = entry.line;
    result.covered[index] = entry.covered ? 1 : 0;
    result.branchTotal[index] = entry.branchTotal;
    result.branchTaken[index] = entry.branchTaken;
    if (entry.missingArcs.length > 0) result.missingArcs.set(entry.line, entry.missingArcs);
  });
  return result;
}

/** The entries of a FileLines, for merging it with others. */
export function entriesOf(file: FileLines): LineEntry[] {
  return Array.from(file.lines, (line, index) => ({
    line,
    covered: file.covered[index] === 1,
    branchTotal: file.branchTotal[index] ?? -1,
    branchTaken: file.branchTaken[index] ?? -1,
    missingArcs: file.missingArcs.get(line) ?? [],
  }));
}
