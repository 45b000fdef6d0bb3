import { fileKeyOffsets } from './old-file-key-offsets.js';
import { previewJson } from '../../../src/coverage/coveragepy-json/json-limits.js';
import {
  modulePath,
  ScanError,
  type CodeRegion,
  type DeclaredCounts,
  type FileLines,
  type RawReport,
  type RawTimestamp,
  type ScanWarning,
} from '../../../src/coverage/raw/raw-report.js';

/**
 * coverage.py's JSON report (`coverage json`; 5.x–7.x shapes: `meta.format` absent, 2 or 3).
 * What jsonreport.py's `report_one_file` writes, and what follows from it:
 * - `executed_lines` is Analysis.executed: every line the tracer saw, translated to its
 *   statement's first line, so also excluded lines that ran and (Python 3.8+) module and class
 *   docstring lines, which are no statements. `missing_lines` is statements − executed.
 *   Statements are therefore missing ∪ (executed ∩ statements): excluded lines go; a line that
 *   starts an arc or ends a missing one is a statement; the rest are uncertain and resolved
 *   against `summary.num_statements` when figures are counted (figures/statements.ts).
 * - `executed_branches` is executed_branch_arcs(): before 7.7 every executed arc from a
 *   branch line, also arcs the analysis never predicted (a comprehension's self-arc `[46, 46]`,
 *   an exception leaving the function); 7.7+ keeps only predicted ones. `missing_branches` is
 *   missing_branch_arcs(), always predicted. So missing arcs are exact, and the branch count
 *   is `summary.num_branches` (_total_branches()), never the arcs counted.
 * - 5.x writes no arcs at all: its summary's branch counts are all there is.
 * - 7.5+ (format 3) adds `functions` and `classes`: name → the same fields narrowed to the
 *   region (regions.py code_regions); "" holds what lies outside every region.
 */
type Json = { readonly [key: string]: unknown };

export function readCoveragePyJson(text: string, sourceName: string): RawReport {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position =
      /position (\d+)/.exec(message)?.[1] ??
      (/end of JSON input/.test(message) ? String(text.length) : undefined);
    throw new ScanError(
      position === undefined ? undefined : Number(position),
      `not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`,
    );
  }
  const root = asObject(document);
  const files = asObject(root?.['files']);
  if (root === undefined || files === undefined)
    throw new ScanError(undefined, describeForeignJson(document));
  const meta = asObject(root['meta']);
  let hasBranchData = meta?.['branch_coverage'] === true;
  const result: FileLines[] = [];
  const warnings: ScanWarning[] = [];
  let keyOffsets: ReadonlyMap<string, number> | undefined;
  const offsetOf = (filename: string) => (keyOffsets ??= fileKeyOffsets(text)).get(filename);
  for (const filename of Object.keys(files)) {
    const value = files[filename];
    // Each file's parsed lists are let go once read: the document shrinks as the report is read.
    Reflect.deleteProperty(files, filename);
    const file = asObject(value);
    const executed = numbers(file?.['executed_lines']);
    const missing = numbers(file?.['missing_lines']);
    const offset = () => offsetOf(filename);
    if (file === undefined || executed === undefined || missing === undefined) {
      throw new ScanError(
        offset(),
        `expected "executed_lines" and "missing_lines" arrays of line numbers (whole numbers from 0 to ${Number.MAX_SAFE_INTEGER}) for "${filename}" in "files", found ${previewJson(value)}`,
      );
    }
    const missingArcs = unique(
      arcs(file['missing_branches'], filename, 'missing_branches', offset),
    );
    const executedArcs = unique(
      arcs(file['executed_branches'], filename, 'executed_branches', offset),
    );
    const summary = asObject(file['summary']);
    if (summary !== undefined) checkCounts(summary, filename, offset);
    if (
      file['executed_branches'] !== undefined ||
      file['missing_branches'] !== undefined ||
      typeof summary?.['num_branches'] === 'number'
    )
      hasBranchData = true;
    const problem = (message: string) =>
      warnings.push({ offset: offset(), message: `"${filename}": ${message}` });
    const both = inBoth(executed, missing);
    if (both !== undefined)
      problem(
        `line ${both} is in both "executed_lines" and "missing_lines"; it is counted as missing`,
      );
    const declared = declaredCounts(summary, file);
    const lines = fileLines(
      modulePath(filename, []),
      { executed, missing, excluded: numbers(file['excluded_lines']) ?? [] },
      executedArcs,
      missingArcs,
      declared,
      regionsOf(file),
    );
    if (summary !== undefined) checkSummary(summary, lines, missingArcs, file, problem);
    result.push(lines);
  }
  return {
    source: sourceName,
    format: 'coveragepy-json',
    sourceRoots: [],
    hasBranchData,
    files: result,
    ...(warnings.length > 0 ? { warnings } : {}),
    ...timestampOf(meta, text),
  };
}

