import { isAbsolute, relative, sep } from 'node:path';

/** Whether a path is a directory or lies inside it: not above it, not a sibling named "..x". */
export function isWithin(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
