import { relative } from 'node:path';

/**
 * Paths shown to people, written into documents or compared with git's output use forward
 * slashes on every platform: git and coverage reports do, and a document must not change with
 * the machine that rendered it.
 */
export function toSlashes(path: string): string {
  return path.replaceAll('\\', '/');
}

/** `path` as the user should see it from `cwd`: relative, forward slashes, `.` for `cwd` itself. */
export function shownPath(cwd: string, path: string): string {
  return toSlashes(relative(cwd, path)) || '.';
}
