import { ascending, fileLines, sortListed, type ListedLines } from './file-lines.js';
import { describeForeignJson } from './foreign-json.js';
import type { ByteSource } from '../cobertura/byte-source.js';
import { JsonBytes, KnownKeys, NeedMoreBytes } from './json-bytes.js';
import { previewJson } from './json-limits.js';
import { NumberList, readNumberArray, readPairArray } from './number-lists.js';
import { inPropertyOrder } from './property-order.js';
import { Slabs } from '../slabs.js';
import {
  modulePath,
  ScanError,
  type CodeRegion,
  type DeclaredCounts,
  type FileLines,
  type RawReport,
  type RawTimestamp,
  type ScanWarning,
} from '../raw/raw-report.js';
import { CLOSE_BRACE, OPEN_BRACE } from '../../text/json-codes.js';

const LINE_NUMBERS = `whole numbers from 0 to ${Number.MAX_SAFE_INTEGER}`;

const SUMMARY_COUNTS = [
  'num_statements',
  'missing_lines',
  'excluded_lines',
  'num_branches',
  'num_partial_branches',
  'covered_branches',
  'missing_branches',
  'covered_lines',
] as const;

type SummaryCount = (typeof SUMMARY_COUNTS)[number];

const COUNTED: ReadonlySet<string> = new Set(SUMMARY_COUNTS);
const ROOT_KEYS = new KnownKeys(['meta', 'files', 'totals']);
const META_KEYS = new KnownKeys([
  'format',
  'version',
  'timestamp',
  'branch_coverage',
  'show_contexts',
]);
const SUMMARY_KEYS = new KnownKeys([
  ...SUMMARY_COUNTS,
  'percent_covered',
  'percent_covered_display',
  'percent_statements_covered',
  'percent_statements_covered_display',
  'percent_branches_covered',
  'percent_branches_covered_display',
]);
const FILE_KEYS = new KnownKeys([
  'executed_lines',
  'missing_lines',
  'excluded_lines',
  'executed_branches',
  'missing_branches',
  'summary',
  'functions',
  'classes',
  'contexts',
]);

/** A summary count as read: its value when it is a number, and where its value starts. */
interface StatedCount {
  readonly value: number | undefined;
  readonly start: number;
}

type Summary = Map<string, StatedCount>;

/** What one member of "files" came to: lines and warnings, or the problem refusing the report. */
type FileOutcome =
  | {
      readonly lines: FileLines;
      readonly warnings: readonly string[];
      readonly hasBranchData: boolean;
    }
  | { readonly problem: string };

interface FileEntry {
  /** Where the file's key first appears in the last "files" object (its problems go there). */
  readonly keyOffset: number;
  readonly outcome: FileOutcome;
}

interface Meta {
  readonly branchCoverage: boolean;
  readonly timestamp: RawTimestamp | undefined;
}

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
 *
 * Reads the report from its bytes (`from`: where the text starts, past a BOM) in
 * one forward pass: the known shape is walked, line lists go straight into reused typed arrays
 * and each file into FileLines; anything else is skipped with its grammar checked. Problems
 * are placed by byte offset. A report is refused as JSON.parse would refuse it, and otherwise
 * read as the parsed document would be (a repeated key: the last one counts).
 */
export function readCoveragePyJson(
  source: ByteSource,
  from: number,
  sourceName: string,
  windowBytes = WINDOW_BYTES,
): RawReport {
  try {
    return new ReportReader(source, from, windowBytes).read(sourceName);
  } catch (error) {
    // A window ended outside a member of "files" (a huge meta, a foreign document): read whole.
    if (!(error instanceof NeedMoreBytes)) throw error;
    return new ReportReader(source, from, undefined).read(sourceName);
  }
}

/**
 * The report is read through a window of this many bytes, moved on between the members of
 * "files" (a member larger than the window doubles it): the bytes of a 100 MB report are
 * never all held, only the facts read from them.
 */
export const WINDOW_BYTES = 2 << 20;

class ReportReader {
  readonly #cursor: JsonBytes;
  readonly #source: ByteSource;
  #buffer = Buffer.alloc(0);
  /** The window's size; undefined: the whole text at once. */
  #windowBytes: number | undefined;
  readonly #executed = new NumberList();
  readonly #missing = new NumberList();
  readonly #excluded = new NumberList();
  readonly #executedArcs = new NumberList();
  readonly #missingArcs = new NumberList();
  readonly #regionList = new NumberList();
  readonly #slabs = new Slabs();

