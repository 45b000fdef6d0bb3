/**
 * Where a document may be written: inside the project (or the `--out` folder a person named),
 * never inside the data folder, never through a symlink or a linked folder that leads elsewhere.
 * Checked on real paths, so `docs/X.md -> /etc/passwd` and `docs -> ../../elsewhere` are both seen.
 */
import { lstatSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';

export interface WriteBounds {
  /** Every write must land inside this folder. */
  readonly inside: string;
  /** …and outside these (the data folder). */
  readonly notInside: readonly string[];
}

/** Why writing at a path would leave the bounds (one clause), or undefined when it stays inside. */
export type BoundsCheck = (path: string) => string | undefined;

/**
 * A check for many paths under the same bounds. Real paths of folders are looked up once each
 * (a thousand documents share a few folders); a file itself costs one lstat, and a realpath only
 * when it is a symlink. Synchronous: for many small lookups several times faster than promises.
 */
export function boundsCheck(bounds: WriteBounds): BoundsCheck {
  const realFolders = new Map<string, string>();
  const realFolder = (folder: string): string => {
    let real = realFolders.get(folder);
    if (real === undefined) {
      real = realTarget(folder, realFolder);
      realFolders.set(folder, real);
    }
    return real;
  };
  return (path) => {
    // Looked up at the first path, so that an unreadable folder is that path's problem.
    const inside = realFolder(resolve(bounds.inside));
    const absolute = resolve(path);
    const target = isLink(absolute)
      ? realTarget(absolute, realFolder)
      : join(realFolder(dirname(absolute)), basename(absolute));
    const leadsTo = target === absolute ? '' : ` (it leads to ${target})`;
    if (!isWithin(target, inside))
      return `expected a document path inside ${bounds.inside}, found one outside it${leadsTo}; nothing is written through it`;
    for (const folder of bounds.notInside) {
      if (isWithin(target, realFolder(resolve(folder))))
        return `expected a document path outside the data folder ${folder}, found one inside it${leadsTo}; nothing is written there`;
    }
    return undefined;
  };
}

/** Why writing at `path` would leave the bounds, for a single path. */
export function outOfBounds(path: string, bounds: WriteBounds): string | undefined {
  return boundsCheck(bounds)(path);
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() === true;
  } catch {
    // Nothing there (or not reachable): its folder decides where it would land.
    return false;
  }
}

/** The real path of `path`, resolving links in the deepest part of it that exists. */
function realTarget(path: string, realFolder: (folder: string) => string): string {
  try {
    return realpathSync.native(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const parent = dirname(path);
    if ((code === 'ENOENT' || code === 'ENOTDIR') && parent !== path)
      return join(realFolder(parent), basename(path));
    throw error;
  }
}

function isWithin(path: string, folder: string): boolean {
  const fromFolder = relative(folder, path);
  return fromFolder === '' || (!fromFolder.startsWith('..') && !isAbsolute(fromFolder));
}