/** meta.timestamp, placed at its value (a character offset; the edge turns it into bytes). */
function timestampOf(meta: Json | undefined, text: string): { timestamp?: RawTimestamp } {
  const value = meta?.['timestamp'];
  if (value === undefined) return {};
  const key = text.indexOf('"timestamp"');
  const offset = key === -1 ? undefined : text.indexOf(':', key) + 1;
  const raw = typeof value === 'string' ? value : JSON.stringify(value);
  return { timestamp: { value: raw, offset: offset === undefined ? undefined : offset } };
}

/** The summary's counts (results.py Numbers as jsonreport.py writes them), where present. */
function declaredCounts(summary: Json | undefined, file: Json): DeclaredCounts | undefined {
  const statements = summary?.['num_statements'];
  if (typeof statements !== 'number') return undefined;
  const branches = summary?.['num_branches'];
  const hasArcs = file['executed_branches'] !== undefined || file['missing_branches'] !== undefined;
  const covered = summary?.['covered_branches'];
  const partial = summary?.['num_partial_branches'];
  return {
    statements,
    branches: typeof branches === 'number' ? branches : undefined,
    ...(!hasArcs && typeof covered === 'number' ? { coveredBranches: covered } : {}),
    ...(!hasArcs && typeof partial === 'number' ? { partialBranches: partial } : {}),
  };
}

/**
 * The lists against the summary: both come from one Analysis, so they agree unless the file
 * was edited or made by another tool. The lists' detail is kept; the warning says which
 * figure cannot be trusted.
 */
function checkSummary(
  summary: Json,
  lines: FileLines,
  missingArcs: readonly Arc[],
  file: Json,
  problem: (message: string) => void,
): void {
  const missing = numbers(file['missing_lines'])?.length ?? 0;
  const stated = (key: string) => {
    const value = summary[key];
    return typeof value === 'number' ? value : undefined;
  };
  const missingLines = stated('missing_lines');
  if (missingLines !== undefined && missingLines !== missing)
    problem(`summary.missing_lines is ${missingLines} but "missing_lines" lists ${missing}`);
  const statements = stated('num_statements');
  if (statements !== undefined && statements > lines.lines.length)
    problem(
      `summary.num_statements is ${statements} but "executed_lines" and "missing_lines" hold only ${lines.lines.length} statement lines`,
    );
  if (file['missing_branches'] === undefined) return;
  const missingBranches = stated('missing_branches');
  if (missingBranches !== undefined && missingBranches !== missingArcs.length)
    problem(
      `summary.missing_branches is ${missingBranches} but "missing_branches" lists ${missingArcs.length} arcs`,
    );
  const isMissing = membership(numbers(file['missing_lines']) ?? []);
  const partial = missingArcs.filter(([from]) => !isMissing(from)).length;
  const partialBranches = stated('num_partial_branches');
  if (partialBranches !== undefined && partialBranches !== partial)
    problem(
      `summary.num_partial_branches is ${partialBranches} but "missing_branches" has ${partial} arcs from lines that ran`,
    );
}

/**
 * 7.5+ `functions` and `classes`: each region's lines are the lines its lists mention. A file
 * with only the "" entries has no regions, known: its missing lines are module level.
 */
function regionsOf(file: Json): CodeRegion[] | undefined {
  const regions: CodeRegion[] = [];
  let known = false;
  for (const [key, kind] of [
    ['functions', 'function'],
    ['classes', 'class'],
  ] as const) {
    const entries = asObject(file[key]);
    if (entries === undefined) continue;
    known = true;
    for (const [name, value] of Object.entries(entries)) {
      const region = asObject(value);
      if (name === '' || region === undefined) continue;
      const lines = [
        ...(numbers(region['executed_lines']) ?? []),
        ...(numbers(region['missing_lines']) ?? []),
        ...(numbers(region['excluded_lines']) ?? []),
      ].sort((a, b) => a - b);
      regions.push({ kind, name, lines });
    }
  }
  return known ? regions : undefined;
}

/**
 * The file's lines, built straight into FileLines' arrays (no object per line: a 100 MB report
 * lists tens of millions of lines). Duplicates in a list are one line; a line listed as missing
 * too (an edited report) is missing: never claim what is not shown.
 */
