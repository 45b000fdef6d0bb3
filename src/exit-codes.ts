/**
 * One meaning per exit code, in every command: scripts and CI branch on these.
 *
 * 0 done, nothing wrong. 1 problems found in the user's inputs or documents: invalid data or
 * config, a missing or unreadable coverage report, a stale document, a conflict, a coverage
 * regression. 2 the tool was called wrongly (an unknown command or flag, a bad flag value) or
 * failed itself.
 */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

export type ExitCode = typeof EXIT_OK | typeof EXIT_PROBLEMS | typeof EXIT_USAGE;

/**
 * A problem in a file the user gave (a report that cannot be read) that ends the command: one
 * line, exit 1, as the same problem found by generate would give.
 */
export class InputProblem extends Error {
  override readonly name = 'InputProblem';
}
