/**
 * Merging sightings of the same line: within one report (two classes naming one file, a line
 * written twice) and across reports of the same code (split CI jobs), as `coverage combine`
 * followed by `coverage report` counts them: statements and branch exits are facts of the
 * source (the same in every report), executed lines and arcs add up, so a line is missing only
 * where every report missed it and an arc only where every report missed it.
 */
import type {
  CodeRegion,
  DeclaredCounts,
  FileLines,
  LineEntry,
  RawReport,
  ScanWarning,
} from './raw-report.js';

/**
 * Combines two sightings of the same line: covered if either covered it. When both carry
 * coverage.py's arc lists, the arcs missing after combining are those missing in both,
 * counted once per distinct arc (a multiset intersection: Cobertura's `exit,exit` names two
 * exits it cannot tell apart, so two sightings of `exit` and one make one missing exit).
 */
function mergeLineEntry(a: LineEntry, b: LineEntry): LineEntry {
  const covered = a.covered || b.covered;
  const uncertain = a.uncertain === true && b.uncertain === true;
  if (a.branchTotal < 0) return { ...b, covered, uncertain };
  if (b.branchTotal < 0) return { ...a, covered, uncertain };
  const arcsExplainA = a.missingArcs.length === a.branchTotal - a.branchTaken;
  const arcsExplainB = b.missingArcs.length === b.branchTotal - b.branchTaken;
  // Exits are a fact of the source; a JSON reader's per-line count can only over-estimate
  // (file totals come from the report's summary, see DeclaredCounts).
  const branchTotal = Math.max(a.branchTotal, b.branchTotal);
  if (arcsExplainA && arcsExplainB) {
    const missingArcs = commonArcs(a.missingArcs, b.missingArcs);
    return {
      line: a.line,
      covered,
      branchTotal,
      branchTaken: branchTotal - missingArcs.length,
      missingArcs,
      uncertain,
    };
  }
  const branchTaken = Math.min(branchTotal, Math.max(a.branchTaken, b.branchTaken));
  const best = a.branchTaken >= b.branchTaken ? a : b;
  return { line: a.line, covered, branchTotal, branchTaken, missingArcs: best.missingArcs };
}

/**
 * Destinations missing in both lists, each as often as the rarer list has it; any negative
 * destination is an exit (Cobertura writes every exit as -1, coverage.py JSON names the code
 * object, -15), and the more specific one is kept.
 */
function commonArcs(a: readonly number[], b: readonly number[]): number[] {
  const left = new Map<number, number[]>();
  for (const destination of b) {
    const key = destination < 0 ? -1 : destination;
    const list = left.get(key);
    if (list === undefined) left.set(key, [destination]);
    else list.push(destination);
  }
  const result: number[] = [];
  for (const destination of a) {
    const list = left.get(destination < 0 ? -1 : destination);
    const other = list?.pop();
    if (other === undefined) continue;
    result.push(destination < 0 && destination === -1 ? other : destination);
  }
  return result.sort((x, y) => x - y);
}

/** Extra facts a reader may know about a whole file. */
export interface FileExtras {
  readonly declared?: DeclaredCounts;
  readonly regions?: readonly CodeRegion[];
}

/** Sorts entries by line and merges duplicates into one FileLines. */
export function fileLinesFromEntries(
  path: string,
  entries: readonly LineEntry[],
  extras: FileExtras = {},
): FileLines {
  const sorted = [...entries].sort((x, y) => x.line - y.line);
  const merged: LineEntry[] = [];
  for (const entry of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && last.line === entry.line)
      merged[merged.length - 1] = mergeLineEntry(last, entry);
    else merged.push(entry);
  }
  const count = merged.length;
  const uncertain = new Set<number>();
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
    if (entry.uncertain === true) uncertain.add(entry.line);
  });
  return {
    ...result,
    ...(uncertain.size > 0 ? { uncertain } : {}),
    ...(extras.declared === undefined ? {} : { declared: extras.declared }),
    ...(extras.regions === undefined ? {} : { regions: extras.regions }),
  };
}

/** The entries of a FileLines, for merging it with others. */
function entriesOf(file: FileLines): LineEntry[] {
  return Array.from(file.lines, (line, index) => ({
    line,
    covered: file.covered[index] === 1,
    branchTotal: file.branchTotal[index] ?? -1,
    branchTaken: file.branchTaken[index] ?? -1,
    missingArcs: file.missingArcs.get(line) ?? [],
    uncertain: file.uncertain?.has(line) === true,
  }));
}

/**
 * Counts are facts of the source, so every copy states the same ones; when they differ (the
 * source changed between runs) the largest wins and the merge says so. coverage.py 5.x's
 * summary-only branch figures cannot be combined: the copy that covered most stands in.
 */
function mergeDeclared(
  path: string,
  copies: readonly FileLines[],
  warnings: ScanWarning[],
): DeclaredCounts | undefined {
  const stated = copies.flatMap((copy) => (copy.declared === undefined ? [] : [copy.declared]));
  const [first] = stated;
  if (first === undefined) return undefined;
  const differ = stated.some(
    (other) => other.statements !== first.statements || other.branches !== first.branches,
  );
  if (differ)
    warnings.push({
      offset: undefined,
      message: `${path}: the reports count different statements or branches for this file (was the source changed between runs?); the largest counts are used`,
    });
  let best = first;
  for (const other of stated) {
    if ((other.coveredBranches ?? 0) > (best.coveredBranches ?? 0)) best = other;
  }
  return {
    statements: Math.max(...stated.map((other) => other.statements)),
    branches: stated.every((other) => other.branches === undefined)
      ? undefined
      : Math.max(...stated.map((other) => other.branches ?? 0)),
    ...(best.coveredBranches === undefined ? {} : { coveredBranches: best.coveredBranches }),
    ...(best.partialBranches === undefined ? {} : { partialBranches: best.partialBranches }),
  };
}

/**
 * Several reports of one code base (split CI jobs) as one, as `coverage combine` would make
 * it: files matched by path, lines by number; a line is covered if any report covered it, an
 * arc missing only if every report missed it (see mergeLineEntry). Branch data counts if any
 * report has it.
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
  const warnings: ScanWarning[] = [];
  const files = [...byPath].map(([path, copies]) => {
    if (copies.length === 1 && copies[0] !== undefined) return copies[0];
    const declared = mergeDeclared(path, copies, warnings);
    const regions = copies.find((copy) => copy.regions !== undefined)?.regions;
    return fileLinesFromEntries(path, copies.flatMap(entriesOf), {
      ...(declared === undefined ? {} : { declared }),
      ...(regions === undefined ? {} : { regions }),
    });
  });
  const allWarnings = [...reports.flatMap((report) => report.warnings ?? []), ...warnings];
  return {
    source: reports.map((report) => report.source).join(', '),
    format: first.format,
    sourceRoots: [...new Set(reports.flatMap((report) => report.sourceRoots))],
    hasBranchData: reports.some((report) => report.hasBranchData),
    files,
    ...(allWarnings.length > 0 ? { warnings: allWarnings } : {}),
  };
}
