import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import {
  chmod,
  mkdir,
  readFile,
  realpath,
  rename,
  stat,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputProblem } from '../exit-codes.js';
import { isSystemError } from '../fs/environment-failure.js';
import { readIfExists } from '../fs/read-if-exists.js';
import { outOfBounds, type WriteBounds } from './safe-path.js';

export interface FileToWrite {
  readonly path: string;
  readonly content: string;
  /**
   * What the run read at this path (null: nothing was there). When given, the file is replaced
   * only if it still holds exactly that: a save made while the run worked is never overwritten.
   */
  readonly expected?: string | null;
}

export interface WriteOutcome {
  readonly path: string;
  /** `changed-meanwhile`: the file changed since the run read it; left as it is. */
  readonly status: 'written' | 'unchanged' | 'changed-meanwhile';
  /** For `changed-meanwhile`: where the run's version was written instead, beside the file. */
  readonly beside?: string;
}

export interface WriteOptions {
  /** Refuse (before writing anything) a path, or a symlink on it, leading outside these bounds. */
  readonly bounds?: WriteBounds;
}

/** Thrown before anything is written when a path leaves the bounds. */
export class UnsafeWrite extends InputProblem {}

/** The name the run's version gets when the file changed under it: beside it, never over it. */
export function besidePath(path: string): string {
  return `${path}.trackgen-new`;
}

/** Still what the run read? Compared as bytes: the run's text round-trips exactly to them. */
async function stillAsRead(path: string, expected: string | null): Promise<boolean> {
  try {
    const bytes = await readFile(path);
    return expected !== null && bytes.equals(Buffer.from(expected, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return expected === null;
    throw error;
  }
}

/** Beside the target, so the rename is atomic (never across file systems); unique per write. */
function temporaryPath(target: string): string {
  return join(
    dirname(target),
    `.trackgen-tmp-${process.pid}-${randomBytes(4).toString('hex')}-${basename(target)}`,
  );
}

/**
 * One file, synchronously, through a temporary file and a rename: for the run cache, whose
 * small writes cost more as promises than they take.
 */
export function writeFileAtomicallySync(path: string, content: string): void {
  const temporary = temporaryPath(path);
  try {
    writeFileSync(temporary, content, { flag: 'wx' });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw withPath(error, path);
  }
}

/** Writes through a symlink to its target, so the link survives the rename. */
async function resolveTarget(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return path;
    throw error;
  }
}

async function replaceFile(
  file: FileToWrite,
  directories: Map<string, Promise<unknown>>,
): Promise<string | undefined> {
  const { path, content, expected } = file;
  const target = await resolveTarget(path);
  const directory = dirname(target);
  let made = directories.get(directory);
  if (made === undefined) {
    made = mkdir(directory, { recursive: true });
    directories.set(directory, made);
  }
  await made;
  const temporary = temporaryPath(target);
  try {
    await writeFile(temporary, content, { encoding: 'utf8', flag: 'wx' });
    const mode = await stat(target).then(
      (stats) => stats.mode & 0o7777,
      () => undefined,
    );
    if (mode !== undefined) await chmod(temporary, mode);
    // Compared at the last moment before the rename: what a person saved meanwhile stays.
    if (expected !== undefined && !(await stillAsRead(target, expected))) {
      const beside = besidePath(target);
      await rename(temporary, beside);
      return beside;
    }
    await rename(temporary, target);
    return undefined;
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw withPath(error, target);
  }
}

/** A write's error names no path (it was written through a descriptor): name the document. */
function withPath(error: unknown, path: string): unknown {
  if (isSystemError(error) && error.path === undefined) error.path = path;
  return error;
}

/**
 * Writes every file whose content differs from what is on disk: each through a temporary file
 * in its own directory and a rename, so a reader never sees a truncated document. Every content
 * is given up front (computed before anything is touched); files are compared first, then written.
 */
export async function writeFilesAtomically(
  files: readonly FileToWrite[],
  options: WriteOptions = {},
): Promise<WriteOutcome[]> {
  const { bounds } = options;
  if (bounds !== undefined) {
    for (const file of files) {
      const problem = await outOfBounds(file.path, bounds);
      if (problem !== undefined) throw new UnsafeWrite(`${file.path}: ${problem}`);
    }
  }
  const current = await Promise.all(files.map((file) => readIfExists(file.path)));
  const outcomes: WriteOutcome[] = files.map((file, index) => ({
    path: file.path,
    status: current[index] === file.content ? 'unchanged' : 'written',
  }));
  const pending = files
    .map((file, index) => ({ file, index }))
    .filter(({ index }) => outcomes[index]?.status === 'written');
  // A few writes at a time: the disk does the waiting, and no run opens thousands of files.
  const directories = new Map<string, Promise<unknown>>();
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    // After a failure no new file is started; the ones in flight finish (each is atomic anyway).
    for (
      let item = pending[next++];
      item !== undefined && failure === undefined;
      item = pending[next++]
    ) {
      const { file, index } = item;
      await replaceFile(file, directories).then(
        (beside) => {
          if (beside !== undefined)
            outcomes[index] = { path: file.path, status: 'changed-meanwhile', beside };
        },
        (error: unknown) => {
          failure ??= { error };
        },
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(WRITERS, pending.length) }, worker));
  if (failure !== undefined) throw failure.error;
  return outcomes;
}

const WRITERS = 16;
