/**
 * Figures read out of a value as written. Each reader returns undefined rather than guess: an
 * estimate ("~79.5%", "estimated") is no stated figure, and a figure not stated stays absent.
 */

/** Markup and symbols that decorate a value without changing it. */
export function plainValue(value: string): string {
  return value
    .replace(/\*\*|__/g, '')
    .replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function isEstimate(value: string): boolean {
  return /[~≈]|\b(?:estimated|approx|approximately|about|environ|ca\.)\b|%\s*\+/iu.test(value);
}

const THOUSANDS = String.raw`\d{1,3}(?:[,\u00a0\u202f ]\d{3})+(?!\d)|\d+`;

/** The first whole number: "2,413 tests" → 2413, "2 413" → 2413. */
export function readCount(value: string): number | undefined {
  const text = plainValue(value);
  if (isEstimate(text)) return undefined;
  if (/^(?:zero|none|no|aucun|aucune|null)\b/iu.test(text)) return 0;
  const match = new RegExp(`(?<![\\d.,])(${THOUSANDS})(?![.,]?\\d)`, 'u').exec(text);
  if (match === null) return undefined;
  return Number((match[1] ?? '').replace(/[,\u00a0\u202f ]/g, ''));
}

const PERCENT = /(?<![\d.,+-])(\d{1,3}(?:[.,]\d+)?)\s*%/gu;

/** Every percent stated, in order ("38,77 %" read with a decimal comma). */
export function readPercents(value: string): number[] {
  const text = plainValue(value);
  if (isEstimate(text)) return [];
  return [...text.matchAll(PERCENT)]
    .map((match) => Number((match[1] ?? '').replace(',', '.')))
    .filter((percent) => percent <= 100);
}

/** "A% → B%": the value before and after an arrow. */
export function readArrow(value: string): { start: string; final: string } | undefined {
  const parts = plainValue(value).split(/\s*(?:→|->|=>|➜|⟶|to)\s*/u);
  if (parts.length < 2) return undefined;
  return { start: parts[0] ?? '', final: parts.slice(1).join(' ') };
}

/** "352/352 statements" or "(67/213 statements)": covered and total of the kind named. */
export function readFraction(
  value: string,
  kind: 'statement' | 'branch' | undefined,
): { covered: number; total: number } | undefined {
  const text = plainValue(value).replace(/(\d),(\d{3})/g, '$1$2');
  const pattern =
    kind === undefined
      ? /(\d+)\s*\/\s*(\d+)/u
      : new RegExp(String.raw`(\d+)\s*\/\s*(\d+)\s*${kind}`, 'iu');
  const match = pattern.exec(text);
  if (match === null) return undefined;
  const covered = Number(match[1]);
  const total = Number(match[2]);
  return covered <= total ? { covered, total } : undefined;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** An ISO date, or "November 24, 2025" / "24 November 2025", as "YYYY-MM-DD". */
export function readDate(value: string): string | undefined {
  const text = plainValue(value);
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/u.exec(text);
  if (iso !== null) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const named =
    /\b([A-Za-z]+)\s+(\d{1,2}),?\s+(\d{4})\b/u.exec(text) ??
    /\b(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})\b/u.exec(text);
  if (named === null) return undefined;
  const [monthName, day] = /^\d/.test(named[1] ?? '')
    ? [named[2] ?? '', named[1] ?? '']
    : [named[1] ?? '', named[2] ?? ''];
  const month = MONTHS.indexOf(monthName.toLowerCase()) + 1;
  if (month === 0) return undefined;
  return `${named[3]}-${String(month).padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** Text in backticks, else the first word that looks like a file or identifier. */
export function readName(value: string): string | undefined {
  const code = /`([^`]+)`/u.exec(value);
  if (code !== null) return code[1];
  const word = /[A-Za-z_][\w./-]*/u.exec(plainValue(value));
  return word?.[0];
}

/** "(1,900+ lines" → "1,900+ lines". */
export function readSize(value: string): string | undefined {
  return /(\d[\d,.]*\+?\s+lines)/iu.exec(value)?.[1];
}
