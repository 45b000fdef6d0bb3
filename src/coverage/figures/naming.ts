import { toSlashes } from '../../text/paths.js';
/**
 * Short module names for trackers: the basename where it is unique in the report, otherwise
 * the shortest path suffix (whole segments) that no other module shares.
 */
export function shortNames(paths: readonly string[]): Map<string, string> {
  const suffixCounts = new Map<string, number>();
  const segmentsOf = new Map<string, string[]>();
  for (const path of new Set(paths)) {
    const segments = path.split('/');
    segmentsOf.set(path, segments);
    for (let length = 1; length <= segments.length; length++) {
      const suffix = segments.slice(-length).join('/');
      suffixCounts.set(suffix, (suffixCounts.get(suffix) ?? 0) + 1);
    }
  }
  const names = new Map<string, string>();
  for (const [path, segments] of segmentsOf) {
    let name = path;
    for (let length = 1; length <= segments.length; length++) {
      const suffix = segments.slice(-length).join('/');
      if (suffixCounts.get(suffix) === 1) {
        name = suffix;
        break;
      }
    }
    names.set(path, name);
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
