import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testFileFacts } from '../../src/test-results/index.js';
import { repoRoot } from '../helpers/run-cli.js';

describe('test-file facts', () => {
  it('counts test functions (async and methods too), test classes and lines', () => {
    const source = readFileSync(
      join(repoRoot, 'tests/fixtures/test-results/pytest-run/test_sample.py'),
      'utf8',
    );
    expect(testFileFacts(source)).toEqual({
      testFunctions: 13,
      testClasses: 1,
      lines: source.split('\n').length - 1,
    });
  });

  it('leaves out helpers, fixtures and classes not named Test*', () => {
    const source = [
      'class Helper:',
      '    def test_not_a_test_class_method(self): pass',
      'class TestThing(Base):',
      '    async   def  test_a (self): pass',
      'def helper_test(): pass',
      'def testing(): pass',
      'no_newline_at_end = 1',
    ].join('\n');
    expect(testFileFacts(source)).toEqual({ testFunctions: 3, testClasses: 1, lines: 7 });
  });

  it('counts lines as an editor does, with or without a final line break (lines that are not empty)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z ]+$/), { minLength: 1 }),
        fc.boolean(),
        (lines, end) => {
          const text = lines.join('\n') + (end ? '\n' : '');
          expect(testFileFacts(text).lines).toBe(lines.length);
        },
      ),
    );
  });
});
