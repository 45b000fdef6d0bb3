/**
 * Display width of a string as Prettier measures it when it aligns Markdown tables: wide East
 * Asian characters and emoji take two columns, combining marks and joiners none. Matching it
 * keeps generated tables unchanged under Prettier.
 */
const combiningMark = /[\p{Mn}\p{Me}]/u;
const emoji = /\p{Extended_Pictographic}/u;

export function displayWidth(text: string): number {
  let width = 0;
  for (let index = 0; index < text.length; index++) {
    // Below U+0300 (the first combining mark) every character is one column: the common case
    // needs no regex.
    if (text.charCodeAt(index) < 0x300) {
      width++;
      continue;
    }
    const code = text.codePointAt(index) ?? 0;
    const length = code > 0xffff ? 2 : 1;
    const char = text.slice(index, index + length);
    index += length - 1;
    if (isZeroWidth(char, code)) continue;
    width += emoji.test(char) && code > 0xff ? 2 : isWide(code) ? 2 : 1;
  }
  return width;
}

/** Combining marks, zero-width spaces and joiners, and variation selectors. */
function isZeroWidth(char: string, code: number): boolean {
  return (
    combiningMark.test(char) ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0xfe00 && code <= 0xfe0f) ||
    (code >= 0xe0100 && code <= 0xe01ef)
  );
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}
