import { entriesOf, fileLinesFromEntries, type FileLines } from './file-lines.js';
import type { RawReport } from './raw-report.js';

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
