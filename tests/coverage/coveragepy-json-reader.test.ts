/**
 * The byte-level coverage.py JSON reader against the JSON.parse-based reader it replaced
 * (tests/coverage/reference): random documents of coverage.py's shape, written with random
 * blank space, escapes, number spellings, key orders and repeated keys, read to the same
 * RawReport (or refused with the same message at the same byte); random corruptions refused
 * with one positioned message, never another kind of error.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memorySource } from '../../src/coverage/cobertura/byte-source.js';
import { readCoveragePyJson } from '../../src/coverage/coveragepy-json/read-json.js';
import { MAX_JSON_CONTAINERS } from '../../src/coverage/coveragepy-json/json-limits.js';
import { readRawReportBytes, ReportFileError } from '../../src/coverage/index.js';
import { ScanError, type RawReport } from '../../src/coverage/raw/raw-report.js';
import { readWithJsonParse } from './reference/old-reader.js';

/** A JSON value as written: numbers keep their spelling, objects their order and repeats. */
type Node =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'literal'; readonly text: 'true' | 'false' | 'null' }
  | { readonly kind: 'array'; readonly items: readonly Node[] }
  | { readonly kind: 'object'; readonly members: readonly (readonly [string, Node])[] };

const num = (value: number): Node => ({ kind: 'number', value });
const str = (value: string): Node => ({ kind: 'string', value });
const arr = (items: readonly Node[]): Node => ({ kind: 'array', items });
const obj = (members: readonly (readonly [string, Node])[]): Node => ({ kind: 'object', members });
const lines = (values: readonly number[]): Node => arr(values.map(num));

function fromValue(value: unknown): Node {
  if (value === null) return { kind: 'literal', text: 'null' };
  if (typeof value === 'boolean') return { kind: 'literal', text: value ? 'true' : 'false' };
  if (typeof value === 'number') return num(value);
  if (typeof value === 'string') return str(value);
  if (Array.isArray(value)) return arr(value.map(fromValue));
  return obj(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, fromValue(v)]));
}

/** A small deterministic generator: the writing choices follow from one seed. */
function chooser(seed: number): (count: number) => number {
  let state = seed >>> 0 || 1;
  return (count) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % count;
  };
}

const BLANKS = ['', '', '', ' ', '\n', '\t', '\r\n  '];

function write(node: Node, pick: (count: number) => number): string {
  const blank = () => BLANKS[pick(BLANKS.length)] ?? '';
  switch (node.kind) {
    case 'literal':
      return node.text;
    case 'number':
      return numberText(node.value, pick);
    case 'string':
      return stringText(node.value, pick);
    case 'array':
      return `[${blank()}${node.items.map((item) => `${write(item, pick)}${blank()}`).join(`,${blank()}`)}]`;
    case 'object':
      return `{${blank()}${node.members
        .map(
          ([key, value]) =>
            `${stringText(key, pick)}${blank()}:${blank()}${write(value, pick)}${blank()}`,
        )
        .join(`,${blank()}`)}}`;
  }
}

function numberText(value: number, pick: (count: number) => number): string {
  const plain = JSON.stringify(value);
  if (!Number.isInteger(value) || Math.abs(value) > 1e15) return plain;
  switch (pick(8)) {
    case 0:
      return `${plain}.0`;
    case 1:
      return `${plain}e0`;
    case 2:
      return value === 0 ? plain : `${plain}00E-2`;
    case 3:
      return value % 10 === 0 && value !== 0 ? `${value / 10}e+1` : plain;
    default:
      return plain;
  }
}

function stringText(value: string, pick: (count: number) => number): string {
  let text = '"';
  for (const unit of value.split('')) {
    const code = unit.charCodeAt(0);
    const choice = pick(6);
    if (unit === '"' || unit === '\\') text += `\\${unit}`;
    else if (code < 0x20 || choice === 0 || (code >= 0xd800 && code <= 0xdfff))
      text += `\\u${code.toString(16).padStart(4, '0')}`;
    else if (unit === '/' && choice === 1) text += '\\/';
    else text += unit;
  }
  return `${text}"`;
}

