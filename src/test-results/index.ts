/** pytest's results (JUnit XML, the terminal summary line) and test-file facts, for records. */
export type { TestResults, ResultsProblem } from './results.js';
export { problemLine } from './results.js';
export { readTestResults, type ResultsInput, type ReadResults } from './read.js';
export { parseSummaryLine } from './summary-line.js';
export { writeTestResults, recordedTests } from './record-edits.js';
export { testFileFacts, type TestFileFacts } from './test-file.js';
export { readTestFiles, testFileDiagnostics, type TestFileFactsBySession } from './test-files.js';
