/**
 * Where each key of the root's "files" object sits in the report text, found in one forward
 * pass over the text: searching for every file's key from the start of "files" made a report
 * of many files quadratic. Made on demand, only when a file has a problem to place.
 */
export function fileKeyOffsets(text: string): ReadonlyMap<string, number> {
  let offsets = new Map<string, number>();
  let depth = 0;
  let filesDepth = -1;
  let awaitingFiles = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      const start = index;
      index = stringEnd(text, index);
      if (depth !== 1 && depth !== filesDepth) continue;
      const colon = nextNonBlank(text, index + 1);
      if (text.charCodeAt(colon) !== COLON) continue;
      const key = keyText(text, start, index);
      if (depth === 1) {
        // JSON.parse keeps the last of repeated "files" keys, so its keys are the ones placed.
        awaitingFiles = key === 'files';
        if (awaitingFiles) offsets = new Map();
      } else if (!offsets.has(key)) offsets.set(key, start);
      index = colon;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      depth++;
      if (awaitingFiles && depth === 2 && code === OPEN_BRACE) filesDepth = 2;
      awaitingFiles = false;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      if (depth === filesDepth) filesDepth = -1;
      depth--;
    }
  }
  return offsets;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** The index of the quote closing the string opened at `start` (or the text's end). */
function stringEnd(text: string, start: number): number {
  let at = start;
  for (;;) {
    at = text.indexOf('"', at + 1);
    if (at < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
}

function nextNonBlank(text: string, from: number): number {
  let at = from;
  for (;;) {
    const code = text.charCodeAt(at);
    if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) return at;
    at++;
  }
}

function keyText(text: string, start: number, end: number): string {
  const raw = text.slice(start, end + 1);
  return raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
}
