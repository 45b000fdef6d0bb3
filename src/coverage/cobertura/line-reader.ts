import type { LineStore } from './line-store.js';
import { ScanError } from '../raw/raw-report.js';
import {
  BANG,
  DOUBLE_QUOTE,
  EQUALS,
  GT,
  LT,
  SINGLE_QUOTE,
  SLASH,
  ascii,
  bytesEqual,
  decodeEntities,
  endsName,
  isSpace,
  preview,
} from './xml-bytes.js';

/**
 * The tight reader for the bulk of a Cobertura report: the `<line>` elements inside one
 * `<lines>` element, read straight from bytes into a LineStore. It stops at `</lines>` or
 * where the bytes run out mid-element (the caller refills and calls again from there).
 */
export interface LinesProgress {
  /** Buffer index of the first byte not consumed. */
  readonly position: number;
  /** `</lines>` was consumed. */
  readonly closed: boolean;
}

const LINES_CLOSE = ascii('/lines');
const COMMENT_OPEN = ascii('!--');
const COMMENT_CLOSE = Buffer.from('-->');
const LINE_CLOSE = Buffer.from('</line');
const EXIT = ascii('exit');

// Scratch results of one element, to keep the hot loop free of allocations.
let lineNumber = -1;
let hitsPositive = false;
let hasHits = false;
let isBranch = true;
let conditionTotal = -1;
let conditionTaken = -1;

export function readLines(
  buffer: Buffer,
  start: number,
  end: number,
  base: number,
  store: LineStore,
): LinesProgress {
  let position = start;
  for (;;) {
    while (position < end && isSpace(buffer[position])) position++;
    if (position >= end) return { position, closed: false };
    if (buffer[position] !== LT) {
      throw new ScanError(
        base + position,
        `expected <line> or </lines> inside <lines>, found text ${preview(buffer, position, end)}`,
      );
    }
    if (position + 7 >= end) return { position, closed: false };
    const next = buffer[position + 1];
    if (next === SLASH) {
      if (!bytesEqual(buffer, position + 1, LINES_CLOSE)) {
        throw new ScanError(
          base + position,
          `expected </lines>, found ${preview(buffer, position, end)}`,
        );
      }
      let after = position + 7;
      while (after < end && isSpace(buffer[after])) after++;
      if (after >= end) return { position, closed: false };
      if (buffer[after] !== GT)
        throw new ScanError(
          base + after,
          `expected ">" to close </lines>, found ${preview(buffer, after, end)}`,
        );
      return { position: after + 1, closed: true };
    }
    if (next === BANG) {
      if (!bytesEqual(buffer, position + 1, COMMENT_OPEN)) {
        throw new ScanError(
          base + position,
          `expected <line> inside <lines>, found ${preview(buffer, position, end)}`,
        );
      }
      const close = buffer.indexOf(COMMENT_CLOSE, position + 4);
      if (close === -1 || close + 3 > end) return { position, closed: false };
      position = close + 3;
      continue;
    }
    // `<line` followed by a name end, compared byte by byte: this runs once per line.
    if (
      next !== 0x6c ||
      buffer[position + 2] !== 0x69 ||
      buffer[position + 3] !== 0x6e ||
      buffer[position + 4] !== 0x65 ||
      !endsName(buffer[position + 5])
    ) {
      throw new ScanError(
        base + position,
        `expected <line> inside <lines>, found ${preview(buffer, position, end)}`,
      );
    }
    const arcMark = store.arcLength;
    const after = readLineElement(buffer, position + 5, end, base, store);
    if (after === -1) {
      store.arcLength = arcMark;
      return { position, closed: false };
    }
    if (lineNumber < 0)
      throw new ScanError(base + position, 'expected a number attribute on <line>, found none');
    if (!hasHits)
      throw new ScanError(base + position, 'expected a hits attribute on <line>, found none');
    if (isBranch && conditionTotal >= 0) {
      const missingArcs = store.arcLength - arcMark;
      if (missingArcs > conditionTotal - conditionTaken)
        throw new ScanError(
          base + position,
          `expected at most ${conditionTotal - conditionTaken} missing-branches on a line whose condition-coverage is (${conditionTaken}/${conditionTotal}), found ${missingArcs}`,
        );
      store.push(lineNumber, hitsPositive, conditionTotal, conditionTaken);
    } else {
      if (!isBranch) store.arcLength = arcMark;
      store.push(lineNumber, hitsPositive, -1, -1);
    }
    position = after;
  }
}

