import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { chmod, mkdir, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isSystemError } from '../fs/environment-failure.js';
import { readIfExists } from '../fs/read-if-exists.js';

export interface FileToWrite {
  readonly path: string;
  readonly content: string;
}

export interface WriteOutcome {
  readonly path: string;
  readonly status: 'written' | 'unchanged';
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
  path: string,
  content: string,
  directories: Map<string, Promise<unknown>>,
): Promise<void> {
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
    await rename(temporary, target);
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
export async function writeFilesAtomically(files: readonly FileToWrite[]): Promise<WriteOutcome[]> {
  const current = await Promise.all(files.map((file) => readIfExists(file.path)));
  const outcomes: WriteOutcome[] = files.map((file, index) => ({
    path: file.path,
    status: current[index] === file.content ? 'unchanged' : 'written',
  }));
  const pending = files.filter((_, index) => outcomes[index]?.status === 'written');
  // A few writes at a time: the disk does the waiting, and no run opens thousands of files.
  const directories = new Map<string, Promise<unknown>>();
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    // After a failure no new file is started; the ones in flight finish (each is atomic anyway).
    for (
      let file = pending[next++];
      file !== undefined && failure === undefined;
      file = pending[next++]
    ) {
      await replaceFile(file.path, file.content, directories).catch((error: unknown) => {
        failure ??= { error };
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(WRITERS, pending.length) }, worker));
  if (failure !== undefined) throw failure.error;
  return outcomes;
}

const WRITERS = 16;
