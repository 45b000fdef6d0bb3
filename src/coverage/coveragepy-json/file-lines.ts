import type { Slabs } from '../slabs.js';
import type { CodeRegion, DeclaredCounts, FileLines } from '../raw/raw-report.js';

/** A file's lists as read: line numbers, and arcs laid flat (from, to, from, to…). */
export interface ListedLines {
  readonly executed: Float64Array;
  readonly missing: Float64Array;
  readonly excluded: Float64Array;
  readonly executedArcs: Float64Array;
  readonly missingArcs: Float64Array;
}

/**
 * The file's lines, built straight into FileLines' arrays (no object per line: a 100 MB report
 * lists tens of millions of lines). Duplicates in a list are one line; a line listed as missing
 * too (an edited report) is missing: never claim what is not shown. The lists must be sorted
 * (`sortListed`): coverage.py writes them so, and a sorted list is walked, never looked up.
 */
export function fileLines(
  slabs: Slabs,
  path: string,
  listed: ListedLines,
  declared: DeclaredCounts | undefined,
  regions: CodeRegion[] | undefined,
): { readonly lines: FileLines; readonly firstInBoth: number | undefined } {
  const { executed, missing, excluded, executedArcs, missingArcs } = listed;
  const statements = statementLines(executed, missing, excluded);
  const count = statements.length;
  const lines = slabs.int32(count);
  const covered = slabs.uint8(count);
  const all = statements.lines;
  const allCovered = statements.covered;
  const branchTotal = slabs.int32(count);
  const branchTaken = slabs.int32(count);
  const missingByLine = new Map<number, readonly number[]>();
  // Arcs are sorted by (from, to): each statement line's exits are found walking alongside,
  // in the one loop that fills the line's four arrays.
  // Self-arcs are never predicted (7.7+ maps them away: analysis_from_file_reporter); the
  // other unpredicted arcs cannot be told apart, which is why the file's branch count is the
  // summary's. A line's count here is what merging with other sightings needs.
  let ran = 0;
  let notRan = 0;
  const executedEnd = executedArcs.length;
  const missingEnd = missingArcs.length;
  for (let index = 0; index < count; index++) {
    const line = all[index] as number;
    lines[index] = line;
    covered[index] = allCovered[index] as number;
    while (ran < executedEnd && (executedArcs[ran] as number) < line) ran += 2;
    while (notRan < missingEnd && (missingArcs[notRan] as number) < line) notRan += 2;
    let taken = 0;
    for (; ran < executedEnd && executedArcs[ran] === line; ran += 2)
      if (executedArcs[ran + 1] !== line) taken++;
    const first = notRan;
    while (notRan < missingEnd && missingArcs[notRan] === line) notRan += 2;
    const notTaken = (notRan - first) / 2;
    if (taken + notTaken === 0) {
      branchTotal[index] = -1;
      branchTaken[index] = -1;
      continue;
    }
    branchTotal[index] = taken + notTaken;
    branchTaken[index] = taken;
    if (notTaken > 0) missingByLine.set(line, destinationsOf(missingArcs, first, notTaken));
  }
  // Only a file whose lists hold more lines than its summary's statements has lines to doubt.
  const doubt =
    declared !== undefined && statements.runCount + missing.length > declared.statements;
  const uncertain = doubt ? uncertainLines(lines, covered, listed) : undefined;
  // One shape for every file, optional members added after (a spread per file made each
  // object a dictionary of its own).
  const result: Mutable<FileLines> = {
    path,
    lines,
    covered,
    branchTotal,
    branchTaken,
    missingArcs: missingByLine.size === 0 ? NO_MISSING_ARCS : missingByLine,
  };
  if (uncertain !== undefined && uncertain.size > 0) result.uncertain = uncertain;
  if (declared !== undefined) result.declared = declared;
  if (regions !== undefined) result.regions = regions;
  const both = statements.firstInBoth;
  return { lines: result, firstInBoth: Number.isNaN(both) ? undefined : both };
}

