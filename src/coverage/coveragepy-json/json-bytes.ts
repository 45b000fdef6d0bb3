import { ScanError } from '../raw/raw-report.js';
import { MAX_JSON_CONTAINERS, MAX_JSON_VALUES, tooMany } from './json-limits.js';
import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  MINUS,
  NINE,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
  ZERO,
} from '../../text/json-codes.js';

/** The most bytes a message shows of what it found. */
const FOUND_ROOM = 32;

const IN_ARRAY = 1;
const IN_OBJECT = 2;

/** Where a value started, with the counts then: a reader that gives up on a shape goes back. */
export interface JsonMark {
  readonly position: number;
  readonly containers: number;
  readonly values: number;
}

/**
 * A cursor over a JSON text's bytes (UTF-8), read in one forward pass: JSON's grammar checked
 * byte by byte, every problem a ScanError at its byte offset, and the arrays, objects and values
 * counted as they are met (MAX_JSON_CONTAINERS, MAX_JSON_VALUES). Nesting is followed with a
 * stack of its own, never the call stack, so no depth overflows it. Callers that know the shape
 * read the parts they keep (numbers, keys) and skip the rest through `skipValue`.
 */
export class JsonBytes {
  position: number;
  containers = 0;
  values = 0;
  /** The file offset of bytes[0]: the bytes may be a window onto a longer text. */
  base = 0;
  /** Whether the text ends at `end` (false: a window with more text after it). */
  atEof = true;
  #stack = new Uint8Array(256);

  constructor(
    public bytes: Buffer,
    from: number,
    public end: number = bytes.length,
  ) {
    this.position = from;
  }

  /** Moves past blank space; the byte there, or -1 at the end. */
  skipSpace(): number {
    const bytes = this.bytes;
    const end = this.end;
    let at = this.position;
    while (at < end) {
      const byte = bytes[at] as number;
      if (byte > 0x20 || (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09)) {
        this.position = at;
        return byte;
      }
      at++;
    }
    this.position = at;
    return -1;
  }

  mark(): JsonMark {
    return { position: this.position, containers: this.containers, values: this.values };
  }

  backTo(mark: JsonMark): void {
    this.position = mark.position;
    this.containers = mark.containers;
    this.values = mark.values;
  }

  /** Counts the `[` or `{` at the position (values too, as a container is one). */
  countContainer(): void {
    this.values++;
    if (++this.containers > MAX_JSON_CONTAINERS)
      throw tooMany(this.base + this.position, `${MAX_JSON_CONTAINERS} arrays and objects`);
  }

  /** Counts the `,` at the position. */
  countComma(): void {
    if (++this.values > MAX_JSON_VALUES)
      throw tooMany(this.base + this.position, `${MAX_JSON_VALUES} values`);
  }

  /** Where the last key read by `expectKey` starts (its opening quote). */
  keyStart = 0;

  /**
   * At `{` or after a `,` in an object: the key's text, then past the `:`. A key that is one of
   * `known` (written without escapes) is that string itself: nothing decoded.
   */
  expectKey(known?: KnownKeys): string {
    if (this.skipSpace() !== QUOTE) this.fail('a string key in double quotes');
    const start = this.position;
    this.keyStart = start;
    const escaped = this.skipString();
    const text =
      (escaped ? undefined : known?.find(this.bytes, start + 1, this.position - 1)) ??
      this.stringText(start, escaped);
    this.expectColon();
    return text;
  }

  /** The same, the key only checked (generic skipping). */
  skipKey(): void {
    if (this.skipSpace() !== QUOTE) this.fail('a string key in double quotes');
    this.skipString();
    this.expectColon();
  }

  expectColon(): void {
    if (this.skipSpace() !== COLON) this.fail('":" after the key');
    this.position++;
  }

  /**
   * After a member of an object (or an item of an array): true past a `,`, false past the
   * closing `}` (`]`).
   */
  nextMember(close: number): boolean {
    const byte = this.skipSpace();
    if (byte === COMMA) {
      this.countComma();
      this.position++;
      return true;
    }
    if (byte === close) {
      this.position++;
      return false;
    }
    return this.fail(
      close === CLOSE_BRACE
        ? '"," or "}" after a value in an object'
        : '"," or "]" after a value in an array',
    );
  }

  /** At `{`: counts it and moves past it; true when the object is empty (and closed). */
  openObject(): boolean {
    this.countContainer();
    this.position++;
    const next = this.skipSpace();
    if (next === CLOSE_BRACE) {
      this.position++;
      return true;
    }
    // Whether the object is empty is never guessed at the end of a window.
    if (next === -1 && !this.atEof) throw NEED_MORE_BYTES;
    return false;
  }

  /** The text of the string whose opening quote is at `start`, ending before the position. */
  stringText(start: number, escaped: boolean): string {
    return escaped
      ? (JSON.parse(this.bytes.toString('utf8', start, this.position)) as string)
      : this.bytes.toString('utf8', start + 1, this.position - 1);
  }

