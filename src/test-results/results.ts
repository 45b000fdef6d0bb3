/**
 * What a pytest run counted, as trackgen records it. Each figure is undefined when the inputs
 * read cannot tell it: JUnit XML knows no warnings and cannot tell an unexpected pass (xpass)
 * from a pass; pytest's summary line knows no total.
 */
export interface TestResults {
  /** Distinct tests (class and name) in the JUnit XML. */
  readonly total?: number;
  /** pytest's "passed"; from JUnit XML alone it includes the xpassed tests. */
  readonly passed?: number;
  readonly failed?: number;
  /** Setup, teardown and collection errors: a test may fail (or pass) and error too. */
  readonly errors?: number;
  readonly skipped?: number;
  readonly xfailed?: number;
  readonly xpassed?: number;
  readonly warnings?: number;
}

/** A problem with one input file: printed as one line, `file:line:column: message`. */
export interface ResultsProblem {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

export function problemLine(problem: ResultsProblem): string {
  const place =
    problem.line === undefined
      ? problem.file
      : `${problem.file}:${problem.line}:${problem.column ?? 1}`;
  return `${place}: ${problem.message}`;
}
