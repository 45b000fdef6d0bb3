export { readIfExists } from '../fs/read-if-exists.js';
export {
  writeFilesAtomically,
  type FileToWrite,
  type WriteOptions,
  type WriteOutcome,
} from './atomic.js';
export type { WriteBounds } from './safe-path.js';
export { unifiedDiff, type UnifiedDiffOptions } from './diff.js';
