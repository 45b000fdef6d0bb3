/**
 * Failures of the machine rather than of trackgen or the user's files: a read-only folder, a full
 * disk, a file size limit, a directory where a file belongs. Each becomes one line naming the
 * path and what was wrong, never a stack trace.
 */
import { basename, dirname, join, relative } from 'node:path';

export function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

/** What an errno code means to a person, in words that suggest the fix. */
export function describeErrorCode(code: string | undefined): string | undefined {
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EISDIR':
      return 'a directory is where a file belongs';
    case 'ENOTDIR':
      return 'a file is where a folder belongs';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied (a read-only or immutable file or folder?)';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'the disk quota is used up';
    case 'EFBIG':
      return 'the file size limit was reached (ulimit -f)';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'EEXIST':
      return 'something already exists at that path';
    case 'ENOTEMPTY':
      return 'a folder that is not empty is in the way';
    case 'ELOOP':
      return 'too many symbolic links (a link loop?)';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    case 'EIO':
      return 'an input/output error from the device';
    case 'EPIPE':
      return 'the other end of a pipe was closed';
    case 'ESPIPE':
      return 'a pipe or device where a regular file belongs';
    case 'EBUSY':
      return 'the file or folder is busy';
    case 'ETXTBSY':
      return 'the file is busy';
    default:
      return undefined;
  }
}

const VERBS: Readonly<Record<string, string>> = {
  open: 'open',
  read: 'read',
  write: 'write',
  mkdir: 'create the folder',
  rename: 'replace',
  unlink: 'remove',
  rmdir: 'remove the folder',
  chmod: 'set the mode of',
  stat: 'look at',
  lstat: 'look at',
  scandir: 'list',
  realpath: 'resolve',
  copyfile: 'copy',
  spawn: 'run',
};

/**
 * One line for a system error, paths shown from `cwd`: "cannot write docs/X.md: the file system
 * is read-only (EROFS)". A write's temporary file is named as the document it stands for.
 */
export function describeSystemError(error: NodeJS.ErrnoException, cwd: string): string {
  const words = describeErrorCode(error.code) ?? error.message.replace(/^[A-Z]+: /, '');
  const verb = VERBS[error.syscall ?? ''] ?? error.syscall ?? 'use';
  const path = error.path === undefined ? undefined : shown(cwd, error.path);
  const object = path === undefined ? '' : ` ${path}`;
  const code = error.code === undefined ? '' : ` (${error.code})`;
  return `cannot ${verb}${object}: ${words}${code}`;
}

/** Temporary files beside a target are named `.trackgen-tmp-PID-HEX-NAME` (write/atomic.ts). */
const TEMPORARY = /^\.trackgen-tmp-\d+-[0-9a-f]+-/;

function shown(cwd: string, path: string): string {
  const name = basename(path);
  const target = TEMPORARY.test(name) ? join(dirname(path), name.replace(TEMPORARY, '')) : path;
  const relativePath = relative(cwd, target).replaceAll('\\', '/');
  return relativePath === '' ? '.' : relativePath.startsWith('../../') ? target : relativePath;
}
