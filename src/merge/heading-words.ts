/**
 * Headings compared by their words: case, accents, emoji, punctuation, markup and numbering do not
 * count, nor do a few filler words, and a trailing plural `s` is ignored.
 */
const FILLER = new Set([
  'a',
  'an',
  'and',
  'the',
  'of',
  'for',
  'in',
  'on',
  'to',
  'by',
  'with',
  'de',
  'des',
  'du',
  'la',
  'le',
  'les',
  'et',
]);

/** Letters and digits only, lower case, accents removed, words separated by one space. */
export function normaliseHeading(text: string): string {
  return text
    .replace(/\]\([^)]*\)/g, ']')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function stem(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

/** The words of a heading that say what it is about. */
export function significantWords(text: string): string[] {
  return normaliseHeading(text)
    .split(' ')
    .filter((word) => word !== '' && !FILLER.has(word))
    .map(stem);
}

const remembered = new Map<string, readonly string[]>();
/** Enough for the headings of the largest documents; past it the memory is started afresh. */
const REMEMBERED_LIMIT = 100_000;

/**
 * `significantWords`, remembered by text: a merge reads the same headings in the rendering, the
 * merged file and the check of its structure, thousands of them in a long campaign's documents.
 */
export function headingWordsOf(text: string): readonly string[] {
  let words = remembered.get(text);
  if (words === undefined) {
    if (remembered.size >= REMEMBERED_LIMIT) remembered.clear();
    words = significantWords(text);
    remembered.set(text, words);
  }
  return words;
}

/**
 * The part of a rendered heading before its first separator (`:`, ` - `, a dash, `(`): what
 * the section is; what follows is usually data (a module name, a phase number) that a person's
 * heading need not repeat. Undefined when there is no separator.
 */
export function headingLabel(text: string): string | undefined {
  // No `\s*` before the separator: tried at every position of a long run of blanks, it made
  // this quadratic (80,000 spaces in a title took seconds). The blanks are trimmed instead.
  const match = /:|\s[-–—]\s|\(/u.exec(text);
  if (match === null) return undefined;
  const label = text.slice(0, match.index).trimEnd();
  return label === '' ? undefined : label;
}

/** Every wanted word is among the words a person wrote (in any order, with others between). */
export function containsAllWords(written: readonly string[], wanted: readonly string[]): boolean {
  if (wanted.length === 0) return false;
  const available = new Set(written);
  return wanted.every((word) => available.has(word));
}
