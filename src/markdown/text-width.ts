/**
 * Display width of a string as Prettier measures it when it aligns Markdown tables: wide East
 * Asian characters and emoji take two columns, combining marks and joiners none. Matching it
 * keeps generated tables unchanged under Prettier.
 */
const zeroWidth = /[\p{Mn}\p{Me}\u200B-\u200F\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/u;
const emoji = /\p{Extended_Pictographic}/u;

export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    if (zeroWidth.test(char)) continue;
    const code = char.codePointAt(0) ?? 0;
    width += emoji.test(char) && code > 0xff ? 2 : isWide(code) ? 2 : 1;
  }
  return width;
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
