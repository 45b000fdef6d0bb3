import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findMojibake, repairMojibake } from '../../src/text/mojibake.js';

/**
 * What a UTF-8 text becomes when read as Windows-1252 and saved again as UTF-8. Written out here
 * (Node's TextDecoder reads "windows-1252" as Latin-1), with the undefined bytes kept as C1
 * controls as Windows' own decoder keeps them.
 */
const windows1252High = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const misDecode = (text: string): string =>
  [...new TextEncoder().encode(text)]
    .map((byte) =>
      byte >= 0x80 && byte < 0xa0 ? windows1252High[byte - 0x80] : String.fromCharCode(byte),
    )
    .join('');

const emoji = ['🚀', '✅', '🎊', '📊', '🎯', '⏳', '⚠️', '👨‍💻', '🏔️', '🔧', '❌', '✨', '🇫🇷'];
const lowerAccented = [
  'é',
  'è',
  'à',
  'ç',
  'ö',
  'ü',
  'ß',
  'ñ',
  'ø',
  'ï',
  'œ',
  'ł',
  'ő',
  'ą',
  'ę',
  'ź',
];
const upperAccented = ['É', 'È', 'À', 'Ç', 'Ö', 'Ü', 'Å', 'Ø', 'Æ', 'Ñ', 'Œ', 'Ł', 'Ő', 'Ą', 'Ź'];
const punctuation = [
  '—',
  '–',
  '…',
  '“',
  '”',
  '‘',
  '’',
  '«',
  '»',
  '€',
  '£',
  '°',
  '±',
  '©',
  '→',
  '•',
];

const lower = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'.split(''));
const upper = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split(''));
const lettersOf = (
  plain: fc.Arbitrary<string>,
  accentedLetters: readonly string[],
): fc.Arbitrary<string> =>
  fc
    .array(fc.oneof({ weight: 5, arbitrary: plain }, fc.constantFrom(...accentedLetters)), {
      minLength: 1,
      maxLength: 9,
    })
    .map((letters) => letters.join(''));
/**
 * A word as people write it: lower case or capitals, some accented; sentence punctuation only at
 * its end. No accented capital right before "Œ" inside a word: "ÅŒ" is, byte for byte, the
 * mis-decoded "Ō", and no language writes it.
 */
const word = fc
  .tuple(
    fc.oneof(
      lettersOf(lower, lowerAccented),
      lettersOf(upper, upperAccented),
      fc.tuple(upper, lettersOf(lower, lowerAccented)).map(([first, rest]) => first + rest),
    ),
    fc.option(fc.constantFrom('—', '–', '…', '”', '’', '»', ',', '.', '!', ':'), {
      nil: undefined,
    }),
  )
  .filter(([letters]) => !/[Â-ß][ŒŠŽŸœšžƒ]/u.test(letters))
  .map(([letters, mark]) => letters + (mark ?? ''));
const token = fc.oneof(
  { weight: 6, arbitrary: word },
  fc.constantFrom(...emoji),
  fc.constantFrom(...punctuation),
  fc.integer({ min: 0, max: 9999 }).map(String),
);
const prose = fc.array(token, { maxLength: 30 }).map((tokens) => tokens.join(' '));

const curated = [
  'Les résultats ont été publiés à l’été — déjà « très bien ».',
  'Die Größe der Straße: 5 m² … groß!',
  'Ça coûte 12 € ; naïve façade, cœur, Œuvre.',
  'Señor Muñoz: ±3 °C, © 2025, “quoted” and ‘single’.',
  'Łódź, Kraków, Dvořák, Ærøskøbing, Þórsmörk.',
  'Привет мир; Καλημέρα κόσμε.',
  '🚀 Launch ✅ done 🎊 — 👨‍💻 ⚠️ 🇫🇷',
];

describe('mojibake', () => {
  it.each(curated)('never flags legitimate text: %s', (text) => {
    expect(findMojibake(text)).toEqual([]);
    expect(repairMojibake(text)).toBe(text);
  });

  it.each(curated)('detects and repairs the mis-decoded form exactly: %s', (text) => {
    const broken = misDecode(text);
    expect(findMojibake(broken).length).toBeGreaterThan(0);
    expect(repairMojibake(broken)).toBe(text);
  });

  it('names where a run starts and what it stood for', () => {
    expect(findMojibake('# ðŸš€ Launch âœ…')).toEqual([
      { offset: 2, found: 'ðŸš€', repaired: '🚀' },
      { offset: 14, found: 'âœ…', repaired: '✅' },
    ]);
  });

  it('leaves a run alone whose round trip is not exact or not plausible', () => {
    // "é€‚" is the Windows-1252 reading of a CJK character: a person who wrote it meant it.
    expect(findMojibake('café€‚ ok')).toEqual([]);
    expect(findMojibake('Straß…')).toEqual([]);
    // A truncated sequence (its last byte lost) cannot be undone exactly.
    expect(findMojibake('ðŸš done')).toEqual([]);
  });

  it('property: random prose is never flagged and never changed', () => {
    fc.assert(
      fc.property(prose, (text) => {
        expect(findMojibake(text)).toEqual([]);
        expect(repairMojibake(text)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('property: mis-decoded prose with emoji or accents is detected and repaired exactly', () => {
    const withSpecial = fc
      .tuple(prose, fc.oneof(fc.constantFrom(...emoji), lettersOf(lower, lowerAccented)), prose)
      // Latin Extended-A letters alone (ą, ł, ź, œ…) mis-decode to a pair such as "Ä…" that real
      // text can hold: the finder takes those only beside an unmistakable run (an emoji, a
      // Latin-1 letter), so the generated word always has one.
      .filter(([, special]) => /[\p{Extended_Pictographic}éèàçöüßñøï]/u.test(special))
      .map(([before, special, after]) => `${before} ${special} ${after}`);
    fc.assert(
      fc.property(withSpecial, (text) => {
        const broken = misDecode(text);
        expect(findMojibake(broken).length).toBeGreaterThan(0);
        expect(repairMojibake(broken)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});
