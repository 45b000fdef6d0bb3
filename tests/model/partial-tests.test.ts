/**
 * A session may record any test figure alone. What nobody recorded must read "not recorded" —
 * never a negative claim such as "Not all tests passing" or "Warnings not yet at zero".
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchProjects } from '../helpers/project-copy.js';
import { runCli } from '../helpers/run-cli.js';

const project = scratchProjects('trackgen-partial-tests-');

async function generateWithTests(tests: Record<string, number>) {
  const dir = project();
  const path = join(dir, 'data/sessions/054.json');
  const record = readFileSync(path, 'utf8').replace(
    /"tests": \{[^}]*\}/,
    `"tests": ${JSON.stringify(tests)}`,
  );
  writeFileSync(path, record);
  const result = await runCli(['generate', '--force', 'all'], dir);
  expect(result.stderr).not.toMatch(/ {2}error {2}/);
  expect(result.code).toBe(0);
  return {
    tracker: readFileSync(join(dir, 'docs/PHASE_4_PROGRESS_TRACKER.md'), 'utf8'),
    summary: readFileSync(join(dir, 'docs/sessions/SESSION_54_SUMMARY.md'), 'utf8'),
  };
}

describe('test figures recorded alone', () => {
  it('renders only "created" as created, and every other figure as not recorded', async () => {
    const { tracker, summary } = await generateWithTests({ created: 102 });
    expect(tracker).toContain('- ✅ Created 102 tests\n');
    expect(tracker).toContain('- Warnings: not recorded\n');
    expect(tracker).toContain('- Tests passing: not recorded\n');
    expect(tracker).toContain('- Skipped tests: not recorded\n');
    expect(tracker).toContain('- **Total Tests**: not recorded\n');
    for (const text of [tracker, summary]) {
      expect(text).not.toContain('Not all tests passing');
      expect(text).not.toContain('Warnings not yet at zero');
      expect(text).not.toContain('n/a');
    }
    expect(summary).toContain('- **Tests Created**: 102\n');
    expect(summary).toContain('- **Suite**: not recorded (total not recorded)\n');
    expect(summary).toContain('- Tests passing: not recorded\n');
  });

  it('gives errors a place: pytest\'s "2730 passed, 1 skipped, 78 errors"', async () => {
    const { tracker, summary } = await generateWithTests({
      passing: 2730,
      skipped: 1,
      errors: 78,
    });
    expect(summary).toContain(
      '- **Suite**: 2,730 passing, 78 errors, 1 skipped (total not recorded)\n',
    );
    expect(summary).toContain('- ⏳ 2,730 passing, 78 errors, 1 skipped\n');
    expect(summary).toContain('- ⏳ 1 skipped test\n');
    expect(tracker).toContain('- ⏳ Not all tests passing\n');
    expect(tracker).toContain('- ⏳ Some tests skipped\n');
    expect(tracker).toContain('- Warnings: not recorded\n');
    expect(tracker).not.toContain('- ✅ Created');
  });

  it('says all passing only when the figures settle it', async () => {
    const { tracker } = await generateWithTests({ total: 40, passing: 40, warnings: 0 });
    expect(tracker).toContain('- ✅ All 40 tests passing\n');
    expect(tracker).toContain('- ✅ Zero warnings\n');
    expect(tracker).toContain('- **Total Tests**: 40 (all passing)\n');
  });
});

describe('test-file facts', () => {
  it('are counted in the test file when it is there, over the typed figures', async () => {
    const dir = project();
    mkdirSync(join(dir, 'tests'));
    writeFileSync(
      join(dir, 'tests/test_ai_model_manager.py'),
      'class TestA:\n    def test_one(self):\n        pass\n\n\nclass TestB:\n    async def test_two(self):\n        pass\n',
    );
    const result = await runCli(['generate'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      'data/sessions/054.json:21:18  warning  test-file-figure  testClasses: expected 2, the test classes in tests/test_ai_model_manager.py, found 16',
    );
    const summary = readFileSync(join(dir, 'docs/sessions/SESSION_54_SUMMARY.md'), 'utf8');
    expect(summary).toContain('- **Test Classes**: 2\n');
    expect(summary).toContain('- **Test File**: `tests/test_ai_model_manager.py` (8 lines)\n');
  });
});
