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