const lineNumber = fc.integer({ min: 0, max: 60 });
const lineList = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.uniqueArray(lineNumber, { maxLength: 12 }).map((l) => l.sort((a, b) => a - b)),
  },
  { weight: 1, arbitrary: fc.array(lineNumber, { maxLength: 12 }) },
);
const arcList = fc.array(fc.tuple(lineNumber, fc.oneof(lineNumber, fc.constantFrom(-1, -2))), {
  maxLength: 8,
});
const sortedArcs = arcList.map((arcs) => arcs.sort(([a, b], [c, d]) => a - c || b - d));
const generic = fc.jsonValue({ maxDepth: 3 }).map(fromValue);
const keyName = fc.string({ maxLength: 5 }).filter((key) => !key.includes('timestamp'));

/** A value that breaks a list's shape now and then. */
const broken: fc.Arbitrary<Node> = fc.constantFrom(
  str('1'),
  lines([1, -1]),
  arr([num(1.5)]),
  arr([num(2 ** 60)]),
  arr([arr([num(1)])]),
  { kind: 'literal', text: 'null' } as Node,
  obj([]),
);

const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 2 });

const summary = fc
  .record({
    counts: fc.array(
      fc.tuple(
        fc.constantFrom(
          'num_statements',
          'missing_lines',
          'excluded_lines',
          'num_branches',
          'num_partial_branches',
          'covered_branches',
          'missing_branches',
          'covered_lines',
        ),
        fc.oneof(
          { weight: 12, arbitrary: fc.integer({ min: 0, max: 40 }).map(num) },
          {
            weight: 1,
            arbitrary: fc.constantFrom(num(-1), num(1e20), num(2.5), str('3'), arr([])),
          },
        ),
      ),
      { maxLength: 9 },
    ),
    percent: fc.double({ min: 0, max: 100, noNaN: true }),
  })
  .map(({ counts, percent }) =>
    obj([...counts, ['percent_covered', num(percent)], ['percent_covered_display', str('50')]]),
  );

const region = fc
  .record({
    executed_lines: maybe(lineList),
    missing_lines: maybe(lineList),
    excluded_lines: maybe(lineList),
  })
  .map((lists) =>
    obj(
      Object.entries(lists).flatMap(([key, list]) =>
        list === undefined ? [] : [[key, lines(list)] as const],
      ),
    ),
  );
const regions = fc
  .array(fc.tuple(fc.constantFrom('', 'f', 'C.m', 'g', '7'), fc.oneof(region, region, generic)), {
    maxLength: 4,
  })
  .map(obj);

const fileEntry = fc
  .record({
    executed: fc.oneof(
      { weight: 20, arbitrary: lineList.map(lines) },
      { weight: 1, arbitrary: broken },
    ),
    missing: fc.oneof(
      { weight: 20, arbitrary: lineList.map(lines) },
      { weight: 1, arbitrary: broken },
    ),
    excluded: maybe(
      fc.oneof({ weight: 8, arbitrary: lineList.map(lines) }, { weight: 1, arbitrary: broken }),
    ),
    executedArcs: maybe(
      fc.oneof(
        { weight: 8, arbitrary: fc.oneof(sortedArcs, arcList).map((arcs) => arr(arcs.map(lines))) },
        { weight: 1, arbitrary: broken },
      ),
    ),
    missingArcs: maybe(
      fc.oneof(
        { weight: 8, arbitrary: sortedArcs.map((arcs) => arr(arcs.map(lines))) },
        { weight: 1, arbitrary: broken },
      ),
    ),
    summary: maybe(fc.oneof({ weight: 8, arbitrary: summary }, { weight: 1, arbitrary: generic })),
    functions: maybe(regions),
    classes: maybe(regions),
    extra: fc.array(fc.tuple(keyName, generic), { maxLength: 2 }),
    repeat: fc.boolean(),
  })
  .map((file): Node => {
    const members: [string, Node][] = [
      ['executed_lines', file.executed],
      ['missing_lines', file.missing],
    ];
    const add = (key: string, value: Node | undefined) => {
      if (value !== undefined) members.push([key, value]);
    };
    add('excluded_lines', file.excluded);
    add('executed_branches', file.executedArcs);
    add('missing_branches', file.missingArcs);
    add('summary', file.summary);
    add('functions', file.functions);
    add('classes', file.classes);
    members.push(...file.extra);
    // A repeated key: JSON.parse keeps the last.
    if (file.repeat) members.unshift(['missing_lines', lines([999])]);
    return obj(members);
  });

