/**
 * Mojibake: UTF-8 text that was once decoded as Windows-1252 and saved again as UTF-8, so that
 * "🚀" reads "ðŸš€" and "✅" reads "âœ…". A run is repaired by encoding it back to Windows-1252
 * bytes and decoding those as UTF-8 — only when that round trip is exact and gives a character
 * such text plausibly held (Latin letters, Greek, Cyrillic, punctuation, symbols, emoji). The
 * plausibility test is what keeps legitimate text safe: "é" then "€‚" is also the Windows-1252
 * reading of a CJK character, but a person who typed it meant those three characters.
 */

/** Windows-1252 bytes 0x80-0x9F; the five bytes it leaves undefined pass through as C1 controls. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

const byteOfChar = new Map<string, number>();
for (let byte = 0x80; byte <= 0xff; byte++) {
  const code = byte < 0xa0 ? (CP1252_HIGH[byte - 0x80] ?? byte) : byte;
  byteOfChar.set(String.fromCharCode(code), byte);
}

const charClass = (low: number, high: number): string =>
  [...byteOfChar]
    .filter(([, byte]) => byte >= low && byte <= high)
    .map(([char]) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .join('');

const CONTINUATION = `[${charClass(0x80, 0xbf)}]`;
/** One UTF-8 sequence read as Windows-1252: a lead byte and as many continuation bytes as it needs. */
const SEQUENCE = `(?:[${charClass(0xc2, 0xdf)}]${CONTINUATION}|[${charClass(0xe0, 0xef)}]${CONTINUATION}{2}|[${charClass(0xf0, 0xf4)}]${CONTINUATION}{3})`;
const RUN = new RegExp(`${SEQUENCE}+`, 'gu');

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Code points a document plausibly held before it was mis-decoded. */
function plausible(codePoint: number): boolean {
  return (
    (codePoint >= 0xa0 && codePoint <= 0x24f) || // Latin-1 supplement, Latin Extended A and B
    (codePoint >= 0x370 && codePoint <= 0x4ff) || // Greek, Cyrillic
    (codePoint >= 0x1e00 && codePoint <= 0x1eff) || // Latin Extended Additional
    (codePoint >= 0x2000 && codePoint <= 0x2bff) || // punctuation, symbols, arrows, dingbats
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f) || // variation selectors (emoji presentation)
    (codePoint >= 0x1f000 && codePoint <= 0x1fbff) || // emoji
    (codePoint >= 0xe0000 && codePoint <= 0xe007f) // tag characters (flag sequences)
  );
}

/** The text the run stood for, or undefined when it is not exactly mojibake of plausible text. */
function undo(run: string): string | undefined {
  const bytes: number[] = [];
  for (const char of run) {
    const byte = byteOfChar.get(char);
    if (byte === undefined) return undefined;
    bytes.push(byte);
  }
  let decoded: string;
  try {
    decoded = decoder.decode(Uint8Array.from(bytes));
  } catch {
    return undefined;
  }
  for (const char of decoded) if (!plausible(char.codePointAt(0) ?? 0)) return undefined;
  return decoded;
}

export interface MojibakeRun {
  /** Offset of the run in the text (UTF-16 code units). */
  readonly offset: number;
  /** The run as it stands, e.g. "ðŸš€". */
  readonly found: string;
  /** What it stood for, e.g. "🚀". */
  readonly repaired: string;
}

/**
 * Every repairable run, in order. A lone two-character sequence is the weakest evidence: "SÅ—"
 * is also a Danish capital before a dash. Such a pair counts alone when its lead is one mojibake
 * nearly always starts with ("Ã©", "Â°"), when its second character is no punctuation a word
 * ends with ("Åº" for "ź"), or when it sits against lower-case letters or inside a word
 * ("bÄ™dÄ…" for "będą") — an accented capital ends a word only in a capitalised word. Once one
 * run is convincing, the text is known to have been mis-decoded and the weak pairs count too.
 */
export function findMojibake(text: string): MojibakeRun[] {
  const runs: MojibakeRun[] = [];
  // Set inside close(), which the compiler cannot follow: an object keeps it honest.
  const evidence = { convincing: false };
  for (const match of text.matchAll(RUN)) {
    let current: MojibakeRun | undefined;
    let pieces = 0;
    const close = () => {
      if (current !== undefined) {
        runs.push(current);
        evidence.convincing ||= pieces > 1 || convincing(text, current);
      }
      current = undefined;
      pieces = 0;
    };
    // A run may join a genuine run to an innocent neighbour; its sequences are undone one by one.
    for (const piece of splitSequences(match[0])) {
      const repaired = undo(piece.text);
      if (repaired === undefined) {
        close();
        continue;
      }
      const offset = match.index + piece.offset;
      current =
        current === undefined
          ? { offset, found: piece.text, repaired }
          : {
              offset: current.offset,
              found: current.found + piece.text,
              repaired: current.repaired + repaired,
            };
      pieces++;
    }
    close();
  }
  return evidence.convincing ? runs : [];
}

/** Windows-1252 readings of continuation bytes that text puts right after a word. */
const WORD_END_PUNCTUATION = new Set('—–…‘’“”«»‹›•‚„\u00a0¡¿');
const LETTER = /\p{L}/u;
const LOWER_CASE = /\p{Ll}/u;

function convincing(text: string, run: MojibakeRun): boolean {
  if (run.found.length > 2 || run.found.startsWith('Â') || run.found.startsWith('Ã')) return true;
  if (!WORD_END_PUNCTUATION.has(run.found.slice(1))) return true;
  const before = text[run.offset - 1] ?? '';
  const after = text[run.offset + run.found.length] ?? '';
  return LOWER_CASE.test(before) || LETTER.test(after);
}

const ONE_SEQUENCE = new RegExp(SEQUENCE, 'gu');

function splitSequences(run: string): { offset: number; text: string }[] {
  return [...run.matchAll(ONE_SEQUENCE)].map((match) => ({ offset: match.index, text: match[0] }));
}

/** The text with every repairable run replaced by what it stood for; other text untouched. */
export function repairMojibake(text: string): string {
  let repaired = '';
  let from = 0;
  for (const run of findMojibake(text)) {
    repaired += text.slice(from, run.offset) + run.repaired;
    from = run.offset + run.found.length;
  }
  return repaired + text.slice(from);
}
