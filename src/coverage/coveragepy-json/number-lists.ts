import type { JsonBytes, JsonMark } from './json-bytes.js';
import { CLOSE_BRACKET, COMMA, MINUS, NINE, OPEN_BRACKET, ZERO } from '../../text/json-codes.js';

/**
 * A list of numbers read from the report, kept in one growing Float64Array that is reused file
 * after file (a 100 MB report lists some 20 million numbers: never one JS value each).
 * Float64 keeps every JSON number exact as JSON.parse would give it.
 */
export class NumberList {
  values = new Float64Array(1024);
  length = 0;
  /** Every value a safe integer (exact). */
  whole = true;
  /** Every value 0 or more. */
  nonNegative = true;

  clear(): void {
    this.length = 0;
    this.whole = true;
    this.nonNegative = true;
  }

  push(value: number): void {
    if (this.length === this.values.length) this.grow();
    this.values[this.length++] = value;
  }

  grow(): void {
    const larger = new Float64Array(this.values.length * 2);
    larger.set(this.values);
    this.values = larger;
  }

  /** The values read, as a view (valid until the list is cleared). */
  view(): Float64Array {
    return this.values.subarray(0, this.length);
  }
}

/**
 * At a value: an array of numbers read into `list`. False, with the cursor back where it was
 * and nothing counted, when the value is of any other shape (the caller skips it then). A
 * grammar error inside is thrown where it is, as skipping would throw it.
 */
export function readNumberArray(cursor: JsonBytes, list: NumberList): boolean {
  const mark = enterArray(cursor, list);
  if (typeof mark === 'boolean') return mark;
  for (;;) {
    // coverage.py writes `[1,2,3]`: plain numbers and commas are read in a loop of their own,
    // anything else (blank space, other spellings) one item at a time.
    if (readPlainNumbers(cursor, list)) return true;
    cursor.skipSpace();
    if (!readOneNumber(cursor, list)) {
      cursor.backTo(mark);
      list.clear();
      return false;
    }
    if (!nextItem(cursor)) return true;
  }
}

/**
 * Plain numbers (1 to 15 digits) each followed by `,` or the closing `]`, read straight into
 * the list: true past the `]`; false at an item of any other kind (the cursor at it).
 */
function readPlainNumbers(cursor: JsonBytes, list: NumberList): boolean {
  const bytes = cursor.bytes;
  let at = cursor.position;
  let values = list.values;
  let length = list.length;
  for (;;) {
    const start = at;
    let byte = bytes[at] ?? -1;
    if (byte <= ZERO || byte > NINE) break;
    let value = byte - ZERO;
    byte = bytes[++at] ?? -1;
    while (byte >= ZERO && byte <= NINE) {
      value = value * 10 + byte - ZERO;
      byte = bytes[++at] ?? -1;
    }
    if (at - start > 15 || (byte !== COMMA && byte !== CLOSE_BRACKET)) {
      at = start;
      break;
    }
    if (length === values.length) {
      list.grow();
      values = list.values;
    }
    values[length++] = value;
    cursor.position = at;
    if (byte === CLOSE_BRACKET) {
      list.length = length;
      cursor.position = at + 1;
      return true;
    }
    cursor.countComma();
    at++;
  }
  list.length = length;
  cursor.position = at;
  return false;
}

/** At a value: an array of two-number arrays (branch arcs), read flat into `list`. */
export function readPairArray(cursor: JsonBytes, list: NumberList): boolean {
  const mark = enterArray(cursor, list);
  if (typeof mark === 'boolean') return mark;
  do {
    if (!readOnePair(cursor, list)) {
      cursor.backTo(mark);
      list.clear();
      return false;
    }
  } while (nextItem(cursor));
  return true;
}

/**
 * At a value, with `list` cleared: inside an array with items, the mark to go back to; true past
 * an empty array; false (nothing consumed) at any other value.
 */
function enterArray(cursor: JsonBytes, list: NumberList): JsonMark | boolean {
  list.clear();
  if (cursor.skipSpace() !== OPEN_BRACKET) return false;
  const mark = cursor.mark();
  cursor.countContainer();
  cursor.position++;
  if (cursor.skipSpace() !== CLOSE_BRACKET) return mark;
  cursor.position++;
  return true;
}

function readOnePair(cursor: JsonBytes, list: NumberList): boolean {
  if (cursor.skipSpace() !== OPEN_BRACKET) return false;
  cursor.countContainer();
  cursor.position++;
  cursor.skipSpace();
  if (!readOneNumber(cursor, list) || cursor.skipSpace() !== COMMA) return false;
  cursor.countComma();
  cursor.position++;
  cursor.skipSpace();
  if (!readOneNumber(cursor, list) || cursor.skipSpace() !== CLOSE_BRACKET) return false;
  cursor.position++;
  return true;
}

/** After an item: true past a `,` (the next item's first byte reached), false past `]`. */
function nextItem(cursor: JsonBytes): boolean {
  const more = cursor.nextMember(CLOSE_BRACKET);
  if (more) cursor.skipSpace();
  return more;
}

/**
 * At a value (blank space skipped): a number pushed onto `list`. Plain whole numbers of up to
 * 15 digits (every line number) are summed from their digits; any other is read as JSON.parse
 * reads it. False, nothing consumed, when the value is no number.
 */
function readOneNumber(cursor: JsonBytes, list: NumberList): boolean {
  const bytes = cursor.bytes;
  const start = cursor.position;
  let at = start;
  let byte = bytes[at] ?? -1;
  if (byte > ZERO && byte <= NINE) {
    let value = byte - ZERO;
    byte = bytes[++at] ?? -1;
    while (byte >= ZERO && byte <= NINE) {
      value = value * 10 + byte - ZERO;
      byte = bytes[++at] ?? -1;
    }
    if (at - start <= 15 && byte !== 0x2e && byte !== 0x65 && byte !== 0x45) {
      cursor.position = at;
      list.push(value);
      return true;
    }
  } else if (byte !== ZERO && byte !== MINUS) return false;
  const value = cursor.readNumber();
  if (!Number.isSafeInteger(value)) list.whole = false;
  if (!(value >= 0)) list.nonNegative = false;
  list.push(value);
  return true;
}