const fileName = fc.constantFrom(
  'a.py',
  'b.py',
  'pkg/c.py',
  'é/d.py',
  '𝒳.py',
  '12',
  '3',
  'q"\\.py',
);

const report = fc
  .record({
    files: fc.array(
      fc.tuple(
        fileName,
        fc.oneof({ weight: 12, arbitrary: fileEntry }, { weight: 1, arbitrary: generic }),
      ),
      {
        maxLength: 5,
      },
    ),
    branch: fc.constantFrom<Node>(
      { kind: 'literal', text: 'true' },
      { kind: 'literal', text: 'false' },
      num(1),
    ),
    timestamp: maybe(
      fc.oneof(fc.constantFrom(str('2024-01-02T03:04:05'), str('ü 2024'), num(17)), generic),
    ),
    metaExtra: fc.array(fc.tuple(keyName, generic), { maxLength: 2 }),
    totals: generic,
    order: fc.integer({ min: 0, max: 5 }),
    filesTwice: fc.boolean(),
  })
  .map((doc): Node => {
    const meta = obj([
      ['format', num(3)],
      ['version', str('7.6.1')],
      ...(doc.timestamp === undefined ? [] : [['timestamp', doc.timestamp] as const]),
      ['branch_coverage', doc.branch],
      ...doc.metaExtra,
    ]);
    const parts: [string, Node][] = [
      ['meta', meta],
      ['files', obj(doc.files)],
      ['totals', doc.totals],
    ];
    const rotated = [...parts.slice(doc.order % 3), ...parts.slice(0, doc.order % 3)];
    if (doc.filesTwice) rotated.unshift(['files', obj([['gone.py', lines([1])]])]);
    return obj(rotated);
  });

/** Window sizes from tiny (the window moves on, or grows, within almost every member) to whole. */
const window = fc.oneof(
  fc.integer({ min: 1, max: 64 }),
  fc.integer({ min: 65, max: 4096 }),
  fc.constant(undefined),
);

type Outcome =
  | { readonly raw: RawReport }
  | { readonly error: { readonly offset: number | undefined; readonly message: string } };

/**
 * What a read came to. The timestamp's place is compared apart: the old reader placed it at
 * the first `"timestamp"` anywhere in the text (nowhere when the key was written with escapes),
 * the new one just after the colon of meta's own key.
 */
function outcome(read: () => RawReport, bytes?: Buffer): Outcome {
  try {
    const raw = read();
    if (raw.timestamp === undefined) return { raw };
    if (bytes !== undefined) expect(bytes[(raw.timestamp.offset ?? 0) - 1]).toBe(0x3a);
    return { raw: { ...raw, timestamp: { value: raw.timestamp.value, offset: undefined } } };
  } catch (error) {
    if (!(error instanceof ScanError)) throw error;
    return { error: { offset: error.offset, message: error.message } };
  }
}

