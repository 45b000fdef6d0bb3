/**
 * Edits JSON text by offsets, so everything but the values set stays byte for byte: the person's
 * indentation, key order, line endings and one-line objects. A new key copies the style of its
 * neighbours (the separator before the last property, the spacing around ":"), so a one-line
 * `{ "percent": 38.77 }` stays on one line and a multi-line object gets a new line.
 */
import {
  applyEdits,
  findNodeAtLocation,
  modify,
  parseTree,
  type Edit,
  type Node,
} from 'jsonc-parser';
import type { JsonPath } from './json-text.js';

/**
 * Sets a value: replaces an existing value's text, or inserts the key into its (existing) object,
 * after the property `after` names when there is one, else last.
 */
export function setJsonValue(
  text: string,
  path: JsonPath,
  value: unknown,
  options: { readonly after?: string } = {},
): string {
  const tree = parseTree(text);
  if (tree === undefined) throw new Error('setJsonValue: not JSON');
  const existing = findNodeAtLocation(tree, [...path]);
  if (existing !== undefined) return applyEdits(text, modify(text, [...path], value, {}));
  const key = path[path.length - 1];
  const parent = findNodeAtLocation(tree, [...path.slice(0, -1)]);
  if (typeof key !== 'string' || parent?.type !== 'object')
    throw new Error(`setJsonValue: no object at ${JSON.stringify(path.slice(0, -1))}`);
  return applyEdits(text, [insertProperty(text, parent, key, value, options.after)]);
}

/** Removes a key (and its comma) when it is there. */
export function removeJsonValue(text: string, path: JsonPath): string {
  return applyEdits(text, modify(text, [...path], undefined, {}));
}

function insertProperty(
  text: string,
  object: Node,
  key: string,
  value: unknown,
  after: string | undefined,
): Edit {
  const properties = object.children ?? [];
  const anchor = properties.find((candidate) => candidate.children?.[0]?.value === after);
  const last = anchor ?? properties[properties.length - 1];
  if (last === undefined) {
    // An empty object: one line, `{ "key": value }`.
    const inner = text.slice(object.offset + 1, object.offset + object.length - 1);
    return {
      offset: object.offset + 1,
      length: inner.length,
      content: ` ${property(key, value, ': ')} `,
    };
  }
  const colon = colonStyle(text, last);
  const separator = separatorStyle(text, object, properties);
  return {
    offset: last.offset + last.length,
    length: 0,
    content: `${separator}${property(key, value, colon)}`,
  };
}

/** `"key": value`, with an object value on one line (the style of figures in records). */
function property(key: string, value: unknown, colon: string): string {
  return `${JSON.stringify(key)}${colon}${inline(value)}`;
}

function inline(value: unknown): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value).filter(([, entry]) => entry !== undefined);
    return entries.length === 0
      ? '{}'
      : `{ ${entries.map(([key, entry]) => `${JSON.stringify(key)}: ${inline(entry)}`).join(', ')} }`;
  }
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  return JSON.stringify(value);
}

/** The text between a property's key and its value: ": " in most files. */
function colonStyle(text: string, property: Node): string {
  const [keyNode, valueNode] = property.children ?? [];
  if (keyNode === undefined || valueNode === undefined) return ': ';
  return text.slice(keyNode.offset + keyNode.length, valueNode.offset);
}

/** What separates two properties of this object (", " or ",\n    "); for one property, guessed from the braces. */
function separatorStyle(text: string, object: Node, properties: readonly Node[]): string {
  const last = properties[properties.length - 1];
  const previous = properties[properties.length - 2];
  if (last !== undefined && previous !== undefined)
    return text.slice(previous.offset + previous.length, last.offset);
  const only = properties[0];
  if (only === undefined) return ', ';
  const before = text.slice(object.offset + 1, only.offset);
  const lineBreak = before.search(/\r?\n/);
  if (lineBreak !== -1) return `,${before.slice(lineBreak)}`;
  return before === '' ? ',' : ', ';
}
