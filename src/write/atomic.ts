import { randomBytes } from 'node:crypto';
import {
  mkdir,
  readFile,
  realpath,
  rename,
  stat,
  unlink,
  writeFile,
  chmod,
} from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface FileToWrite {
  readonly path: string;
  readonly content: string;
}

export interface WriteOutcome {
  readonly path: string;
  readonly status: 'written' | 'unchanged';
}

/** The file's text, or undefined when there is no file. */
export async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
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
  // Same directory as the target, so the rename is atomic (never across file systems).
  const temporary = join(
    directory,
    `.trackgen-tmp-${process.pid}-${randomBytes(4).toString('hex')}-${basename(target)}`,
  );
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
    throw error;
  }
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
