import { readCoverageReports, type CoverageReport, type ReadOptions } from '../coverage/index.js';
import { UsageError } from '../diagnostics.js';
import { InputProblem } from '../exit-codes.js';

/**
 * The reports a command was pointed at. One that is missing or unreadable is a problem in the
 * user's input (exit 1), wherever it was named: on the command line, in the config or in
 * project.json.
 */
export function readReports(
  paths: readonly string[],
  shown: readonly string[],
  options: ReadOptions = {},
): CoverageReport {
  try {
    return readCoverageReports(paths, shown, options);
  } catch (error) {
    if (error instanceof UsageError) throw new InputProblem(error.message);
    throw error;
  }
}
