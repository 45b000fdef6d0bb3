/**
 * Merging sightings of the same line: within one report (two classes naming one file, a line
 * written twice) and across reports of the same code (split CI jobs).
 */
import type { FileLines, LineEntry, RawReport } from './raw-report.js';

/**
 * Combines two sightings of the same line (two classes or methods in one report, or two
 * reports): covered if either covered it; for branches the better one wins. When both carry
 * coverage.py's arc lists, an arc is missing only if it is missing in both.
 */
function mergeLineEntry(a: LineEntry, b: LineEntry): LineEntry {
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
function entriesOf(file: FileLines): LineEntry[] {
  return Array.from(file.lines, (line, index) => ({
    line,
    covered: file.covered[index] === 1,
    branchTotal: file.branchTotal[index] ?? -1,
    branchTaken: file.branchTaken[index] ?? -1,
    missingArcs: file.missingArcs.get(line) ?? [],
  }));
}

/**
 * Several reports of one code base (split CI jobs) as one: files matched by path, lines by
 * number; a line is covered if any report covered it, and each branch line takes the best
 * report (see mergeLineEntry). Branch data counts if any report has it.
 */
export function mergeRawReports(reports: readonly RawReport[]): RawReport {
  const [first, ...others] = reports;
  if (first === undefined) throw new RangeError('mergeRawReports needs at least one report');
  if (others.length === 0) return first;
  const byPath = new Map<string, FileLines[]>();
  for (const report of reports) {
    for (const file of report.files) {
      const known = byPath.get(file.path);
      if (known === undefined) byPath.set(file.path, [file]);
      else known.push(file);
    }
  }
  const files = [...byPath].map(([path, copies]) =>
    copies.length === 1 && copies[0] !== undefined
      ? copies[0]
      : fileLinesFromEntries(path, copies.flatMap(entriesOf)),
  );
  return {
    source: reports.map((report) => report.source).join(', '),
    format: first.format,
    sourceRoots: [...new Set(reports.flatMap((report) => report.sourceRoots))],
    hasBranchData: reports.some((report) => report.hasBranchData),
    files,
  };
}
