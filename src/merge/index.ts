export { wrapSection, hashBody, HASH_LENGTH } from './markers.js';
export { mergeDocument } from './merge.js';
export { acceptSections } from './accept.js';
export { sectionSpans, type SectionSpan } from './spans.js';
export type {
  AcceptInput,
  AcceptResult,
  Conflict,
  MergeInput,
  MergeResult,
  SectionOutcome,
  SectionStatus,
} from './types.js';