/** Reads the attributes (and any children) of one `<line`; returns the index after it, or -1 when the bytes ran out. */
function readLineElement(
  buffer: Buffer,
  start: number,
  end: number,
  base: number,
  store: LineStore,
): number {
  lineNumber = -1;
  hitsPositive = false;
  hasHits = false;
  isBranch = true;
  conditionTotal = -1;
  conditionTaken = -1;
  return readAttributes(buffer, fastNumberAndHits(buffer, start, end), end, base, store);
}

/**
 * The shape coverage.py writes, ` number="12" hits="1"`, read without the general attribute
 * loop; returns where the general loop goes on (at `start` when the shape differs).
 */
function fastNumberAndHits(buffer: Buffer, start: number, end: number): number {
  // ` number="`, byte by byte.
  if (
    end - start < 24 ||
    buffer[start] !== 0x20 ||
    buffer[start + 1] !== 0x6e ||
    buffer[start + 2] !== 0x75 ||
    buffer[start + 3] !== 0x6d ||
    buffer[start + 4] !== 0x62 ||
    buffer[start + 5] !== 0x65 ||
    buffer[start + 6] !== 0x72 ||
    buffer[start + 7] !== EQUALS ||
    buffer[start + 8] !== DOUBLE_QUOTE
  ) {
    return start;
  }
  let position = start + 9;
  let value = 0;
  const digitsStart = position;
  for (
    let byte = buffer[position] ?? 0;
    byte >= 0x30 && byte <= 0x39 && position - digitsStart < 9;
    byte = buffer[++position] ?? 0
  )
    value = value * 10 + byte - 0x30;
  if (position === digitsStart || buffer[position] !== DOUBLE_QUOTE) return start;
  // ` hits="`, byte by byte.
  const h = position + 1;
  if (
    buffer[h] !== 0x20 ||
    buffer[h + 1] !== 0x68 ||
    buffer[h + 2] !== 0x69 ||
    buffer[h + 3] !== 0x74 ||
    buffer[h + 4] !== 0x73 ||
    buffer[h + 5] !== EQUALS ||
    buffer[h + 6] !== DOUBLE_QUOTE
  )
    return start;
  let after = h + 7;
  let positive = false;
  const hitsStart = after;
  for (let byte = buffer[after] ?? 0; byte >= 0x30 && byte <= 0x39; byte = buffer[++after] ?? 0) {
    if (byte !== 0x30) positive = true;
  }
  if (after === hitsStart || after >= end || buffer[after] !== DOUBLE_QUOTE) return start;
  lineNumber = value;
  hasHits = true;
  hitsPositive = positive;
  return after + 1;
}

