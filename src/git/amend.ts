/**
 * Whether the running pre-commit hook belongs to `git commit --amend`. git tells a pre-commit hook
 * nothing about it, so the command line of the git that started the hook is read: from /proc
 * where there is one, else from `ps`. Several steps up, as the pre-commit framework (Python) and
 * a shell stand between git and trackgen. Unknown counts as not amending.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';

const MAX_STEPS = 6;

export async function isAmending(startPid: number = process.ppid): Promise<boolean> {
  let pid = startPid;
  for (let step = 0; step < MAX_STEPS && pid > 1; step++) {
    const info = await processInfo(pid);
    if (info === undefined) return false;
    const commit = gitCommitArguments(info.args);
    if (commit !== undefined) return commit.includes('--amend');
    pid = info.parent;
  }
  return false;
}

/** The arguments after `commit` when `args` is a git commit command line, else undefined. */
export function gitCommitArguments(args: readonly string[]): readonly string[] | undefined {
  const program = (args[0] ?? '').split(/[\\/]/).pop() ?? '';
  if (!/^git(\.exe)?$/.test(program)) return undefined;
  const at = args.indexOf('commit');
  return at === -1 ? undefined : args.slice(at + 1);
}

interface ProcessInfo {
  readonly args: readonly string[];
  readonly parent: number;
}

async function processInfo(pid: number): Promise<ProcessInfo | undefined> {
  try {
    // Read at once: the kernel answers from memory, and a promise would wait for whatever
    // else the run is doing before the next step up could be taken.
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const parent = Number(/^PPid:\s*(\d+)/m.exec(status)?.[1] ?? 0);
    return { args: cmdline.split('\0').filter((arg) => arg !== ''), parent };
  } catch {
    return fromPs(pid);
  }
}

/** `ps` splits arguments at spaces: good enough to find `commit` and `--amend`. */
function fromPs(pid: number): Promise<ProcessInfo | undefined> {
  return new Promise((resolve) => {
    execFile('ps', ['-o', 'ppid=', '-o', 'args=', '-p', String(pid)], (error, stdout) => {
      const match = error === null ? /^\s*(\d+)\s+(.*)$/m.exec(stdout) : null;
      resolve(
        match === null
          ? undefined
          : { parent: Number(match[1]), args: (match[2] ?? '').trim().split(/\s+/) },
      );
    });
  });
}
