import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { temporaryPath } from './temporary-path.js';
import { InputProblem } from '../exit-codes.js';
import { isSystemError } from '../fs/environment-failure.js';
import { isAbsent } from '../fs/read-if-exists.js';
import { boundsCheck, type WriteBounds } from './safe-path.js';

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
function stillAsRead(path: string, expected: string | null): boolean {
  const bytes = bytesIfExists(path);
  return bytes === undefined
    ? expected === null
    : expected !== null && bytes.equals(Buffer.from(expected, 'utf8'));
}

/**
 * Looked at first, so that a missing file (every document of a first run) costs no exception:
 * a thousand of them, each with its stack, cost more than the writing.
 */
function bytesIfExists(path: string): Buffer | undefined {
  if (statSync(path, { throwIfNoEntry: false }) === undefined) return undefined;
  try {
    return readFileSync(path);
  } catch (error) {
    if (isAbsent(error)) return undefined;
    throw error;
  }
}

/** One file through a temporary file and a rename (the run cache's own files: no checks). */
export function writeFileAtomicallySync(path: string, content: string | Uint8Array): void {
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
function resolveTarget(path: string): string {
  if (lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() !== true) return path;
  try {
    return realpathSync.native(path);
  } catch (error) {
    if (isAbsent(error)) return path;
    throw error;
  }
}

/** The file's permissions, to give the new version the same; undefined when there is none. */
function modeOf(path: string): number | undefined {
  try {
    const info = statSync(path, { throwIfNoEntry: false });
    return info === undefined ? undefined : info.mode & 0o7777;
  } catch {
    return undefined;
  }
}

/** Replaces one file; returns where the run's version went when the file changed meanwhile. */
function replaceFile(file: FileToWrite, directories: Set<string>): string | undefined {
  const { path, content, expected } = file;
  const target = resolveTarget(path);
  const directory = dirname(target);
  if (!directories.has(directory)) {
    mkdirSync(directory, { recursive: true });
    directories.add(directory);
  }
  const temporary = temporaryPath(target);
  try {
    writeFileSync(temporary, content, { encoding: 'utf8', flag: 'wx' });
    const mode = modeOf(target);
    if (mode !== undefined) chmodSync(temporary, mode);
    // Compared at the last moment before the rename: what a person saved meanwhile stays.
    if (expected !== undefined && !stillAsRead(target, expected)) {
      const beside = besidePath(target);
      renameSync(temporary, beside);
      return beside;
    }
    renameSync(temporary, target);
    return undefined;
  } catch (error) {
    rmSync(temporary, { force: true });
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
 * is given up front (computed before anything is touched); paths are checked and files compared
 * first, then written. Synchronous: for a thousand small files several times faster than
 * promises, whose every step is a round trip through the thread pool.
 */
export function writeFilesAtomically(
  files: readonly FileToWrite[],
  options: WriteOptions = {},
): WriteOutcome[] {
  const { bounds } = options;
  if (bounds !== undefined) {
    const check = boundsCheck(bounds);
    for (const file of files) {
      const problem = check(file.path);
      if (problem !== undefined) throw new UnsafeWrite(`${file.path}: ${problem}`);
    }
  }
  const outcomes: WriteOutcome[] = files.map((file) => ({
    path: file.path,
    status: textIfExists(file.path) === file.content ? 'unchanged' : 'written',
  }));
  const directories = new Set<string>();
  for (const [index, file] of files.entries()) {
    if (outcomes[index]?.status !== 'written') continue;
    const beside = replaceFile(file, directories);
    if (beside !== undefined)
      outcomes[index] = { path: file.path, status: 'changed-meanwhile', beside };
  }
  return outcomes;
}

function textIfExists(path: string): string | undefined {
  return bytesIfExists(path)?.toString('utf8');
}
