/**
 * Where a document may be written: inside the project (or the `--out` folder a person named),
 * never inside the data folder, never through a symlink or a linked folder that leads elsewhere.
 * Checked on real paths, so `docs/X.md -> /etc/passwd` and `docs -> ../../elsewhere` are both seen.
 */
import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';

export interface WriteBounds {
  /** Every write must land inside this folder. */
  readonly inside: string;
  /** …and outside these (the data folder). */
  readonly notInside: readonly string[];
}

/** The real path of `path`, resolving links in the deepest part of it that exists. */
async function realTarget(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const parent = dirname(path);
    if ((code === 'ENOENT' || code === 'ENOTDIR') && parent !== path)
      return join(await realTarget(parent), basename(path));
    throw error;
  }
}

function isWithin(path: string, folder: string): boolean {
  const fromFolder = relative(folder, path);
  return fromFolder === '' || (!fromFolder.startsWith('..') && !isAbsolute(fromFolder));
}

/** Why writing at `path` would leave the bounds (one clause), or undefined when it stays inside. */
export async function outOfBounds(path: string, bounds: WriteBounds): Promise<string | undefined> {
  const target = await realTarget(resolve(path));
  const inside = await realTarget(resolve(bounds.inside));
  const leadsTo = target === resolve(path) ? '' : ` (it leads to ${target})`;
  if (!isWithin(target, inside))
    return `expected a document path inside ${bounds.inside}, found one outside it${leadsTo}; nothing is written through it`;
  for (const folder of bounds.notInside) {
    if (isWithin(target, await realTarget(resolve(folder))))
      return `expected a document path outside the data folder ${folder}, found one inside it${leadsTo}; nothing is written there`;
  }
  return undefined;
}