function readAttributes(
  buffer: Buffer,
  start: number,
  end: number,
  base: number,
  store: LineStore,
): number {
  let position = start;
  for (;;) {
    while (position < end && isSpace(buffer[position])) position++;
    if (position >= end) return -1;
    const byte = buffer[position];
    if (byte === SLASH) {
      if (position + 1 >= end) return -1;
      if (buffer[position + 1] !== GT)
        throw new ScanError(
          base + position,
          `expected "/>" to end <line>, found ${preview(buffer, position, end)}`,
        );
      return position + 2;
    }
    if (byte === GT) {
      // Children (Java Cobertura's <conditions>): skip to </line>.
      const close = buffer.indexOf(LINE_CLOSE, position + 1);
      if (close === -1 || close >= end) return -1;
      let after = close + 6;
      while (after < end && isSpace(buffer[after])) after++;
      if (after >= end) return -1;
      if (buffer[after] !== GT)
        throw new ScanError(
          base + after,
          `expected ">" to close </line>, found ${preview(buffer, after, end)}`,
        );
      return after + 1;
    }
    const nameStart = position;
    while (position < end && !endsName(buffer[position])) position++;
    const nameEnd = position;
    if (nameEnd === nameStart)
      throw new ScanError(
        base + position,
        `expected an attribute name in <line>, found ${preview(buffer, position, end)}`,
      );
    while (position < end && isSpace(buffer[position])) position++;
    if (position >= end) return -1;
    if (buffer[position] !== EQUALS)
      throw new ScanError(
        base + position,
        `expected "=" after attribute ${preview(buffer, nameStart, nameEnd)} in <line>, found ${preview(buffer, position, end)}`,
      );
    position++;
    while (position < end && isSpace(buffer[position])) position++;
    if (position >= end) return -1;
    const quote = buffer[position];
    if (quote !== DOUBLE_QUOTE && quote !== SINGLE_QUOTE) {
      throw new ScanError(
        base + position,
        `expected a quoted value for attribute ${preview(buffer, nameStart, nameEnd)} in <line>, found ${preview(buffer, position, end)}`,
      );
    }
    const valueStart = position + 1;
    // A JS loop: values are short, and a native indexOf call per attribute costs more.
    let valueEnd = valueStart;
    while (valueEnd < end && buffer[valueEnd] !== quote) valueEnd++;
    if (valueEnd >= end) return -1;
    position = valueEnd + 1;
    readAttribute(buffer, nameStart, nameEnd - nameStart, valueStart, valueEnd, base, store);
  }
}

function readAttribute(
  buffer: Buffer,
  name: number,
  length: number,
  start: number,
  end: number,
  base: number,
  store: LineStore,
): void {
  const first = buffer[name];
  if (length === 6 && first === 0x6e /* n */ && bytesEqual(buffer, name, NUMBER)) {
    lineNumber = readCount(buffer, start, end);
    if (lineNumber < 0)
      throw new ScanError(
        base + start,
        `expected a line number in number="…", found ${preview(buffer, start, end)}`,
      );
  } else if (length === 4 && first === 0x68 /* h */ && bytesEqual(buffer, name, HITS)) {
    hasHits = true;
    hitsPositive = readHitsPositive(buffer, start, end, base);
  } else if (length === 6 && first === 0x62 /* b */ && bytesEqual(buffer, name, BRANCH)) {
    isBranch = !(
      end - start === 5 && buffer.toString('latin1', start, end).toLowerCase() === 'false'
    );
  } else if (
    length === 18 &&
    first === 0x63 /* c */ &&
    bytesEqual(buffer, name, CONDITION_COVERAGE)
  ) {
    readConditionCoverage(buffer, start, end, base);
  } else if (
    length === 16 &&
    first === 0x6d /* m */ &&
    bytesEqual(buffer, name, MISSING_BRANCHES)
  ) {
    readMissingBranches(buffer, start, end, base, store);
  }
}

const NUMBER = ascii('number');
const HITS = ascii('hits');
const BRANCH = ascii('branch');
const CONDITION_COVERAGE = ascii('condition-coverage');
const MISSING_BRANCHES = ascii('missing-branches');

/** A non-negative integer (`12`, or written `12.0`, `1e3`); -1 when the text is not one. */
function readCount(buffer: Buffer, start: number, end: number): number {
  let value = 0;
  let position = start;
  while (position < end) {
    const digit = (buffer[position] ?? 0) - 0x30;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
    position++;
  }
  if (position === end && end > start && value <= 0x7fffffff) return value;
  const parsed = Number(decodeEntities(buffer.toString('latin1', start, end)).trim());
  return Number.isInteger(parsed) && parsed >= 0 && parsed <= 0x7fffffff ? parsed : -1;
}

