import { describe, expect, it } from 'vitest';
import * as merge from '../../src/merge/index.js';
import * as write from '../../src/write/index.js';

describe('public API', () => {
  it('exports exactly these names', () => {
    expect(Object.keys(merge).sort()).toEqual([
      'HASH_LENGTH',
      'acceptSections',
      'hashBody',
      'mergeDocument',
      'sectionSpans',
      'wrapSection',
    ]);
    expect(Object.keys(write).sort()).toEqual([
      'readIfExists',
      'unifiedDiff',
      'writeFilesAtomically',
    ]);
  });
});