function fileLines(
  path: string,
  listed: { executed: number[]; missing: number[]; excluded: number[] },
  executedArcs: Arc[],
  missingArcs: Arc[],
  declared: DeclaredCounts | undefined,
  regions: CodeRegion[] | undefined,
): FileLines {
  const exits = new Map<number, { total: number; taken: number; missing: number[] }>();
  const exitsOf = (line: number) => {
    let entry = exits.get(line);
    if (entry === undefined) exits.set(line, (entry = { total: 0, taken: 0, missing: [] }));
    return entry;
  };
  // Self-arcs are never predicted (7.7+ maps them away: analysis_from_file_reporter); the
  // other unpredicted arcs cannot be told apart, which is why the file's branch count is the
  // summary's. A line's count here is what merging with other sightings needs.
  for (const [from, to] of executedArcs) {
    if (from === to) continue;
    const entry = exitsOf(from);
    entry.total++;
    entry.taken++;
  }
  for (const [from, to] of missingArcs) {
    const entry = exitsOf(from);
    entry.total++;
    entry.missing.push(to);
  }
  const { all, covered: coveredOf, runCount } = statementLines(listed);
  const count = all.length;
  // Only a file whose lists hold more lines than its summary's statements has lines to doubt.
  const doubt = declared !== undefined && runCount + listed.missing.length > declared.statements;
  const certain = doubt ? certainLines(listed.missing, missingArcs, exits) : undefined;
  const lines = new Int32Array(count);
  const covered = new Uint8Array(count);
  const branchTotal = new Int32Array(count).fill(-1);
  const branchTaken = new Int32Array(count).fill(-1);
  const missingByLine = new Map<number, readonly number[]>();
  const uncertain = new Set<number>();
  for (let index = 0; index < count; index++) {
    const line = all[index] ?? 0;
    const isCovered = coveredOf[index] === 1;
    lines[index] = line;
    covered[index] = isCovered ? 1 : 0;
    const branch = exits.get(line);
    if (branch !== undefined) {
      branchTotal[index] = branch.total;
      branchTaken[index] = branch.taken;
      if (branch.missing.length > 0)
        missingByLine.set(
          line,
          branch.missing.sort((a, b) => a - b),
        );
    }
    if (certain !== undefined && isCovered && !certain.has(line)) uncertain.add(line);
  }
  return {
    path,
    lines,
    covered,
    branchTotal,
    branchTaken,
    missingArcs: missingByLine,
    ...(uncertain.size > 0 ? { uncertain } : {}),
    ...(declared === undefined ? {} : { declared }),
    ...(regions === undefined ? {} : { regions }),
  };
}

/**
 * The distinct statement lines, ascending, each covered (1) or not: lines that ran (less the
 * excluded ones and any also listed as missing) and missing lines. coverage.py writes both
 * lists sorted, so they are merged in one walk; other lists are sorted first. `runCount` counts
 * the entries of "executed_lines" that are statements run, repeats too.
 */
function statementLines(listed: Listed): StatementLines {
  const { executed, missing } = listed;
  if (!ascending(executed) || !ascending(missing)) return statementLinesUnsorted(listed);
  const excluded = listed.excluded.length === 0 ? undefined : new Set(listed.excluded);
  const all: number[] = [];
  const covered: number[] = [];
  let runCount = 0;
  let i = 0;
  let j = 0;
  while (i < executed.length || j < missing.length) {
    const ran = i < executed.length ? (executed[i] ?? 0) : Infinity;
    const notRun = j < missing.length ? (missing[j] ?? 0) : Infinity;
    if (notRun <= ran) {
      while (i < executed.length && executed[i] === notRun) i++;
      if (all[all.length - 1] !== notRun) {
        all.push(notRun);
        covered.push(0);
      }
      j++;
    } else {
      if (excluded?.has(ran) !== true) {
        runCount++;
        if (all[all.length - 1] !== ran) {
          all.push(ran);
          covered.push(1);
        }
      }
      i++;
    }
  }
  return { all, covered, runCount };
}

type Listed = { executed: number[]; missing: number[]; excluded: number[] };
type StatementLines = { all: number[]; covered: number[]; runCount: number };

function statementLinesUnsorted(listed: Listed): StatementLines {
  const missing = new Set(listed.missing);
  const excluded = new Set(listed.excluded);
  const run = listed.executed.filter((line) => !missing.has(line) && !excluded.has(line));
  const all = [...new Set([...run, ...missing])].sort((a, b) => a - b);
  return {
    all,
    covered: all.map((line) => (missing.has(line) ? 0 : 1)),
    runCount: run.length,
  };
}

