/**
 * Parses a data file's text into a value, keeping the text so every later problem — a syntax
 * error or a schema error deep inside — can name its line and column.
 * trackgen reads strict JSON: no comments, no trailing commas (decided so that every other tool,
 * Python's json module included, reads the same records). A BOM is tolerated with a warning.
 *
 * Most files are valid: JSON.parse reads them, and positions are found from the text only when a
 * problem needs one (json-path-offset.ts). A text JSON.parse refuses, or one with a key twice, is
 * parsed again with jsonc-parser, whose errors carry offsets and name what was expected.
 */
import {
  getNodeValue,
  parseTree,
  printParseErrorCode,
  type Node,
  type ParseError,
} from 'jsonc-parser';
import type { Diagnostic } from '../diagnostics.js';
import { LineIndex } from '../text/position.js';
import { keyOffsetAtPath, offsetAtPath, stringEnd } from './json-path-offset.js';

export type JsonPath = readonly (string | number)[];

export interface ParsedJson {
  readonly file: string;
  readonly text: string;
  readonly value: unknown;
  readonly lines: LineIndex;
}

export interface JsonParseResult {
  readonly parsed: ParsedJson | undefined;
  readonly diagnostics: Diagnostic[];
}

const BOM = '\uFEFF';

type PlaceProblem = (
  offset: number,
  severity: Diagnostic['severity'],
  rule: Diagnostic['rule'],
  message: string,
) => Diagnostic;

/** The line index is built on the first position asked for: most files never need one. */
class ParsedText implements ParsedJson {
  private index: LineIndex | undefined;

  constructor(
    readonly file: string,
    readonly text: string,
    readonly value: unknown,
  ) {}

  get lines(): LineIndex {
    this.index ??= new LineIndex(this.text);
    return this.index;
  }
}

export function parseJsonText(file: string, rawText: string): JsonParseResult {
  return parse(file, rawText, false);
}

/**
 * Always through jsonc-parser, as every text was read before JSON.parse took the valid ones:
 * the reference the fast path is held to (tests/data/json-text.test.ts).
 */
export function parseJsonTextWithParser(file: string, rawText: string): JsonParseResult {
  return parse(file, rawText, true);
}

function parse(file: string, rawText: string, withParser: boolean): JsonParseResult {
  const diagnostics: Diagnostic[] = [];
  const hasBom = rawText.startsWith(BOM);
  // Blank out the BOM rather than cut it, so offsets stay those of the file.
  const text = hasBom ? ` ${rawText.slice(1)}` : rawText;
  let lines: LineIndex | undefined;
  const at: PlaceProblem = (offset, severity, rule, message) => {
    lines ??= new LineIndex(text);
    return { file, ...lines.position(offset), severity, rule, message };
  };

  if (hasBom) {
    diagnostics.push(
      at(
        0,
        'warning',
        'bom',
        'the file starts with a byte-order mark (BOM); JSON files should be saved as UTF-8 without one',
      ),
    );
  }
  if (text.trim() === '') {
    diagnostics.push(at(0, 'error', 'syntax', 'expected a JSON object, found an empty file'));
    return { parsed: undefined, diagnostics };
  }

  const structure = scanStructure(text);
  if (structure.tooDeep !== -1) {
    diagnostics.push(
      at(
        structure.tooDeep,
        'error',
        'too-large',
        `expected arrays and objects nested at most ${MAX_JSON_DEPTH} deep, found deeper nesting here`,
      ),
    );
    return { parsed: undefined, diagnostics };
  }

  const value = withParser ? undefined : parseStrictly(text);
  // Outside strings a colon ends a key: as many keys in the value as colons in the text means
  // no key was given twice (JSON.parse keeps the last of two without a word).
  if (value !== undefined && countKeys(value.parsed) === structure.colons) {
    return { parsed: new ParsedText(file, text, value.parsed), diagnostics };
  }
  return parseWithPositions(file, text, at, diagnostics);
}

