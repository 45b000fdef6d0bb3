/**
 * Facts about a pytest test file, computed from its source so that nobody types them: test
 * functions (`def test_*` and `async def test_*` at any indent, methods included), test classes
 * (`class Test*`) and lines. A scan of the source, not a Python parser: a `def test_` inside a
 * string counts too, which real test files do not hold.
 */
export interface TestFileFacts {
  readonly testFunctions: number;
  readonly testClasses: number;
  readonly lines: number;
}

const TEST_FUNCTION = /^[ \t]*(?:async[ \t]+)?def[ \t]+test\w*[ \t]*\(/gm;
const TEST_CLASS = /^[ \t]*class[ \t]+Test\w*[ \t]*[(:]/gm;

export function testFileFacts(source: string): TestFileFacts {
  const text = source.replace(/^\uFEFF/, '');
  const newlines = text.match(/\n/g)?.length ?? 0;
  return {
    testFunctions: text.match(TEST_FUNCTION)?.length ?? 0,
    testClasses: text.match(TEST_CLASS)?.length ?? 0,
    lines: text === '' ? 0 : newlines + (text.endsWith('\n') ? 0 : 1),
  };
}
