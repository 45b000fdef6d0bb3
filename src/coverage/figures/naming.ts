import { toSlashes } from '../../text/paths.js';
/**
 * Short module names for trackers: the basename where it is unique in the report, otherwise
 * the shortest path suffix (whole segments) that no other module shares.
 */
export function shortNames(paths: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  let active = [...new Set(paths)];
  // Where each active path's current suffix starts: one past a `/`, or 0 for the whole path.
  let starts = active.map((path) => path.lastIndexOf('/') + 1);
  // Level by level (one more segment each time), only over the paths not yet named: a suffix
  // two paths share at some length they share at every shorter one, so a named path never
  // shares a longer suffix with one still unnamed.
  while (active.length > 0) {
    const counts = new Map<string, number>();
    const suffixes = active.map((path, index) => path.slice(starts[index]));
    for (const suffix of suffixes) counts.set(suffix, (counts.get(suffix) ?? 0) + 1);
    const nextActive: string[] = [];
    const nextStarts: number[] = [];
    active.forEach((path, index) => {
      const suffix = suffixes[index] ?? path;
      const start = starts[index] ?? 0;
      if (counts.get(suffix) === 1) names.set(path, suffix);
      // The whole path and still shared: no suffix of it is unique.
      else if (start === 0) names.set(path, path);
      else {
        nextActive.push(path);
        nextStarts.push(start === 1 ? 0 : path.lastIndexOf('/', start - 2) + 1);
      }
    });
    active = nextActive;
    starts = nextStarts;
  }
  return names;
}

/**
 * Whether a report's file is a module of the project. Reports name files relative to their
 * source root, which need not be the project root (`services/sync.py` vs
 * `app/services/sync.py`), so a path suffix on a directory boundary matches too.
 */
export function pathsMatch(reportPath: string, modulePath: string): boolean {
  const candidate = comparable(reportPath);
  const wanted = comparable(modulePath);
  return (
    candidate === wanted || wanted.endsWith(`/${candidate}`) || candidate.endsWith(`/${wanted}`)
  );
}

function comparable(path: string): string {
  return toSlashes(path).replace(/^\.\//, '');
}
