import { EXIT_OK, EXIT_PROBLEMS, type ExitCode } from '../exit-codes.js';

/** What a hook action says and how it ends; `trackgen hook` prints it. */
export interface HookOutcome {
  readonly code: ExitCode;
  readonly stdout: readonly string[];
  readonly stderr: readonly string[];
}

export function done(stdout: readonly string[], stderr: readonly string[] = []): HookOutcome {
  return { code: EXIT_OK, stdout, stderr };
}

/** Refused or blocked: problems found in the person's files (exit 1); the lines say what to do. */
export function refused(stderr: readonly string[]): HookOutcome {
  return { code: EXIT_PROBLEMS, stdout: [], stderr };
}

/** How every line that stops a commit begins. */
export const BLOCKED = 'trackgen: commit blocked';
