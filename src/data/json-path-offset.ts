/**
 * Where a path points in a JSON text, found by scanning the text itself: only the values on the
 * way are entered, the others skipped whole. A record with one warning to place costs a scan of
 * the text before that value, not a syntax tree of the whole file. The text must be valid JSON
 * (it was parsed); the answers are those jsonc-parser's findNodeAtLocation gives on its tree (a
 * property test holds the two together): the first of duplicate keys, offsets of the value's
 * first character.
 */
import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COMMA,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
} from '../text/json-codes.js';

type JsonPath = readonly (string | number)[];

export interface PathOffset {
  /** Offset of the deepest value of the path that exists (the root's when none does). */
  readonly offset: number;
  /** Whether that value is the one the whole path names. */
  readonly exact: boolean;
}

/** The deepest value along `path` that the text has, like findNodeAtLocation on each prefix. */
export function offsetAtPath(text: string, path: JsonPath): PathOffset {
  let at = skipSpace(text, 0);
  for (const segment of path) {
    const next =
      typeof segment === 'string'
        ? propertyValue(text, at, segment)
        : arrayElement(text, at, segment);
    if (next === -1) return { offset: at, exact: false };
    at = next;
  }
  return { offset: at, exact: true };
}

/**
 * Offset of the key `key` in the object at `path` (the object's own offset when it has no such
 * key, 0 when the path names nothing), as locateKey finds it on jsonc-parser's tree.
 */
export function keyOffsetAtPath(text: string, path: JsonPath, key: string): number {
  const target = offsetAtPath(text, path);
  if (!target.exact) return 0;
  const at = target.offset;
  const code = text.charCodeAt(at);
  if (code === OPEN_BRACE) {
    const property = findProperty(text, at, key);
    return property === -1 ? at : property;
  }
  if (code === OPEN_BRACKET) {
    // On the tree an array's children are its elements, and an element that is an array whose
    // first element is the string `key` matches: kept so the answers stay the tree's.
    let element = firstElement(text, at);
    while (element !== -1) {
      if (text.charCodeAt(element) === OPEN_BRACKET) {
        const first = firstElement(text, element);
        if (first !== -1 && text.charCodeAt(first) === QUOTE && readString(text, first) === key)
          return element;
      }
      element = nextElement(text, skipValue(text, element));
    }
  }
  return at;
}

/** Offset of the value of the first property named `key` of the object at `at`, or -1. */
function propertyValue(text: string, at: number, key: string): number {
  if (text.charCodeAt(at) !== OPEN_BRACE) return -1;
  const property = findProperty(text, at, key);
  if (property === -1) return -1;
  const colon = skipSpace(text, stringEnd(text, property));
  return skipSpace(text, colon + 1);
}

/** Offset of the key string of the first property named `key` of the object at `at`, or -1. */
function findProperty(text: string, at: number, key: string): number {
  let position = skipSpace(text, at + 1);
  while (text.charCodeAt(position) === QUOTE) {
    if (readString(text, position) === key) return position;
    const colon = skipSpace(text, stringEnd(text, position));
    const end = skipSpace(text, skipValue(text, skipSpace(text, colon + 1)));
    if (text.charCodeAt(end) !== COMMA) return -1;
    position = skipSpace(text, end + 1);
  }
  return -1;
}

function arrayElement(text: string, at: number, index: number): number {
  if (text.charCodeAt(at) !== OPEN_BRACKET || index < 0) return -1;
  let element = firstElement(text, at);
  for (let count = 0; count < index && element !== -1; count++)
    element = nextElement(text, skipValue(text, element));
  return element;
}

function firstElement(text: string, at: number): number {
  const position = skipSpace(text, at + 1);
  return text.charCodeAt(position) === CLOSE_BRACKET ? -1 : position;
}

/** After an element ending at `end`: the next element's offset, or -1 at the closing bracket. */
function nextElement(text: string, end: number): number {
  const position = skipSpace(text, end);
  return text.charCodeAt(position) === COMMA ? skipSpace(text, position + 1) : -1;
}

/** The string's value: most keys have no escape, and then need no decoding. */
function readString(text: string, at: number): string {
  const end = stringEnd(text, at);
  const raw = text.slice(at + 1, end - 1);
  return raw.includes('\\') ? (JSON.parse(text.slice(at, end)) as string) : raw;
}

/** Offset just past the closing quote of the string opening at `at`. */
export function stringEnd(text: string, at: number): number {
  let quote = text.indexOf('"', at + 1);
  while (quote !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    quote = text.indexOf('"', quote + 1);
  }
  return text.length;
}

/** Offset just past the value starting at `at`. */
function skipValue(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code === QUOTE) return stringEnd(text, at);
  if (code === OPEN_BRACE || code === OPEN_BRACKET) {
    let depth = 0;
    for (let position = at; position < text.length; position++) {
      const current = text.charCodeAt(position);
      if (current === QUOTE) position = stringEnd(text, position) - 1;
      else if (current === OPEN_BRACE || current === OPEN_BRACKET) depth++;
      else if (current === CLOSE_BRACE || current === CLOSE_BRACKET) {
        if (--depth === 0) return position + 1;
      }
    }
    return text.length;
  }
  // A number or a literal: it runs to the next delimiter or blank.
  let position = at;
  while (position < text.length && !isDelimiter(text.charCodeAt(position))) position++;
  return position;
}

function isDelimiter(code: number): boolean {
  return (
    code === COMMA ||
    code === CLOSE_BRACE ||
    code === CLOSE_BRACKET ||
    code === 0x20 ||
    code === 0x09 ||
    code === 0x0a ||
    code === 0x0d
  );
}

/** JSON's blanks: space, tab, line feed, carriage return. */
function skipSpace(text: string, at: number): number {
  let position = at;
  for (;;) {
    const code = text.charCodeAt(position);
    if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) return position;
    position++;
  }
}
