export { readIfExists } from '../fs/read-if-exists.js';
export { writeFilesAtomically, type FileToWrite, type WriteOutcome } from './atomic.js';
export { unifiedDiff, type UnifiedDiffOptions } from './diff.js';