function parseStrictly(text: string): { parsed: unknown } | undefined {
  try {
    return { parsed: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

function countKeys(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  if (Array.isArray(value)) {
    let count = 0;
    for (const element of value) count += countKeys(element);
    return count;
  }
  let count = 0;
  for (const key in value) count += 1 + countKeys((value as Record<string, unknown>)[key]);
  return count;
}

/** The text JSON.parse refused or read with a key twice: jsonc-parser says what and where. */
function parseWithPositions(
  file: string,
  text: string,
  at: PlaceProblem,
  diagnostics: Diagnostic[],
): JsonParseResult {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  const seenOffsets = new Set<number>();
  for (const error of errors) {
    // One mistake can raise two errors at the same spot (a trailing comma in an object).
    if (seenOffsets.has(error.offset)) continue;
    seenOffsets.add(error.offset);
    diagnostics.push(at(error.offset, 'error', 'syntax', describeSyntaxError(text, error)));
  }
  if (tree === undefined || errors.length > 0) return { parsed: undefined, diagnostics };

  diagnostics.push(
    ...findDuplicateKeys(tree).map((key) =>
      at(
        key.offset,
        'error',
        'duplicate-key',
        `key "${String(key.value)}" appears more than once in this object; JSON readers keep only one of them`,
      ),
    ),
  );
  return { parsed: new ParsedText(file, text, getNodeValue(tree)), diagnostics };
}

/**
 * Records are a handful of levels deep; the parser, the schema and every walker after them
 * recurse, so deeper nesting is refused before any of them runs.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * One pass over the text: the offset of the bracket that opens level MAX_JSON_DEPTH + 1 (or -1),
 * and the colons outside strings. Strings are jumped over with indexOf: most of a record is text.
 */
function scanStructure(text: string): { tooDeep: number; colons: number } {
  let depth = 0;
  let colons = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x22 /* " */) {
      index = stringEnd(text, index) - 1;
    } else if (code === 0x3a /* : */) {
      colons++;
    } else if (code === 0x5b /* [ */ || code === 0x7b /* { */) {
      if (++depth > MAX_JSON_DEPTH) return { tooDeep: index, colons };
    } else if (code === 0x5d /* ] */ || code === 0x7d /* } */) {
      depth--;
    }
  }
  return { tooDeep: -1, colons };
}

function describeSyntaxError(text: string, error: ParseError): string {
  const found = describeToken(text, error.offset, error.length);
  const code = printParseErrorCode(error.error);
  const nextToken = text.slice(error.offset).trimStart()[0];
  switch (code) {
    case 'InvalidCommentToken':
      return `expected JSON, found a comment: trackgen data files are strict JSON, move the note into a "notes" field`;
    case 'PropertyNameExpected':
      return nextToken === '}'
        ? `expected another "key": value, found "}" after a comma: remove the trailing comma`
        : `expected a property name in double quotes, found ${found}`;
    case 'ValueExpected':
      return nextToken === ']'
        ? `expected another value, found "]" after a comma: remove the trailing comma`
        : `expected a value, found ${found}`;
    case 'CommaExpected':
      return `expected a comma or a closing bracket, found ${found}`;
    case 'ColonExpected':
      return `expected ":" after the key, found ${found}`;
    case 'CloseBraceExpected':
      return `expected "}" to close the object, found ${found}`;
    case 'CloseBracketExpected':
      return `expected "]" to close the array, found ${found}`;
    case 'EndOfFileExpected':
      return `expected the end of the file after the top-level value, found ${found}`;
    case 'UnexpectedEndOfString':
      return 'expected a closing double quote, found the end of the line or file';
    case 'InvalidEscapeCharacter':
      return `expected a valid escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX), found ${found}`;
    case 'InvalidUnicode':
      return `expected four hex digits after \\u, found ${found}`;
    case 'InvalidNumberFormat':
    case 'UnexpectedEndOfNumber':
      return `expected a number, found ${found}`;
    case 'InvalidCharacter':
      return `expected a printable character, found a control character ${found} inside a string (write it as an escape such as \\n)`;
    default:
      return `expected valid JSON, found ${found}`;
  }
}

function describeToken(text: string, offset: number, length: number): string {
  if (offset >= text.length) return 'the end of the file';
  const token = text.slice(offset, offset + Math.max(length, 1));
  const shown = token.length > 30 ? `${token.slice(0, 30)}…` : token;
  return JSON.stringify(shown);
}

function findDuplicateKeys(node: Node): Node[] {
  const duplicates: Node[] = [];
  const visit = (current: Node): void => {
    if (current.type === 'object') {
      const seen = new Set<unknown>();
      for (const property of current.children ?? []) {
        const key = property.children?.[0];
        if (key === undefined) continue;
        if (seen.has(key.value)) duplicates.push(key);
        seen.add(key.value);
      }
    }
    for (const child of current.children ?? []) visit(child);
  };
  visit(node);
  return duplicates;
}

/**
 * Where a path points in the file: the value itself, or — when the key is missing — the nearest
 * enclosing value that exists (its `{`), so "missing key" points at the object that lacks it.
 */
export function locate(parsed: ParsedJson, path: JsonPath): { offset: number; exact: boolean } {
  return offsetAtPath(parsed.text, path);
}

/** The key's position, for problems that belong to the key rather than its value. */
export function locateKey(parsed: ParsedJson, path: JsonPath, key: string): number {
  return keyOffsetAtPath(parsed.text, path, key);
}

export function formatPath(path: JsonPath): string {
  let out = '';
  for (const segment of path) {
    out += typeof segment === 'number' ? `[${segment}]` : out === '' ? segment : `.${segment}`;
  }
  return out === '' ? '(the top level)' : out;
}

/** "the string "102x"", "the number 1.5", "an array", … — what a person would call the value. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (the key is missing)';
  if (value === null) return 'null';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `the boolean ${value}`;
  if (Array.isArray(value))
    return value.length === 0 ? 'an empty array' : `an array of ${value.length}`;
  return 'an object';
}