/** The destinations of `count` arcs from `first` on, in an array of exactly their length. */
function destinationsOf(arcs: Float64Array, first: number, count: number): number[] {
  if (count === 1) return [arcs[first + 1] as number];
  return Array.from({ length: count }, (_, index) => arcs[first + index * 2 + 1] as number);
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Shared by the files without missing arcs (FileLines are never changed once made). */
const NO_MISSING_ARCS: ReadonlyMap<number, readonly number[]> = new Map();

/** Lines that ran but are not known to be statements (see FileLines.uncertain). */
function uncertainLines(lines: Int32Array, covered: Uint8Array, listed: ListedLines): Set<number> {
  const certain = new Set<number>(listed.missing);
  const { executedArcs, missingArcs } = listed;
  for (let index = 0; index < missingArcs.length; index += 2) {
    const from = missingArcs[index] as number;
    const to = missingArcs[index + 1] as number;
    certain.add(from);
    if (to > 0) certain.add(to);
  }
  for (let index = 0; index < executedArcs.length; index += 2)
    if (executedArcs[index] !== executedArcs[index + 1]) certain.add(executedArcs[index] as number);
  const uncertain = new Set<number>();
  for (let index = 0; index < lines.length; index++)
    if (covered[index] === 1 && !certain.has(lines[index] as number))
      uncertain.add(lines[index] as number);
  return uncertain;
}

/** Statement lines as built: growing scratch arrays reused file after file. */
class StatementLines {
  lines = new Float64Array(1024);
  covered = new Uint8Array(1024);
  length = 0;
  runCount = 0;
  /** The least line listed both as executed and as missing; NaN when none is. */
  firstInBoth = NaN;

  push(line: number, isCovered: number): void {
    if (this.length === this.lines.length) {
      const lines = new Float64Array(this.length * 2);
      lines.set(this.lines);
      this.lines = lines;
      const covered = new Uint8Array(this.length * 2);
      covered.set(this.covered);
      this.covered = covered;
    }
    this.lines[this.length] = line;
    this.covered[this.length++] = isCovered;
  }
}

const scratch = new StatementLines();

/**
 * The distinct statement lines, ascending, each covered (1) or not: lines that ran (less the
 * excluded ones and any also listed as missing) and missing lines, merged in one walk of the
 * sorted lists. `runCount` counts the entries of "executed_lines" that are statements run,
 * repeats too.
 */
function statementLines(
  executed: Float64Array,
  missing: Float64Array,
  excluded: Float64Array,
): StatementLines {
  const out = scratch;
  out.length = 0;
  let runCount = 0;
  let firstInBoth = NaN;
  let i = 0;
  let j = 0;
  let k = 0;
  let last = NaN;
  while (i < executed.length || j < missing.length) {
    const ran = i < executed.length ? (executed[i] as number) : Infinity;
    const notRun = j < missing.length ? (missing[j] as number) : Infinity;
    if (notRun <= ran) {
      if (executed[i] === notRun && Number.isNaN(firstInBoth)) firstInBoth = notRun;
      while (i < executed.length && executed[i] === notRun) i++;
      if (last !== notRun) {
        out.push(notRun, 0);
        last = notRun;
      }
      j++;
    } else {
      while (k < excluded.length && (excluded[k] as number) < ran) k++;
      if (excluded[k] !== ran) {
        runCount++;
        if (last !== ran) {
          out.push(ran, 1);
          last = ran;
        }
      }
      i++;
    }
  }
  out.runCount = runCount;
  out.firstInBoth = firstInBoth;
  return out;
}

/**
 * Sorts a file's line lists and arcs in place, repeated arcs dropped (6.x lists an arc per
 * sighting).
 */
export function sortListed(listed: {
  executed: Float64Array;
  missing: Float64Array;
  excluded: Float64Array;
  executedArcs: Float64Array;
  missingArcs: Float64Array;
}): ListedLines {
  for (const list of [listed.executed, listed.missing, listed.excluded])
    if (!ascending(list)) list.sort();
  return {
    executed: listed.executed,
    missing: listed.missing,
    excluded: listed.excluded,
    executedArcs: uniqueArcs(listed.executedArcs),
    missingArcs: uniqueArcs(listed.missingArcs),
  };
}

export function ascending(list: Float64Array): boolean {
  for (let index = 1; index < list.length; index++)
    if ((list[index] as number) < (list[index - 1] as number)) return false;
  return true;
}

/** The arcs sorted by (from, to), each once (in place where they are already so). */
function uniqueArcs(arcs: Float64Array): Float64Array {
  if (strictlyAscendingArcs(arcs)) return arcs;
  const pairs: [number, number][] = [];
  for (let index = 0; index < arcs.length; index += 2)
    pairs.push([arcs[index] as number, arcs[index + 1] as number]);
  pairs.sort(([fromA, toA], [fromB, toB]) => fromA - fromB || toA - toB);
  let count = 0;
  for (const [from, to] of pairs) {
    if (count > 0 && arcs[count * 2 - 2] === from && arcs[count * 2 - 1] === to) continue;
    arcs[count * 2] = from;
    arcs[count * 2 + 1] = to;
    count++;
  }
  return arcs.subarray(0, count * 2);
}

function strictlyAscendingArcs(arcs: Float64Array): boolean {
  for (let index = 2; index < arcs.length; index += 2) {
    const from = arcs[index - 2] as number;
    const nextFrom = arcs[index] as number;
    if (
      nextFrom < from ||
      (nextFrom === from && (arcs[index + 1] as number) <= (arcs[index - 1] as number))
    )
      return false;
  }
  return true;
}