function ascending(list: readonly number[]): boolean {
  for (let index = 1; index < list.length; index++)
    if ((list[index] ?? 0) < (list[index - 1] ?? 0)) return false;
  return true;
}

/** Lines known to be statements: missing ones, and those that start or end a branch arc. */
function certainLines(
  missing: readonly number[],
  missingArcs: readonly Arc[],
  exits: ReadonlyMap<number, unknown>,
): Set<number> {
  const certain = new Set(missing);
  for (const [from, to] of missingArcs) {
    certain.add(from);
    if (to > 0) certain.add(to);
  }
  for (const from of exits.keys()) certain.add(from);
  return certain;
}

type Arc = readonly [number, number];

/** coverage.py 6.x lists an executed arc once per time it was recorded (`[12, 12]` four times). */
function unique(list: Arc[]): Arc[] {
  if (strictlyAscendingArcs(list)) return list;
  const seen = new Set<string>();
  return list.filter(([from, to]) => {
    const key = `${from},${to}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function arcs(
  value: unknown,
  filename: string,
  key: string,
  offset: () => number | undefined,
): Arc[] {
  if (value === undefined) return [];
  const valid =
    Array.isArray(value) &&
    value.every((arc) => Array.isArray(arc) && arc.length === 2 && arc.every(Number.isSafeInteger));
  if (!valid)
    throw new ScanError(
      offset(),
      `expected "${key}" of "${filename}" to be a list of [from, to] line pairs, found ${previewJson(value)}`,
    );
  return value as Arc[];
}

/** Line numbers: whole, 0 or more, and exact (a number past 2^53 has lost its last digits). */
function numbers(value: unknown): number[] | undefined {
  return Array.isArray(value) && value.every((item) => Number.isSafeInteger(item) && item >= 0)
    ? (value as number[])
    : undefined;
}

/** The first line listed both as executed and as missing, if any. */
function inBoth(executed: readonly number[], missing: readonly number[]): number | undefined {
  if (missing.length === 0 || executed.length === 0) return undefined;
  const isMissing = membership(missing);
  return executed.find(isMissing);
}

/** coverage.py writes arcs sorted, so a list without repeats is seen in one look. */
function strictlyAscendingArcs(list: readonly Arc[]): boolean {
  for (let index = 1; index < list.length; index++) {
    const [from, to] = list[index - 1] ?? [0, 0];
    const [nextFrom, nextTo] = list[index] ?? [0, 0];
    if (nextFrom < from || (nextFrom === from && nextTo <= to)) return false;
  }
  return true;
}

/** Whether a line is in a list: a binary search in a sorted list (as coverage.py writes them). */
function membership(list: readonly number[]): (line: number) => boolean {
  if (!ascending(list)) {
    const set = new Set(list);
    return (line) => set.has(line);
  }
  return (line) => {
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
  };
}

const SUMMARY_COUNTS = [
  'num_statements',
  'missing_lines',
  'excluded_lines',
  'num_branches',
  'num_partial_branches',
  'covered_branches',
  'missing_branches',
  'covered_lines',
];

/** The summary's counts are counts: a negative, fractional or inexact one is refused, with its place. */
function checkCounts(summary: Json, filename: string, offset: () => number | undefined): void {
  for (const key of SUMMARY_COUNTS) {
    const value = summary[key];
    if (value === undefined || (Number.isSafeInteger(value) && (value as number) >= 0)) continue;
    throw new ScanError(
      offset(),
      `expected summary.${key} of "${filename}" to be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, found ${previewJson(value)}`,
    );
  }
}

function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : undefined;
}

/** Names the JSON coverage formats people confuse with coverage.py's. */
function describeForeignJson(document: unknown): string {
  const expectation =
    'trackgen reads Cobertura XML or coverage.py JSON (an object with "meta" and "files")';
  const root = asObject(document);
  if (root !== undefined) {
    const first = asObject(Object.values(root)[0]);
    if (first !== undefined && 'statementMap' in first)
      return `this is an Istanbul JSON coverage report (coverage-final.json); ${expectation}`;
    if (asObject(root['total'])?.['lines'] !== undefined)
      return `this is an Istanbul JSON summary (coverage-summary.json); ${expectation}`;
  }
  return `this JSON is not a coverage.py report; ${expectation}`;
}
