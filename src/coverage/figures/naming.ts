import { toSlashes } from '../../text/paths.js';
/**
 * Short module names for trackers: the basename where it is unique in the report, otherwise
 * the shortest path suffix (whole segments) that no other module shares.
 */
export function shortNames(paths: readonly string[]): Map<string, string> {
  const unique = new Set(paths);
  const suffixCounts = new Map<string, number>();
  for (const path of unique) {
    for (let slash = lastSlash(path, path.length); ; slash = lastSlash(path, slash)) {
      const suffix = slash < 0 ? path : path.slice(slash + 1);
      suffixCounts.set(suffix, (suffixCounts.get(suffix) ?? 0) + 1);
      if (slash < 0) break;
    }
  }
  const names = new Map<string, string>();
  for (const path of unique) {
    let name = path;
    for (let slash = lastSlash(path, path.length); ; slash = lastSlash(path, slash)) {
      const suffix = slash < 0 ? path : path.slice(slash + 1);
      if (suffixCounts.get(suffix) === 1) {
        name = suffix;
        break;
      }
      if (slash < 0) break;
    }
    names.set(path, name);
  }
  return names;
}

/**
 * The last `/` before `before` (-1 when none): the path's suffixes of whole segments, shortest
 * first, without splitting and joining the segments for each.
 */
function lastSlash(path: string, before: number): number {
  return before <= 0 ? -1 : path.lastIndexOf('/', before - 1);
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