  constructor(source: ByteSource, from: number, windowBytes: number | undefined) {
    this.#source = source;
    this.#windowBytes = windowBytes;
    this.#cursor = new JsonBytes(Buffer.alloc(0), 0);
    this.#load(0);
    this.#cursor.position = from;
  }

  /** Reads the window that starts at file offset `at` into a buffer of the window's size. */
  #load(at: number): void {
    const cursor = this.#cursor;
    const size = this.#windowBytes ?? this.#source.size + (1 << 16);
    const reuse = this.#buffer.length >= size;
    const buffer = reuse ? this.#buffer : Buffer.allocUnsafe(size);
    let kept = 0;
    if (reuse && at > cursor.base && at < cursor.base + cursor.end) {
      // Moving on: what is left of the window is kept, the rest read after it.
      kept = cursor.base + cursor.end - at;
      buffer.copy(buffer, 0, at - cursor.base, cursor.end);
    }
    let count = kept;
    while (count < buffer.length) {
      const read = this.#source.read(buffer, count, buffer.length - count, at + count);
      if (read === 0) break;
      count += read;
    }
    this.#buffer = buffer;
    // The cursor sees exactly the bytes read: past them it finds the end, never stale bytes.
    cursor.bytes = buffer.subarray(0, count);
    cursor.base = at;
    cursor.end = count;
    cursor.atEof = this.#windowBytes === undefined || count < buffer.length;
    cursor.position = 0;
  }

  /** At a place reading can start again from: the window moved on when little is left in it. */
  #moveOn(): void {
    const cursor = this.#cursor;
    const size = this.#windowBytes;
    if (cursor.atEof || size === undefined || cursor.end - cursor.position > size / 2) return;
    this.#load(cursor.base + cursor.position);
  }

  read(sourceName: string): RawReport {
    const cursor = this.#cursor;
    const rootValues = new Map<string, number>();
    let files: Map<string, FileEntry> | undefined;
    let meta: Meta | undefined;
    if (cursor.skipSpace() !== OPEN_BRACE) {
      if (this.#windowBytes !== undefined) throw new NeedMoreBytes('read the whole text');
      cursor.skipValue();
      cursor.expectEnd();
      throw new ScanError(undefined, describeForeignJson(cursor.bytes, undefined));
    }
    if (!cursor.openObject()) {
      do {
        this.#moveOn();
        const key = cursor.expectKey(ROOT_KEYS);
        cursor.skipSpace();
        rootValues.set(key, cursor.base + cursor.position);
        if (key === 'files') files = this.#files();
        else if (key === 'meta') meta = this.#meta();
        else cursor.skipValue();
      } while (cursor.nextMember(CLOSE_BRACE));
    }
    this.#moveOn();
    cursor.expectEnd();
    if (files === undefined) {
      // Naming a foreign document looks back at its root: it is read whole.
      if (this.#windowBytes !== undefined) throw new NeedMoreBytes('read the whole text');
      throw new ScanError(undefined, describeForeignJson(cursor.bytes, rootValues));
    }
    let hasBranchData = meta?.branchCoverage === true;
    const result: FileLines[] = [];
    const warnings: ScanWarning[] = [];
    for (const [filename, { keyOffset, outcome }] of inPropertyOrder(files)) {
      if ('problem' in outcome) throw new ScanError(keyOffset, outcome.problem);
      result.push(outcome.lines);
      if (outcome.hasBranchData) hasBranchData = true;
      for (const message of outcome.warnings)
        warnings.push({ offset: keyOffset, message: `"${filename}": ${message}` });
    }
    return {
      source: sourceName,
      format: 'coveragepy-json',
      sourceRoots: [],
      hasBranchData,
      files: result,
      ...(warnings.length > 0 ? { warnings } : {}),
      ...(meta?.timestamp === undefined ? {} : { timestamp: meta.timestamp }),
    };
  }

  /** At a value: true at `{`; otherwise false, the value skipped. */
  #atObject(): boolean {
    if (this.#cursor.skipSpace() === OPEN_BRACE) return true;
    this.#cursor.skipValue();
    return false;
  }

  /**
   * At `{` of "files": each member read into its outcome (a repeated name: the last one). A
   * member is where the window moves on; one the window ends inside is read again from its key
   * with a window twice as large.
   */
  #files(): Map<string, FileEntry> | undefined {
    if (!this.#atObject()) return undefined;
    const cursor = this.#cursor;
    const files = new Map<string, FileEntry>();
    if (cursor.openObject()) return files;
    for (let more = true; more;) {
      this.#moveOn();
      const at = cursor.base + cursor.position;
      const { containers, values } = cursor;
      for (;;) {
        try {
          const filename = cursor.expectKey();
          const keyOffset = cursor.base + cursor.keyStart;
          const outcome = this.#file(filename);
          more = cursor.nextMember(CLOSE_BRACE);
          const earlier = files.get(filename);
          files.set(filename, { keyOffset: earlier?.keyOffset ?? keyOffset, outcome });
          break;
        } catch (error) {
          if (!(error instanceof NeedMoreBytes) || this.#windowBytes === undefined) throw error;
          this.#windowBytes *= 2;
          this.#load(at);
          cursor.containers = containers;
          cursor.values = values;
        }
      }
    }
    return files;
  }

  /** meta (small): `branch_coverage` and `timestamp` (placed just after its key's colon). */
  #meta(): Meta | undefined {
    if (!this.#atObject()) return undefined;
    const cursor = this.#cursor;
    let branchCoverage = false;
    let timestamp: RawTimestamp | undefined;
    if (!cursor.openObject()) {
      do {
        const key = cursor.expectKey(META_KEYS);
        const afterColon = cursor.position;
        cursor.skipSpace();
        if (key === 'branch_coverage') {
          branchCoverage = cursor.readTrue();
          if (!branchCoverage) cursor.skipValue();
        } else if (key === 'timestamp') {
          const value = cursor.valueAt(cursor.position);
          cursor.skipValue();
          const raw = typeof value === 'string' ? value : JSON.stringify(value);
          timestamp = { value: raw, offset: cursor.base + afterColon };
        } else cursor.skipValue();
      } while (cursor.nextMember(CLOSE_BRACE));
    }
    return { branchCoverage, timestamp };
  }

  /** At a member of "files", past its key: the file's value read into its outcome. */
  #file(filename: string): FileOutcome {
    const cursor = this.#cursor;
    const valueStart = cursor.position;
    if (cursor.skipSpace() !== OPEN_BRACE) {
      cursor.skipValue();
      return this.#shapeProblem(filename, valueStart);
    }
    let executed = false;
    let missing = false;
    let excluded = false;
    // Branch lists: absent (undefined), read (-1), or the start of a value of another shape.
    let executedArcs: number | undefined;
    let missingArcs: number | undefined;
    let summary: Summary | undefined;
    let functions: CodeRegion[] | undefined;
    let classes: CodeRegion[] | undefined;
    if (!cursor.openObject()) {
      do {
        const key = cursor.expectKey(FILE_KEYS);
        const start = cursor.skipSpace() === -1 ? cursor.end : cursor.position;
        switch (key) {
          case 'executed_lines':
            executed = this.#lines(this.#executed);
            break;
          case 'missing_lines':
            missing = this.#lines(this.#missing);
            break;
          case 'excluded_lines':
            excluded = this.#lines(this.#excluded);
            break;
          case 'executed_branches':
            executedArcs = this.#arcs(this.#executedArcs) ? -1 : start;
            break;
          case 'missing_branches':
            missingArcs = this.#arcs(this.#missingArcs) ? -1 : start;
            break;
          case 'summary':
            summary = this.#summary();
            break;
          case 'functions':
            functions = this.#regions('function');
            break;
          case 'classes':
            classes = this.#regions('class');
            break;
          default:
            cursor.skipValue();
        }
      } while (cursor.nextMember(CLOSE_BRACE));
    }
    if (!executed || !missing) return this.#shapeProblem(filename, valueStart);
    if (missingArcs !== undefined && missingArcs !== -1)
      return this.#arcsProblem(filename, 'missing_branches', missingArcs);
    if (executedArcs !== undefined && executedArcs !== -1)
      return this.#arcsProblem(filename, 'executed_branches', executedArcs);
    const counts = new Map<SummaryCount, number>();
    for (const key of SUMMARY_COUNTS) {
      const stated = summary?.get(key);
      if (stated === undefined) continue;
      const { value } = stated;
      if (value === undefined || !Number.isSafeInteger(value) || value < 0)
        return {
          problem: `expected summary.${key} of "${filename}" to be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, found ${this.#preview(stated.start)}`,
        };
      counts.set(key, value);
    }
    const hasArcs = executedArcs !== undefined || missingArcs !== undefined;
    const warnings: string[] = [];
    const executedView = this.#executed.view();
    const missingView = this.#missing.view();
    // Lists written sorted (as coverage.py writes them) are compared while merged, below.
    const sorted = ascending(executedView) && ascending(missingView);
    const unsortedBoth = sorted ? undefined : inBoth(executedView, missingView);
    const declared = declaredCounts(counts, hasArcs);
    const listed = sortListed({
      executed: executedView,
      missing: missingView,
      excluded: excluded ? this.#excluded.view() : NO_LINES,
      executedArcs: executedArcs === undefined ? NO_LINES : this.#executedArcs.view(),
      missingArcs: missingArcs === undefined ? NO_LINES : this.#missingArcs.view(),
    });
    const regions =
      functions === undefined && classes === undefined
        ? undefined
        : [...(functions ?? []), ...(classes ?? [])];
    const built = fileLines(this.#slabs, modulePath(filename, []), listed, declared, regions);
    const lines = built.lines;
    const both = sorted ? built.firstInBoth : unsortedBoth;
    if (both !== undefined)
      warnings.push(
        `line ${both} is in both "executed_lines" and "missing_lines"; it is counted as missing`,
      );
    if (summary !== undefined)
      checkSummary(counts, lines, listed, missingArcs !== undefined, warnings);
    return { lines, warnings, hasBranchData: hasArcs || counts.has('num_branches') };
  }

  /** A short view of the (checked) value at `start`, for a message. */
  #preview(start: number): string {
    return previewJson(this.#cursor.valueAt(start));
  }

  #shapeProblem(filename: string, valueStart: number): FileOutcome {
    return {
      problem: `expected "executed_lines" and "missing_lines" arrays of line numbers (${LINE_NUMBERS}) for "${filename}" in "files", found ${this.#preview(valueStart)}`,
    };
  }

  #arcsProblem(filename: string, key: string, start: number): FileOutcome {
    return {
      problem: `expected "${key}" of "${filename}" to be a list of [from, to] line pairs, found ${this.#preview(start)}`,
    };
  }

  /** At a value: a list of line numbers read into `list`; false (the value skipped) for anything else. */
  #lines(list: NumberList): boolean {
    if (readNumberArray(this.#cursor, list)) return list.whole && list.nonNegative;
    this.#cursor.skipValue();
    return false;
  }

  #arcs(list: NumberList): boolean {
    if (readPairArray(this.#cursor, list)) return list.whole;
    this.#cursor.skipValue();
    return false;
  }

  /** At `{` of a summary: each member's number (or where a value of another kind starts). */
  #summary(): Summary | undefined {
    if (!this.#atObject()) return undefined;
    const cursor = this.#cursor;
    const summary: Summary = new Map();
    if (cursor.openObject()) return summary;
    do {
      const key = cursor.expectKey(SUMMARY_KEYS);
      const byte = cursor.skipSpace();
      const start = cursor.position;
      if (!COUNTED.has(key)) cursor.skipValue();
      else if (byte === 0x2d || (byte >= 0x30 && byte <= 0x39))
        summary.set(key, { value: cursor.readNumber(), start });
      else {
        cursor.skipValue();
        summary.set(key, { value: undefined, start });
      }
    } while (cursor.nextMember(CLOSE_BRACE));
    return summary;
  }

  /**
   * At `{` of 7.5+ `functions` or `classes`: each region's lines are the lines its lists
   * mention (lists of another shape: none). "" holds what lies outside every region.
   */
  #regions(kind: CodeRegion['kind']): CodeRegion[] | undefined {
    if (!this.#atObject()) return undefined;
    const cursor = this.#cursor;
    const byName = new Map<string, number[] | undefined>();
    if (!cursor.openObject()) {
      do {
        const name = cursor.expectKey();
        byName.set(name, this.#regionLines());
      } while (cursor.nextMember(CLOSE_BRACE));
    }
    const regions: CodeRegion[] = [];
    for (const [name, lines] of inPropertyOrder(byName))
      if (name !== '' && lines !== undefined) regions.push({ kind, name, lines });
    return regions;
  }

  #regionLines(): number[] | undefined {
    if (!this.#atObject()) return undefined;
    const cursor = this.#cursor;
    const lists = new Map<string, number[]>();
    if (!cursor.openObject()) {
      do {
        const key = cursor.expectKey(FILE_KEYS);
        if (key === 'executed_lines' || key === 'missing_lines' || key === 'excluded_lines') {
          const list = this.#regionList;
          lists.set(key, this.#lines(list) ? Array.from(list.view()) : []);
        } else cursor.skipValue();
      } while (cursor.nextMember(CLOSE_BRACE));
    }
    return [
      ...(lists.get('executed_lines') ?? []),
      ...(lists.get('missing_lines') ?? []),
      ...(lists.get('excluded_lines') ?? []),
    ].sort((a, b) => a - b);
  }
}

const NO_LINES = new Float64Array(0);

/** The summary's counts (results.py Numbers as jsonreport.py writes them), where present. */
function declaredCounts(
  counts: ReadonlyMap<SummaryCount, number>,
  hasArcs: boolean,
): DeclaredCounts | undefined {
  const statements = counts.get('num_statements');
  if (statements === undefined) return undefined;
  const covered = counts.get('covered_branches');
  const partial = counts.get('num_partial_branches');
  return {
    statements,
    branches: counts.get('num_branches'),
    ...(!hasArcs && covered !== undefined ? { coveredBranches: covered } : {}),
    ...(!hasArcs && partial !== undefined ? { partialBranches: partial } : {}),
  };
}

/**
 * The lists against the summary: both come from one Analysis, so they agree unless the file
 * was edited or made by another tool. The lists' detail is kept; the warning says which
 * figure cannot be trusted.
 */
function checkSummary(
  counts: ReadonlyMap<SummaryCount, number>,
  lines: FileLines,
  listed: ListedLines,
  hasMissingArcs: boolean,
  warnings: string[],
): void {
  const missing = listed.missing.length;
  const missingLines = counts.get('missing_lines');
  if (missingLines !== undefined && missingLines !== missing)
    warnings.push(`summary.missing_lines is ${missingLines} but "missing_lines" lists ${missing}`);
  const statements = counts.get('num_statements');
  if (statements !== undefined && statements > lines.lines.length)
    warnings.push(
      `summary.num_statements is ${statements} but "executed_lines" and "missing_lines" hold only ${lines.lines.length} statement lines`,
    );
  if (!hasMissingArcs) return;
  const arcs = listed.missingArcs;
  const missingBranches = counts.get('missing_branches');
  if (missingBranches !== undefined && missingBranches !== arcs.length / 2)
    warnings.push(
      `summary.missing_branches is ${missingBranches} but "missing_branches" lists ${arcs.length / 2} arcs`,
    );
  let partial = 0;
  for (let index = 0; index < arcs.length; index += 2)
    if (!sortedHas(listed.missing, arcs[index] as number)) partial++;
  const partialBranches = counts.get('num_partial_branches');
  if (partialBranches !== undefined && partialBranches !== partial)
    warnings.push(
      `summary.num_partial_branches is ${partialBranches} but "missing_branches" has ${partial} arcs from lines that ran`,
    );
}

/** The first line listed both as executed and as missing (in executed_lines' order), if any. */
function inBoth(executed: Float64Array, missing: Float64Array): number | undefined {
  if (missing.length === 0 || executed.length === 0) return undefined;
  const sorted = ascending(missing) ? missing : missing.slice().sort();
  for (const line of executed) if (sortedHas(sorted, line)) return line;
  return undefined;
}

/** Whether an ascending list holds a number: a binary search. */
function sortedHas(list: Float64Array, value: number): boolean {
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const at = list[middle] as number;
    if (at === value) return true;
    if (at < value) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}