function readHitsPositive(buffer: Buffer, start: number, end: number, base: number): boolean {
  let allDigits = end > start;
  let positive = false;
  for (let position = start; position < end; position++) {
    const byte = buffer[position] ?? 0;
    if (byte < 0x30 || byte > 0x39) {
      allDigits = false;
      break;
    }
    if (byte !== 0x30) positive = true;
  }
  if (allDigits) return positive;
  // `1.0`, `1e3`, entities: rare, so the slow way. Only whether the line ran is kept, so any
  // count of 0 or more will do; a negative count or no number at all is no hit count.
  const hits = Number(decodeEntities(buffer.toString('latin1', start, end)).trim());
  if (!(hits >= 0) || end === start)
    throw new ScanError(
      base + start,
      `expected a hit count of 0 or more in hits="…", found ${preview(buffer, start, end)}`,
    );
  return hits > 0;
}

/** More exits than any line of code has; a larger count is a broken report, not a branch. */
export const MAX_BRANCHES_PER_LINE = 100_000;

/**
 * `50% (1/2)`: only the (taken/total) part is trusted; percentages are often wrong. More taken
 * than there are, or a count past MAX_BRANCHES_PER_LINE, is refused: either would show a
 * percent the report does not support.
 */
function readConditionCoverage(buffer: Buffer, start: number, end: number, base: number): void {
  let position = start;
  while (position < end && buffer[position] !== 0x28 /* ( */) position++;
  position++;
  let taken = 0;
  let digits = 0;
  for (; position < end && isDigit(buffer[position]); position++, digits++)
    taken = taken * 10 + (buffer[position] ?? 0) - 0x30;
  if (digits === 0 || buffer[position] !== SLASH) return;
  position++;
  let total = 0;
  digits = 0;
  for (; position < end && isDigit(buffer[position]); position++, digits++)
    total = total * 10 + (buffer[position] ?? 0) - 0x30;
  if (digits === 0 || buffer[position] !== 0x29 /* ) */) return;
  if (total > MAX_BRANCHES_PER_LINE || taken > total)
    throw new ScanError(
      base + start,
      `expected condition-coverage "(taken/total)" with taken <= total <= ${MAX_BRANCHES_PER_LINE}, found ${preview(buffer, start, end)}`,
    );
  conditionTaken = taken;
  conditionTotal = total;
}

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x30 && byte <= 0x39;
}

/** `5,exit` or `-1` (exit): destinations of the exits a branch line did not take. */
function readMissingBranches(
  buffer: Buffer,
  start: number,
  end: number,
  base: number,
  store: LineStore,
): void {
  let position = start;
  while (position < end) {
    while (position < end && (isSpace(buffer[position]) || buffer[position] === 0x2c)) position++;
    if (position >= end) break;
    const tokenStart = position;
    while (position < end && buffer[position] !== 0x2c) position++;
    let tokenEnd = position;
    while (tokenEnd > tokenStart && isSpace(buffer[tokenEnd - 1])) tokenEnd--;
    if (tokenEnd - tokenStart === 4 && bytesEqual(buffer, tokenStart, EXIT)) {
      store.pushArc(-1);
      continue;
    }
    let value = 0;
    let position2 = tokenStart;
    for (; position2 < tokenEnd && isDigit(buffer[position2]); position2++)
      value = value * 10 + (buffer[position2] ?? 0) - 0x30;
    if (position2 !== tokenEnd || tokenEnd === tokenStart || tokenEnd - tokenStart > 9)
      value = Number(buffer.toString('latin1', tokenStart, tokenEnd));
    // Line numbers are stored as 32-bit integers: a larger one would wrap, so it is refused.
    if (!Number.isInteger(value) || value > 0x7fffffff) {
      throw new ScanError(
        base + tokenStart,
        `expected line numbers or "exit" in missing-branches, found ${preview(buffer, tokenStart, tokenEnd)}`,
      );
    }
    store.pushArc(value < 0 ? -1 : value);
  }
}
