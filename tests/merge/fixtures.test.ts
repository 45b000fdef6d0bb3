import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { mergeDocument, type MergeInput, type MergeResult } from '../../src/merge/index.js';
import { expectedFile, expectedFileOrAbsent } from '../helpers/expected-file.js';
import { expandNotation } from './fixture-notation.js';

/**
 * One folder per scenario: existing.md (absent: no file yet), fresh.md (the new rendering),
 * options.json (optional: {"force": "all" | ["id"], "adopt": true}), expected.md (absent: the
 * file must not be written) and expected-diagnostics.txt (diagnostics, section outcomes,
 * conflict diffs; a scenario without it fails). `UPDATE_FIXTURES=1 npx vitest run
 * tests/merge/fixtures.test.ts` rewrites the expected files; review them in the diff.
 */
const root = join(import.meta.dirname, '..', 'fixtures', 'merge');
const cases = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

function read(folder: string, name: string): string | undefined {
  const path = join(folder, name);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

function inputFor(folder: string, existing: string | undefined): MergeInput {
  const fresh = expandNotation(read(folder, 'fresh.md') ?? '');
  const options = JSON.parse(read(folder, 'options.json') ?? '{}') as {
    force?: 'all' | string[];
    adopt?: boolean;
  };
  const force =
    options.force === undefined
      ? undefined
      : options.force === 'all'
        ? 'all'
        : new Set(options.force);
  return {
    path: 'doc.md',
    existing,
    fresh,
    ...(force === undefined ? {} : { force }),
    ...(options.adopt === undefined ? {} : { adopt: options.adopt }),
  };
}

function report(result: MergeResult): string {
  const lines = [
    ...result.diagnostics.map(formatDiagnostic),
    `content: ${result.content === null ? 'not written' : result.changed ? 'changed' : 'unchanged'}`,
    `parsed: ${result.fullParse ? 'remark' : 'scanner only'}`,
    ...result.sections.map((section) => `section ${section.id}: ${section.status}`),
    ...result.conflicts.flatMap((conflict) => [
      `conflict ${conflict.sectionId} at line ${conflict.line}:`,
      conflict.diff.trimEnd(),
    ]),
  ];
  return `${lines.join('\n')}\n`;
}

describe('merge scenarios', () => {
  it('has scenarios', () => {
    expect(cases.length).toBeGreaterThan(20);
  });

  for (const name of cases) {
    it(name, async () => {
      const folder = join(root, name);
      const existingSource = read(folder, 'existing.md');
      const existing = existingSource === undefined ? undefined : expandNotation(existingSource);
      const input = inputFor(folder, existing);
      const result = await mergeDocument(input);
      const expectedPath = join(folder, 'expected.md');
      const reportPath = join(folder, 'expected-diagnostics.txt');
      const expectedReport = expectedFile(reportPath, report(result));
      const expected = expectedFileOrAbsent(expectedPath, result.content);
      expect(result.content).toBe(expected);
      expect(report(result)).toBe(expectedReport);

      if (result.content !== null) {
        // Every scenario doubles as an idempotence check: a second run changes no byte.
        const again = await mergeDocument({ ...input, existing: result.content, adopt: false });
        expect(again.content).toBe(result.content);
        expect(again.changed).toBe(false);
      }
    });
  }
});
