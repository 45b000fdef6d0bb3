import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRawReportBytes } from '../../src/coverage/index.js';
import { memorySource } from '../../src/coverage/cobertura/byte-source.js';
import { readCoveragePyJson } from '../../src/coverage/coveragepy-json/read-json.js';

/** A file entry whose summary disagrees with its lists: one warning, placed at the file's key. */
const mismatched = { executed_lines: [1], missing_lines: [2], summary: { missing_lines: 5 } };

describe('coverage.py JSON warnings are placed at their file key, all in one pass', () => {
  it('places a warning per file at its key line and column, after non-ASCII text too', () => {
    const names = ['é/a.py', '12', 'b\\"q.py', 'c.py', '𝒳.py'];
    const lines = [
      '{"meta": {"version": "7.4.0", "timestamp": "2024-01-02T03:04:05", "note": "ü"},',
      ' "files": {',
      ...names.map(
        (name, index) =>
          `  ${JSON.stringify(name)}: ${JSON.stringify(mismatched)}${index === names.length - 1 ? '' : ','}`,
      ),
      ' }',
      '}',
    ];
    const raw = readRawReportBytes(Buffer.from(lines.join('\n')), 'r.json');
    const warnings = raw.warnings ?? [];
    expect(warnings).toHaveLength(names.length);
    for (const [index, name] of names.entries())
      expect(warnings.find(({ message }) => message.startsWith(`"${name}": `))?.place).toEqual({
        file: 'r.json',
        line: 3 + index,
        column: 3,
      });
    // The timestamp is placed just after its key's colon.
    const column = (lines[0] ?? '').indexOf('"timestamp":') + '"timestamp":'.length + 1;
    expect(raw.timestamp?.place).toEqual({ file: 'r.json', line: 1, column });
  });

  it('places each warning at its key in "files" (never a nested or earlier one)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ maxLength: 6 }), { minLength: 1, maxLength: 8 }),
        (names) => {
          // Each name also appears as a key elsewhere, before its own key and inside values.
          const decoy = Object.fromEntries(names.map((name) => [name, { [name]: [name] }]));
          let text = `{"meta": ${JSON.stringify(decoy)}, "files": {`;
          const expected = new Map<string, number>();
          for (const [index, name] of names.entries()) {
            if (index > 0) text += ', ';
            expected.set(name, Buffer.byteLength(text));
            text += `${JSON.stringify(name)} : ${JSON.stringify({ ...mismatched, functions: decoy })}`;
          }
          text += '}}';
          const raw = readCoveragePyJson(memorySource(Buffer.from(text)), 0, 'r.json', 64);
          const placed = new Map(
            (raw.warnings ?? []).map(({ message, offset }) => [message, offset]),
          );
          for (const [name, offset] of expected)
            expect(
              placed.get(`"${name}": summary.missing_lines is 5 but "missing_lines" lists 1`),
            ).toBe(offset);
        },
      ),
    );
  });
});

describe('coverage.py JSON line lists', () => {
  it('give the same lines whether written sorted (one merge walk) or in any order', () => {
    const lineList = fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 30 });
    fc.assert(
      fc.property(
        lineList,
        lineList,
        lineList,
        fc.integer({ min: 0, max: 60 }),
        (executed, missing, excluded, statements) => {
          const read = (order: (list: number[]) => number[]) =>
            readRawReportBytes(
              Buffer.from(
                JSON.stringify({
                  meta: { version: '7.4.0' },
                  files: {
                    'a.py': {
                      executed_lines: order(executed),
                      missing_lines: order(missing),
                      excluded_lines: order(excluded),
                      summary: { num_statements: statements },
                    },
                  },
                }),
              ),
              'a.json',
            ).files[0];
          const sorted = read((list) => [...list].sort((a, b) => a - b));
          const reversed = read((list) => [...list].sort((a, b) => b - a));
          expect(sorted).toEqual(reversed);
        },
      ),
    );
  });
});
