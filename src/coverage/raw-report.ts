import type { FileLines } from './file-lines.js';

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
