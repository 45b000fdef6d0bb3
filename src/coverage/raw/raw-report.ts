/**
 * The readers' contract: what every reader returns (per-line facts per file, with module
 * paths) or throws (a ScanError placed by byte offset). Nothing here computes a figure.
 */
import { toSlashes } from '../../text/paths.js';

/** What a reader returns: per-line facts for each file, before any figure is computed. */
export interface RawReport {
  /** The file it was read from, as the user named it. */
  readonly source: string;
  readonly format: 'cobertura' | 'coveragepy-json';
  /** The report's `<source>` roots, trimmed, empty ones dropped (none for coverage.py JSON). */
  readonly sourceRoots: readonly string[];
  /** Whether the report measured branches (false: figures are statements only). */
  readonly hasBranchData: boolean;
  /** One entry per file, merged by path; in no particular order. */
  readonly files: readonly FileLines[];
  /** Things the report says that do not add up (its lists against its summary), placed by byte offset. */
  readonly warnings?: readonly ScanWarning[];
  /** When the report says it was taken (Cobertura `timestamp`, coverage.py JSON `meta.timestamp`). */
  readonly timestamp?: RawTimestamp;
}

/** A report's stated time, raw, with the byte offset of the value (placed once read). */
export interface RawTimestamp {
  readonly value: string;
  readonly offset: number | undefined;
  readonly place?: { readonly file: string; readonly line: number; readonly column: number };
}

/**
 * A problem that does not stop reading. A reader places it by byte offset; reading the file
 * turns the offset into the file's name, line and column (a merge's own warnings have none).
 */
export interface ScanWarning {
  readonly offset: number | undefined;
  readonly message: string;
  readonly place?: { readonly file: string; readonly line: number; readonly column: number };
}

/**
 * What coverage.py's JSON `summary` states for a file: counts it took from the source's static
 * analysis (results.py Analysis: `len(statements)`, `_total_branches()`), which the line lists
 * cannot give exactly (executed_lines also holds lines that ran but are not statements; 6.x–7.6
 * executed_branches also holds arcs it never predicted).
 */
export interface DeclaredCounts {
  /** summary.num_statements. */
  readonly statements: number;
  /** summary.num_branches; undefined without branch data. */
  readonly branches: number | undefined;
  /**
   * coverage.py 5.x writes no arcs, only the summary: its covered_branches and
   * num_partial_branches are then the only branch detail there is.
   */
  readonly coveredBranches?: number;
  readonly partialBranches?: number;
}

/** Where a function or class is, as coverage.py's `code_regions` (regions.py) reports it. */
export interface CodeRegion {
  readonly kind: 'function' | 'class';
  /** Qualified as coverage.py names it: `BudgetManager.reset`, `outer.add`. */
  readonly name: string;
  /** Lines of the region (its body, without nested functions), ascending. */
  readonly lines: readonly number[];
}

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
  /**
   * Lines that ran but may not be statements (coverage.py JSON's executed_lines holds docstring
   * lines too): resolved against declared.statements when figures are counted.
   */
  readonly uncertain?: ReadonlySet<number>;
  /** The report's own counts for the file (coverage.py JSON's summary). */
  readonly declared?: DeclaredCounts;
  /** Functions and classes of the file (coverage.py 7.5+ JSON's `functions`/`classes`). */
  readonly regions?: readonly CodeRegion[];
}

/** One line as a reader saw it, before duplicates (same file and line) are merged. */
export interface LineEntry {
  readonly line: number;
  readonly covered: boolean;
  readonly branchTotal: number;
  readonly branchTaken: number;
  readonly missingArcs: readonly number[];
  /** Ran, but the report cannot say whether it is a statement (see FileLines.uncertain). */
  readonly uncertain?: boolean;
}

/**
 * A problem found while reading a report's bytes, placed by byte offset in the file. The edge
 * (read.ts) turns the offset into line:column and names the file.
 */
export class ScanError extends Error {
  override readonly name = 'ScanError';
  constructor(
    readonly offset: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A report's file name as a module path: forward slashes, no leading `./`, and relative to one
 * of the report's `<source>` roots when it is absolute and lies under one.
 */
export function modulePath(filename: string, sourceRoots: readonly string[]): string {
  let path = toSlashes(filename.trim());
  while (path.startsWith('./')) path = path.slice(2);
  if (isAbsolute(path)) {
    for (const root of sourceRoots) {
      const prefix = `${toSlashes(root).replace(/\/+$/, '')}/`;
      const matches = /^[a-zA-Z]:\//.test(prefix)
        ? path.toLowerCase().startsWith(prefix.toLowerCase())
        : path.startsWith(prefix);
      if (prefix !== '/' && matches) return path.slice(prefix.length);
    }
  }
  return path;
}

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[a-zA-Z]:\//.test(path);
}
