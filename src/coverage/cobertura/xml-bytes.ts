/** Small helpers for reading XML straight from bytes (ASCII markup; names and values may be UTF-8). */

export const LT = 0x3c; // <
export const GT = 0x3e; // >
export const SLASH = 0x2f;
export const BANG = 0x21;
export const QUESTION = 0x3f;
export const EQUALS = 0x3d;
export const DOUBLE_QUOTE = 0x22;
export const SINGLE_QUOTE = 0x27;

export function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** The byte ends an element or attribute name. */
export function endsName(byte: number | undefined): boolean {
  return byte === undefined || isSpace(byte) || byte === SLASH || byte === GT || byte === EQUALS;
}

export function bytesEqual(buffer: Uint8Array, start: number, expected: Uint8Array): boolean {
  if (start + expected.length > buffer.length) return false;
  for (let index = 0; index < expected.length; index++) {
    if (buffer[start + index] !== expected[index]) return false;
  }
  return true;
}

export function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (character) => character.charCodeAt(0));
}

const PREDEFINED: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

/** Replaces the five predefined entities and character references; anything else is left as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return safeCodePoint(Number.parseInt(name.slice(2), 16)) ?? whole;
    if (name.startsWith('#')) return safeCodePoint(Number.parseInt(name.slice(1), 10)) ?? whole;
    return PREDEFINED[name] ?? whole;
  });
}

function safeCodePoint(value: number): string | undefined {
  return Number.isInteger(value) && value > 0 && value <= 0x10ffff
    ? String.fromCodePoint(value)
    : undefined;
}

/** A short, quoted excerpt of what was found, for messages. */
export function preview(buffer: Uint8Array, start: number, end: number): string {
  const stop = Math.min(end, start + 40);
  let text = Buffer.from(
    buffer.buffer,
    buffer.byteOffset + start,
    Math.max(0, stop - start),
  ).toString('utf8');
  text = text.replace(/\s+/g, ' ');
  return JSON.stringify(stop < end ? `${text}…` : text);
}
