/**
 * A report's file name as a module path: forward slashes, no leading `./`, and relative to one
 * of the report's `<source>` roots when it is absolute and lies under one.
 */
export function modulePath(filename: string, sourceRoots: readonly string[]): string {
  let path = filename.trim().replace(/\\/g, '/');
  while (path.startsWith('./')) path = path.slice(2);
  if (isAbsolute(path)) {
    for (const root of sourceRoots) {
      const prefix = `${root.replace(/\\/g, '/').replace(/\/+$/, '')}/`;
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
