/**
 * "1 error", "3 errors", "2 branches": the count, then the noun in the form the count needs.
 * The plural is made with -s, or -es after s, x, ch and sh, unless given.
 */
export function plural(count: number, singular: string, pluralForm?: string): string {
  return `${count} ${pluralNoun(count, singular, pluralForm)}`;
}

/** The noun alone, for callers that format the count themselves ("2,413 tests"). */
export function pluralNoun(count: number, singular: string, pluralForm?: string): string {
  if (count === 1) return singular;
  return pluralForm ?? (/(s|x|ch|sh)$/.test(singular) ? `${singular}es` : `${singular}s`);
}
