/** How the commands show a plan: the stale diffs, the conflicts, what a write did. */
import { conflictLines, staleDiffs, type Report } from '../pipeline/describe.js';
import type { Plan, PlannedFile } from '../pipeline/planned-file.js';
import { writeLines, type CliContext, type OutputStream } from './io.js';

/** A unified diff per document that would change, each hunk naming its section and inputs. */
export async function printStaleDiffs(
  stream: OutputStream,
  plan: Plan,
  files: readonly PlannedFile[],
): Promise<void> {
  writeLines(stream, await staleDiffs(plan, files));
}

/** Each conflict: where, what the new rendering would change, and the two ways out. */
export function printConflicts(stream: OutputStream, plan: Plan): void {
  writeLines(stream, conflictLines(plan));
}

export function printReport(context: CliContext, report: Report): void {
  writeLines(context.stderr, report.stderr);
  writeLines(context.stdout, report.stdout);
}
