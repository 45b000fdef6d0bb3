/**
 * Parses a data file's text into a value *and* a syntax tree with offsets, so every later
 * problem — a syntax error or a schema error deep inside — can name its line and column.
 * trackgen reads strict JSON: no comments, no trailing commas (decided so that every other tool,
 * Python's json module included, reads the same records). A BOM is tolerated with a warning.
 */
import {
  findNodeAtLocation,
  getNodeValue,
  parseTree,
  printParseErrorCode,
  type Node,
  type ParseError,
} from 'jsonc-parser';
import type { Diagnostic } from '../diagnostics.js';
import { LineIndex } from '../text/position.js';

export type JsonPath = readonly (string | number)[];

export interface ParsedJson {
  readonly file: string;
  readonly text: string;
  readonly value: unknown;
  readonly tree: Node;
  readonly lines: LineIndex;
}

export interface JsonParseResult {
  readonly parsed: ParsedJson | undefined;
  readonly diagnostics: Diagnostic[];
}

const BOM = '\uFEFF';

export function parseJsonText(file: string, rawText: string): JsonParseResult {
  const diagnostics: Diagnostic[] = [];
  const hasBom = rawText.startsWith(BOM);
  // Blank out the BOM rather than cut it, so offsets stay those of the file.
  const text = hasBom ? ` ${rawText.slice(1)}` : rawText;
  const lines = new LineIndex(text);
  const at = (
    offset: number,
    severity: Diagnostic['severity'],
    rule: Diagnostic['rule'],
    message: string,
  ): Diagnostic => ({
    file,
    ...lines.position(offset),
    severity,
    rule,
    message,
  });

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

  const tooDeep = firstTooDeep(text);
  if (tooDeep !== -1) {
    diagnostics.push(
      at(
        tooDeep,
        'error',
        'too-large',
        `expected arrays and objects nested at most ${MAX_JSON_DEPTH} deep, found deeper nesting here`,
      ),
    );
    return { parsed: undefined, diagnostics };
  }

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
  return { parsed: { file, text, value: getNodeValue(tree), tree, lines }, diagnostics };
}

/**
 * Records are a handful of levels deep; the parser, the schema and every walker after them
 * recurse, so deeper nesting is refused before any of them runs.
 */
export const MAX_JSON_DEPTH = 64;

/** Offset of the bracket that opens level MAX_JSON_DEPTH + 1 (strings skipped), or -1. */
function firstTooDeep(text: string): number {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c /* backslash */) index++;
      else if (code === 0x22 /* " */) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x5b /* [ */ || code === 0x7b /* { */) {
      if (++depth > MAX_JSON_DEPTH) return index;
    } else if (code === 0x5d /* ] */ || code === 0x7d /* } */) {
      depth--;
    }
  }
  return -1;
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
export function locate(
  parsed: ParsedJson,
  path: JsonPath,
): { offset: number; node: Node | undefined; exact: boolean } {
  for (let length = path.length; length >= 0; length--) {
    const node = findNodeAtLocation(parsed.tree, [...path.slice(0, length)]);
    if (node !== undefined) return { offset: node.offset, node, exact: length === path.length };
  }
  return { offset: 0, node: undefined, exact: false };
}

/** The key's position, for problems that belong to the key rather than its value. */
export function locateKey(parsed: ParsedJson, path: JsonPath, key: string): number {
  const object = findNodeAtLocation(parsed.tree, [...path]);
  const property = object?.children?.find((child) => child.children?.[0]?.value === key);
  return property?.offset ?? object?.offset ?? 0;
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