describe('the byte-level coverage.py JSON reader', () => {
  it('reads random coverage.py documents as the JSON.parse-based reader did', () => {
    fc.assert(
      fc.property(
        report,
        fc.integer(),
        fc.boolean(),
        window,
        (document, seed, bom, windowBytes) => {
          const text = write(document, chooser(seed));
          const body = Buffer.from(text);
          const bytes = bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
          const fresh = outcome(
            () => readCoveragePyJson(memorySource(bytes), bom ? 3 : 0, 'r.json', windowBytes),
            bytes,
          );
          const reference = outcome(() => readWithJsonParse(body, 'r.json'));
          const shifted = (result: Outcome): Outcome => {
            if (!bom) return result;
            const shift = (offset: number | undefined) =>
              offset === undefined ? undefined : offset + 3;
            if ('error' in result)
              return { error: { ...result.error, offset: shift(result.error.offset) } };
            const { raw } = result;
            return {
              raw: {
                ...raw,
                ...(raw.warnings === undefined
                  ? {}
                  : {
                      warnings: raw.warnings.map((warning) => ({
                        ...warning,
                        offset: shift(warning.offset),
                      })),
                    }),
              },
            };
          };
          expect(fresh).toEqual(shifted(reference));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('refuses a random corruption with one positioned message, or reads it as JSON.parse does', () => {
    const noise = fc.constantFrom(
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      '"',
      '\\',
      '0',
      '-',
      '.',
      'e',
      'x',
      ' ',
      '\u0001',
      'é',
      'tru',
    );
    fc.assert(
      fc.property(
        report,
        fc.integer(),
        fc.array(fc.tuple(fc.nat(), fc.nat(3), noise), { minLength: 1, maxLength: 3 }),
        window,
        (document, seed, edits, windowBytes) => {
          let text = write(document, chooser(seed));
          for (const [at, action, inserted] of edits) {
            const place = at % (text.length + 1);
            if (action === 0) text = text.slice(0, place) + text.slice(place + 1);
            else if (action === 1) text = text.slice(0, place) + inserted + text.slice(place);
            else if (action === 2) text = text.slice(0, place);
            else text = text.slice(0, place) + inserted + text.slice(place + 1);
          }
          const bytes = Buffer.from(text);
          let parses = true;
          try {
            JSON.parse(text);
          } catch {
            parses = false;
          }
          if (parses) {
            expect(
              outcome(
                () => readCoveragePyJson(memorySource(bytes), 0, 'c.json', windowBytes),
                bytes,
              ),
            ).toEqual(outcome(() => readWithJsonParse(bytes, 'c.json')));
            return;
          }
          let thrown: unknown;
          expect(
            outcome(() => readCoveragePyJson(memorySource(bytes), 0, 'c.json', windowBytes)),
          ).toEqual(outcome(() => readCoveragePyJson(memorySource(bytes), 0, 'c.json', undefined)));
          try {
            readRawReportBytes(bytes, 'c.json');
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeInstanceOf(ReportFileError);
          // A report cut down to blank space or to other text is named without a place.
          expect((thrown as Error).message).toMatch(
            /^c\.json(:\d+:\d+: not valid JSON: expected .+, found .+|: (the file is|expected|this is an?) .+)$/,
          );
          expect((thrown as Error).message.split('\n')).toHaveLength(1);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('follows nesting of any depth without the call stack, and counts containers as it goes', () => {
    const depth = 1_000_000;
    const deep = `{"meta": {"x": ${'['.repeat(depth)}${']'.repeat(depth)}}, "files": {"a.py": {"executed_lines": [1], "missing_lines": []}}}`;
    expect(readRawReportBytes(Buffer.from(deep), 'deep.json').files).toHaveLength(1);
    const hostile = Buffer.from(`{"files": {"a.py": ${'['.repeat(10_000_000)}`);
    expect(() => readRawReportBytes(hostile, 'hostile.json')).toThrow(
      new RegExp(
        `^hostile\\.json:1:${20 + MAX_JSON_CONTAINERS - 2}: expected a coverage\\.py report of at most [\\d,]+ arrays and objects, found more`,
      ),
    );
  });

  it('gives one message naming what was expected and what was found', () => {
    const cases: [string, string][] = [
      ['{"files": {"a.py": ', '1:20: not valid JSON: expected a value, found the end of the file'],
      [
        '{"files": {"a.py": {"executed_lines": [1,,2]}}}',
        '1:42: not valid JSON: expected a value, found ","',
      ],
      [
        '{"files": {} "meta": {}}',
        '1:14: not valid JSON: expected "," or "}" after a value in an object, found "\\""',
      ],
      ['{"files": {}}}', '1:14: not valid JSON: expected nothing after the JSON value, found "}"'],
      [
        '{"files": {"a\\q": 1}}',
        '1:15: not valid JSON: expected an escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u and four hex digits) after \\, found "q"',
      ],
      [
        '{"files": {"a": [01]}}',
        '1:19: not valid JSON: expected "," or "]" after a value in an array, found "1"',
      ],
      [
        '{"files": {"a": 1.}}',
        '1:19: not valid JSON: expected a digit after the decimal point, found "}"',
      ],
      ['{"files": {"a": undefined}}', '1:17: not valid JSON: expected a value, found "undefined"'],
      [
        '{"files": {"é": "x\ny"}}',
        '1:19: not valid JSON: expected a character of the string or its closing double quote, found a control character (U+000A)',
      ],
    ];
    for (const [text, message] of cases)
      expect(() => readRawReportBytes(Buffer.from(text), 'b.json')).toThrow(`b.json:${message}`);
  });
});
