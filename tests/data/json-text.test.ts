/**
 * The fast JSON reader (JSON.parse, positions found from the text when a problem needs one) holds
 * to the reader it replaced (jsonc-parser's tree for every file): the same value, the same
 * diagnostics at the same places for any text, and the same offsets for every path and key.
 */
import fc from 'fast-check';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import {
  locate,
  locateKey,
  parseJsonText,
  parseJsonTextWithParser,
  type JsonPath,
} from '../../src/data/json-text.js';

const BLANKS = [' ', '\n', '\r\n', '\t', ''] as const;

interface Layout {
  readonly blanks: readonly number[];
  readonly escapeKeys: boolean;
  readonly duplicate: boolean;
}

/** JSON text of `value` with blanks chosen by `layout`, keys \u-escaped or a key given twice. */
function write(value: unknown, layout: Layout): string {
  let turn = 0;
  const blank = (): string => BLANKS[(layout.blanks[turn++ % layout.blanks.length] ?? 0) % 5] ?? '';
  const key = (name: string): string =>
    layout.escapeKeys && name.length > 0
      ? `"\\u${name.charCodeAt(0).toString(16).padStart(4, '0')}${JSON.stringify(name.slice(1)).slice(1)}`
      : JSON.stringify(name);
  const visit = (current: unknown): string => {
    if (Array.isArray(current))
      return `[${blank()}${current.map((element) => visit(element)).join(`,${blank()}`)}${blank()}]`;
    if (current !== null && typeof current === 'object') {
      const entries = Object.entries(current).map(
        ([name, inner]) => `${key(name)}${blank()}:${blank()}${visit(inner)}`,
      );
      if (layout.duplicate && entries.length > 0) entries.push(entries[0] ?? '');
      return `{${blank()}${entries.join(`,${blank()}`)}${blank()}}`;
    }
    return JSON.stringify(current);
  };
  return `${blank()}${visit(value)}${blank()}`;
}

const layout = fc.record({
  blanks: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
  escapeKeys: fc.boolean(),
  duplicate: fc.boolean(),
});

/** Characters that break JSON in the ways people break it, and some jsonc-parser reads alone. */
const BREAKERS = [
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '"',
  '\\',
  '/',
  '/*',
  '//',
  'a',
  '1',
  '-',
  '0',
  '.',
  'e',
  ' ',
  '\n',
  '\u00a0',
  '\u2028',
  '\v',
  '\u0001',
  'true',
  'null',
];

const text = fc.oneof(
  fc.tuple(fc.jsonValue({ maxDepth: 4 }), layout).map(([value, chosen]) => write(value, chosen)),
  fc
    .tuple(
      fc.jsonValue({ maxDepth: 3 }),
      layout,
      fc.nat(),
      fc.constantFrom(...BREAKERS),
      fc.boolean(),
    )
    .map(([value, chosen, at, breaker, remove]) => {
      const written = write(value, chosen);
      const cut = at % (written.length + 1);
      return remove
        ? written.slice(0, cut) + written.slice(cut + 1)
        : written.slice(0, cut) + breaker + written.slice(cut);
    }),
  fc.string({ maxLength: 12 }),
);

const withBom = fc.tuple(text, fc.boolean()).map(([body, bom]) => (bom ? `\uFEFF${body}` : body));

function pathsOf(value: unknown, prefix: JsonPath = []): JsonPath[] {
  const paths: JsonPath[] = [prefix];
  if (Array.isArray(value))
    value.forEach((element, index) => paths.push(...pathsOf(element, [...prefix, index])));
  else if (value !== null && typeof value === 'object')
    for (const [name, inner] of Object.entries(value))
      paths.push(...pathsOf(inner, [...prefix, name]));
  return paths;
}

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([name, inner]) => [name, ...stringsOf(inner)]);
  return [];
}

/** What locate answered when every file had its tree. */
function treeLocate(tree: Node | undefined, path: JsonPath): { offset: number; exact: boolean } {
  for (let length = path.length; length >= 0; length--) {
    const node =
      tree === undefined ? undefined : findNodeAtLocation(tree, [...path.slice(0, length)]);
    if (node !== undefined) return { offset: node.offset, exact: length === path.length };
  }
  return { offset: 0, exact: false };
}

function treeLocateKey(tree: Node | undefined, path: JsonPath, key: string): number {
  const object = tree === undefined ? undefined : findNodeAtLocation(tree, [...path]);
  const property = object?.children?.find((child) => child.children?.[0]?.value === key);
  return property?.offset ?? object?.offset ?? 0;
}

describe('the JSON reader', () => {
  it('gives the value and the diagnostics jsonc-parser gives, for any text', () => {
    fc.assert(
      fc.property(withBom, (raw) => {
        const fast = parseJsonText('data/x.json', raw);
        const reference = parseJsonTextWithParser('data/x.json', raw);
        expect(fast.diagnostics).toEqual(reference.diagnostics);
        expect(fast.parsed === undefined).toBe(reference.parsed === undefined);
        expect(fast.parsed?.value).toEqual(reference.parsed?.value);
        expect(fast.parsed?.text).toBe(reference.parsed?.text);
      }),
      { numRuns: 3000 },
    );
  });

  it('places every path and key where the syntax tree places them', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 4 }),
        layout.map((chosen) => ({ ...chosen, duplicate: false })),
        fc.string({ maxLength: 3 }),
        (value, chosen, stray) => {
          const parsed = parseJsonText('x.json', write(value, chosen)).parsed;
          if (parsed === undefined) throw new Error('a written value must parse');
          const tree = parseTree(parsed.text);
          const keys = [...stringsOf(value), stray];
          for (const path of pathsOf(value)) {
            for (const probe of [path, [...path, stray], [...path, 0], [...path, 1, stray]]) {
              expect(locate(parsed, probe)).toEqual(treeLocate(tree, probe));
              const position = parsed.lines.position(locate(parsed, probe).offset);
              expect(position.line).toBeGreaterThan(0);
            }
            for (const key of keys)
              expect(locateKey(parsed, path, key)).toBe(treeLocateKey(tree, path, key));
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('finds a key written with escapes, and the first of two same keys', () => {
    const text = '{"a": 1, "\\u0062": [2, {"c": 3}], "b": 4, "a": 5}';
    const fast = parseJsonText('x.json', text);
    expect(fast.diagnostics).toEqual(parseJsonTextWithParser('x.json', text).diagnostics);
    expect(fast.diagnostics.map(({ rule, column }) => [rule, column])).toEqual([
      ['duplicate-key', text.indexOf('"b"') + 1],
      ['duplicate-key', text.lastIndexOf('"a"') + 1],
    ]);
    const parsed = fast.parsed;
    if (parsed === undefined) throw new Error('expected the text to parse');
    expect(locate(parsed, ['a'])).toEqual({ offset: text.indexOf('1'), exact: true });
    expect(locate(parsed, ['b', 1, 'c'])).toEqual({ offset: text.indexOf('3'), exact: true });
    expect(locateKey(parsed, [], 'b')).toBe(text.indexOf('"\\u0062"'));
    expect(locate(parsed, ['b', 1, 'd'])).toEqual({ offset: text.indexOf('{"c"'), exact: false });
  });
});