  /** At an opening quote: moves past the closing one. True when the string holds escapes. */
  skipString(): boolean {
    const bytes = this.bytes;
    const end = this.end;
    let at = this.position + 1;
    let escaped = false;
    for (;;) {
      if (at >= end) {
        this.position = at;
        this.fail('a closing double quote');
      }
      const byte = bytes[at] as number;
      if (byte === QUOTE) {
        this.position = at + 1;
        return escaped;
      }
      if (byte === BACKSLASH) {
        escaped = true;
        at = this.escapeEnd(at);
      } else if (byte < 0x20) {
        this.position = at;
        this.fail('a character of the string or its closing double quote');
      } else at++;
    }
  }

  /** Past the escape whose backslash is at `at`; a ScanError for one JSON does not have. */
  private escapeEnd(at: number): number {
    const code = this.bytes[at + 1];
    if (
      code === QUOTE ||
      code === BACKSLASH ||
      code === 0x2f /* / */ ||
      code === 0x62 /* b */ ||
      code === 0x66 /* f */ ||
      code === 0x6e /* n */ ||
      code === 0x72 /* r */ ||
      code === 0x74 /* t */
    )
      return at + 2;
    if (code === 0x75 /* u */) {
      for (let digit = at + 2; digit < at + 6; digit++) {
        if (!isHexDigit(this.bytes[digit])) {
          this.position = digit;
          this.fail('four hexadecimal digits after \\u');
        }
      }
      return at + 6;
    }
    this.position = at + 1;
    return this.fail(
      'an escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u and four hex digits) after \\',
    );
  }

  /** At `-` or a digit: moves past the number, its grammar checked. */
  skipNumber(): void {
    const bytes = this.bytes;
    let at = this.position;
    if (bytes[at] === MINUS) at++;
    const first = bytes[at];
    if (first === ZERO) at++;
    else if (isDigit(first)) at = digitsEnd(bytes, at);
    else {
      this.position = at;
      this.fail('a digit');
    }
    if (bytes[at] === 0x2e /* . */) {
      if (!isDigit(bytes[at + 1])) {
        this.position = at + 1;
        this.fail('a digit after the decimal point');
      }
      at = digitsEnd(bytes, at + 1);
    }
    const exponent = bytes[at];
    if (exponent === 0x65 || exponent === 0x45) {
      at++;
      if (bytes[at] === 0x2b || bytes[at] === MINUS) at++;
      if (!isDigit(bytes[at])) {
        this.position = at;
        this.fail('a digit in the exponent');
      }
      at = digitsEnd(bytes, at);
    }
    this.position = at;
  }

  /** At `-` or a digit: the number's value as JSON.parse gives it (1.0 is 1, 1e2 is 100). */
  readNumber(): number {
    const bytes = this.bytes;
    const start = this.position;
    // Plain whole numbers of up to 15 digits (every count) are summed from their digits.
    let at = start;
    let value = 0;
    let byte = bytes[at] ?? -1;
    if (byte > ZERO && byte <= NINE) {
      do {
        value = value * 10 + byte - ZERO;
        byte = bytes[++at] ?? -1;
      } while (byte >= ZERO && byte <= NINE);
      if (at - start <= 15 && byte !== 0x2e && byte !== 0x65 && byte !== 0x45) {
        this.position = at;
        return value;
      }
    }
    this.skipNumber();
    return Number(this.bytes.toString('latin1', start, this.position));
  }

  /**
   * Moves past one whole value of any shape, its grammar checked and its containers counted.
   * Iterative: a stack of bytes holds what each open level is.
   */
  skipValue(): void {
    let depth = 0;
    for (;;) {
      // A value is expected here.
      const byte = this.skipSpace();
      let closed = true;
      if (byte === OPEN_BRACE) {
        if (!this.openObject()) {
          this.push(depth++, IN_OBJECT);
          this.skipKey();
          closed = false;
        }
      } else if (byte === OPEN_BRACKET) {
        this.countContainer();
        this.position++;
        if (this.skipSpace() === CLOSE_BRACKET) this.position++;
        else {
          this.push(depth++, IN_ARRAY);
          closed = false;
        }
      } else this.skipScalar(byte);
      if (!closed) continue;
      // After a value: close levels until one goes on with a `,`.
      while (depth > 0) {
        const inObject = this.#stack[depth - 1] === IN_OBJECT;
        if (this.nextMember(inObject ? CLOSE_BRACE : CLOSE_BRACKET)) {
          if (inObject) this.skipKey();
          break;
        }
        depth--;
      }
      if (depth === 0) return;
    }
  }

