export {
  readIfExists,
  writeFilesAtomically,
  type FileToWrite,
  type WriteOutcome,
} from './atomic.js';
export { unifiedDiff, type UnifiedDiffOptions } from './diff.js';
