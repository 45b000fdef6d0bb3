/**
 * New files that never replace one: each is written whole to a temporary name beside it, then
 * linked to its own name (which fails when that name exists, however recently it was created),
 * so a reader never sees half a record. When any write fails, the files this call created are
 * removed again: nothing half-written.
 */
import { link, mkdir, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { temporaryPath } from './temporary-path.js';

export interface NewFile {
  readonly path: string;
  readonly content: string;
}

export class NewFileError extends Error {
  constructor(
    readonly path: string,
    readonly code: string | undefined,
    cause: unknown,
  ) {
    super(`could not write ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
}

async function writeNew(file: NewFile): Promise<void> {
  await mkdir(dirname(file.path), { recursive: true });
  const temporary = temporaryPath(file.path);
  await writeFile(temporary, file.content, { encoding: 'utf8', flag: 'wx' });
  try {
    await link(temporary, file.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A file system without hard links: exclusive creation still never replaces a file.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS')
      await writeFile(file.path, file.content, { encoding: 'utf8', flag: 'wx' });
    else throw error;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

/**
 * Creates one file; false (and nothing written) when a file is already at its path, however
 * recently it appeared.
 */
export async function createNewFile(path: string, content: string): Promise<boolean> {
  try {
    await writeNew({ path, content });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Creates every file, in order; on the first failure removes those created and throws. */
export async function writeNewFiles(files: readonly NewFile[]): Promise<void> {
  const created: string[] = [];
  for (const file of files) {
    try {
      await writeNew(file);
      created.push(file.path);
    } catch (error) {
      for (const path of created.reverse()) await unlink(path).catch(() => undefined);
      throw new NewFileError(file.path, (error as NodeJS.ErrnoException).code, error);
    }
  }
}