  /** At a value that is no container: a string, number, true, false or null. */
  skipScalar(byte: number): void {
    if (byte === QUOTE) this.skipString();
    else if (byte === MINUS || isDigit(byte)) this.skipNumber();
    else if (byte === 0x74 /* t */) this.skipWord('true');
    else if (byte === 0x66 /* f */) this.skipWord('false');
    else if (byte === 0x6e /* n */) this.skipWord('null');
    else this.fail('a value');
  }

  /** Whether the value at the position is `true` (moving past it if so). */
  readTrue(): boolean {
    if (this.bytes[this.position] !== 0x74) return false;
    this.skipWord('true');
    return true;
  }

  private skipWord(word: string): void {
    for (let index = 0; index < word.length; index++) {
      if (this.bytes[this.position + index] !== word.charCodeAt(index)) {
        if (this.position + index >= this.end && !this.atEof) throw NEED_MORE_BYTES;
        this.fail('a value');
      }
    }
    this.position += word.length;
  }

  /** After the root value: only blank space may follow. */
  expectEnd(): void {
    if (this.skipSpace() !== -1) this.fail('nothing after the JSON value');
  }

  private push(depth: number, kind: number): void {
    if (depth === this.#stack.length) {
      const larger = new Uint8Array(this.#stack.length * 2);
      larger.set(this.#stack);
      this.#stack = larger;
    }
    this.#stack[depth] = kind;
  }

  /** The JSON value at `start` (already checked), parsed: only for small parts and messages. */
  valueAt(start: number): unknown {
    const cursor = new JsonBytes(this.bytes, start, this.end);
    cursor.base = this.base;
    cursor.atEof = this.atEof;
    cursor.skipValue();
    return JSON.parse(this.bytes.toString('utf8', start, cursor.position));
  }

  /**
   * A ScanError at the position; at the end of a window (more text after it) the reader is
   * told to read further instead (NEED_MORE_BYTES), as the text may well go on rightly.
   */
  fail(expected: string): never {
    // Near the end of a window the message could show less than there is: read further.
    if (!this.atEof && this.position + FOUND_ROOM >= this.end) throw NEED_MORE_BYTES;
    throw new ScanError(
      this.base + this.position,
      `not valid JSON: expected ${expected}, found ${this.found()}`,
    );
  }

  /** What is at the position, for a message: a word, one character, or the end. */
  private found(): string {
    const bytes = this.bytes;
    const at = this.position;
    if (at >= this.end) return 'the end of the file';
    const byte = bytes[at] as number;
    if (byte < 0x20)
      return `a control character (U+${byte.toString(16).toUpperCase().padStart(4, '0')})`;
    let wordEnd = at;
    while (
      wordEnd < this.end &&
      wordEnd - at < FOUND_ROOM - 8 &&
      isWordByte(bytes[wordEnd] as number)
    )
      wordEnd++;
    if (wordEnd > at) return JSON.stringify(bytes.toString('latin1', at, wordEnd));
    const length = byte < 0x80 ? 1 : byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    return JSON.stringify(bytes.toString('utf8', at, Math.min(at + length, this.end)));
  }
}

/** Thrown when a window ends inside a value: its reader reads a larger window and again. */
export class NeedMoreBytes extends Error {
  override readonly name = 'NeedMoreBytes';
}

const NEED_MORE_BYTES = new NeedMoreBytes('the window ends inside a value');

/** Keys a reader looks for, matched against a key's bytes without decoding it. */
export class KnownKeys {
  readonly #byLength = new Map<number, readonly string[]>();

  constructor(keys: readonly string[]) {
    for (const key of keys)
      this.#byLength.set(key.length, [...(this.#byLength.get(key.length) ?? []), key]);
  }

  /** The known key spelled by bytes[start, end) (ASCII), if any. */
  find(bytes: Buffer, start: number, end: number): string | undefined {
    const candidates = this.#byLength.get(end - start);
    if (candidates === undefined) return undefined;
    for (const key of candidates) {
      let index = 0;
      while (index < key.length && bytes[start + index] === key.charCodeAt(index)) index++;
      if (index === key.length) return key;
    }
    return undefined;
  }
}

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= ZERO && byte <= NINE;
}

function digitsEnd(bytes: Buffer, from: number): number {
  let at = from;
  while (isDigit(bytes[at])) at++;
  return at;
}

function isHexDigit(byte: number | undefined): boolean {
  return (
    byte !== undefined &&
    ((byte >= ZERO && byte <= NINE) ||
      (byte >= 0x41 && byte <= 0x46) ||
      (byte >= 0x61 && byte <= 0x66))
  );
}

function isWordByte(byte: number): boolean {
  return (
    (byte >= ZERO && byte <= NINE) ||
    (byte >= 0x41 && byte <= 0x5a) ||
    (byte >= 0x61 && byte <= 0x7a) ||
    byte === MINUS ||
    byte === 0x2b ||
    byte === 0x2e ||
    byte === 0x5f
  );
}
