import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import type { FileLines, RawReport } from '../raw/raw-report.js';
import { pythonRegions } from './python-regions.js';

/** Which of a report's files to look up Python source for: each costs a file system look-up. */
export type SourceWanted = (path: string) => boolean;

/**
 * Functions and classes for the wanted files whose report did not carry them (anything but
 * coverage.py 7.5+ JSON), from the Python source when it is present where the report says:
 * under one of the report's `<source>` roots, else relative to the report's own folder
 * (coverage.py writes JSON paths relative to where it ran). A file that is not there keeps no
 * regions. Only the files asked for are looked up: a large report names thousands of files,
 * and the hook reads the report at every commit.
 */
export function withSourceRegions(
  raw: RawReport,
  reportPath: string,
  wanted: SourceWanted,
): RawReport {
  const roots = sourceRootsOf(raw.sourceRoots, reportPath);
  const files = raw.files.map((file): FileLines => {
    if (
      file.regions !== undefined ||
      !file.path.endsWith('.py') ||
      file.lines.length === 0 ||
      !wanted(file.path)
    )
      return file;
    const source = findSource(file.path, roots);
    if (source === undefined) return file;
    return { ...file, regions: pythonRegions(source) };
  });
  return files.some((file, index) => file !== raw.files[index]) ? { ...raw, files } : raw;
}

/** The roots a report's sources are looked for under: its `<source>` roots, then its folder. */
export function sourceRootsOf(sourceRoots: readonly string[], reportPath: string): string[] {
  return [...sourceRoots, dirname(reportPath)];
}

/** Where a report's file may be found, in the order they are tried. */
export function sourceCandidates(path: string, roots: readonly string[]): string[] {
  return isAbsolute(path) ? [path] : roots.map((root) => join(root, path));
}

function findSource(path: string, roots: readonly string[]): string | undefined {
  for (const candidate of sourceCandidates(path, roots)) {
    try {
      if (!statSync(candidate, { throwIfNoEntry: false })?.isFile()) continue;
      return readFileSync(candidate, 'utf8');
    } catch {
      continue;
    }
  }
  return undefined;
}
