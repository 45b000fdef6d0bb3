import { randomBytes } from 'node:crypto';
import { mkdir, readFile, realpath, rename, stat, unlink, writeFile, chmod } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface FileToWrite {
  readonly path: string;
  readonly content: string;
}

export interface WriteOutcome {
  readonly path: string;
  readonly status: 'written' | 'unchanged';
}

async function readIfExists(path: string): Promise<string | undefined> {
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

async function replaceFile(path: string, content: string): Promise<void> {
  const target = await resolveTarget(path);
  const directory = dirname(target);
  await mkdir(directory, { recursive: true });
  // Same directory as the target, so the rename is atomic (never across file systems).
  const temporary = join(directory, `.trackgen-tmp-${process.pid}-${randomBytes(4).toString('hex')}-${basename(target)}`);
  try {
    await writeFile(temporary, content, { encoding: 'utf8', flag: 'wx' });
    const mode = await stat(target).then((stats) => stats.mode & 0o7777, () => undefined);
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
  const outcomes: WriteOutcome[] = [];
  for (const [index, file] of files.entries()) {
    if (current[index] === file.content) {
      outcomes.push({ path: file.path, status: 'unchanged' });
      continue;
    }
    await replaceFile(file.path, file.content);
    outcomes.push({ path: file.path, status: 'written' });
  }
  return outcomes;
}
